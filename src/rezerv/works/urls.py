from django.urls import path

from rezerv.works import views

urlpatterns = [
    path("a/<uuid:uid>/works/", views.candidate_works, name="works_candidate"),
    path(
        "works/c/<uuid:uid>/<slug:stage_id>/<slug:method_id>/",
        views.works_list,
        name="works_list",
    ),
    path("works/file/<int:pk>/", views.work_file, name="work_file"),
]
