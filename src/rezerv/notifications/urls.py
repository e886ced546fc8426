from django.urls import path

from rezerv.notifications import password_reset, views

urlpatterns = [
    # the header's choice of language, kept for the user's messages (before Django's own)
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("me/notifications/", views.my_notifications, name="my_notifications"),
    path("desk/notifications/", views.my_notifications, name="desk_notifications"),
    path("desk/c/<uuid:uid>/notifications/", views.delivery_log, name="delivery_log"),
    path("desk/jobs/", views.failed_jobs, name="failed_jobs"),
    path("desk/deadlines/", views.deadline_board, name="deadline_board"),
    path("desk/c/<uuid:uid>/deadlines/", views.campaign_deadlines, name="campaign_deadlines"),
    path("desk/messages/", views.message_templates, name="message_templates"),
    path(
        "desk/messages/<str:key>/<str:language>/",
        views.message_template_edit,
        name="message_template_edit",
    ),
    path("accounts/email/", views.email_confirmation, name="email_confirmation"),
    path("accounts/email/<str:token>/", views.email_confirm, name="email_confirm"),
    path(
        "accounts/password-reset/",
        password_reset.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        password_reset.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        password_reset.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
