from django.urls import path

from rezerv.documents import views

urlpatterns = [
    path("c/<uuid:uid>/", views.campaign_documents, name="documents_campaign"),
    path(
        "c/<uuid:uid>/<slug:code>.<slug:fmt>", views.campaign_file, name="documents_campaign_file"
    ),
    path("m/<int:pk>/<slug:code>.<slug:fmt>", views.member_file, name="documents_member_file"),
    path("a/<uuid:uid>/", views.application_documents, name="documents_application"),
    path(
        "a/<uuid:uid>/<slug:code>.<slug:fmt>",
        views.application_file,
        name="documents_application_file",
    ),
    path("retention/", views.retention_acts, name="retention_acts"),
    path("retention/<uuid:uid>.pdf", views.retention_act_file, name="retention_act_file"),
    path("templates/", views.templates_page, name="documents_templates"),
    path("templates/<int:pk>/delete/", views.template_delete, name="documents_template_delete"),
    path(
        "templates/bundled/<slug:code>.<slug:fmt>",
        views.bundled_template,
        name="documents_bundled_template",
    ),
]
