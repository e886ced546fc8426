from django.contrib.auth import views as auth_views
from django.urls import include, path

from rezerv.web import (
    announcement_text,
    audit_views,
    body_views,
    campaign_desk,
    candidate_views,
    commission_members,
    decision_reopen,
    login_security,
    meeting_desk,
    meeting_views,
    own_data_views,
    reauth,
    regulation_views,
    reserve_analytics_views,
    reserve_efficiency_views,
    reserve_plan_views,
    reserve_public_views,
    reserve_review_views,
    reserve_vacancy_views,
    reserve_views,
    scoring_screen,
    second_factor,
    stage_decision,
    views,
)

handler500 = "rezerv.web.errors.server_error"  # 400, 403, 404: Django's, with templates/4xx.html

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<uuid:uid>/", views.announcement, name="announcement"),
    path("c/<uuid:uid>/apply/", views.apply, name="apply"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="web/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/register/", views.register, name="register"),
    path("accounts/confirm/", reauth.password_confirm, name="password_confirm"),
    path("accounts/security/", login_security.account_security, name="account_security"),
    path(
        "accounts/password/",
        login_security.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/second-factor/", second_factor.second_factor_verify, name="second_factor"),
    path(
        "accounts/second-factor/setup/",
        second_factor.second_factor_setup,
        name="second_factor_setup",
    ),
    path(
        "accounts/second-factor/codes/",
        second_factor.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("accounts/start/", views.login_redirect, name="start"),
    path("me/", views.my_applications, name="me"),
    path("me/questionnaire/", views.questionnaire, name="questionnaire"),
    path("me/data/", own_data_views.my_data, name="my_data"),
    path("me/data/export.json", own_data_views.my_data_export, name="my_data_export"),
    path("me/data/erase/", own_data_views.my_data_erase, name="my_data_erase"),
    path("a/<uuid:uid>/", views.application_view, name="application"),
    path("a/<uuid:uid>/consent/", views.application_consent, name="application_consent"),
    path("a/<uuid:uid>/change/", views.application_change, name="application_change"),
    path(
        "a/<uuid:uid>/document/", candidate_views.application_document, name="application_document"
    ),
    path(
        "a/<uuid:uid>/withdraw/", candidate_views.application_withdraw, name="application_withdraw"
    ),
    path("files/<int:pk>/", candidate_views.upload_open, name="upload_open"),
    path("desk/", views.desk, name="desk"),
    path("desk/new/", views.desk_campaign_new, name="desk_campaign_new"),
    path("desk/regulations/", regulation_views.desk_regulations, name="desk_regulations"),
    path("desk/bodies/", body_views.desk_bodies, name="desk_bodies"),
    path("desk/bodies/<int:pk>/", body_views.desk_body, name="desk_body"),
    path(
        "desk/regulations/upload/",
        regulation_views.desk_regulation_upload,
        name="desk_regulation_upload",
    ),
    path(
        "desk/regulations/<int:pk>/",
        regulation_views.desk_regulation_version,
        name="desk_regulation_version",
    ),
    path("desk/reserve/", reserve_views.desk_reserve, name="desk_reserve"),
    path(
        "desk/reserve/analytics/",
        reserve_analytics_views.desk_reserve_analytics,
        name="desk_reserve_analytics",
    ),
    path(
        "desk/reserve/reviews/",
        reserve_review_views.desk_reserve_reviews,
        name="desk_reserve_reviews",
    ),
    path(
        "desk/reserve/reviews/<uuid:uid>/",
        reserve_review_views.desk_reserve_review,
        name="desk_reserve_review",
    ),
    path(
        "desk/reserve/vacancies/",
        reserve_vacancy_views.desk_vacancies,
        name="desk_vacancies",
    ),
    path(
        "desk/reserve/vacancies/<uuid:uid>/",
        reserve_vacancy_views.desk_vacancy,
        name="desk_vacancy",
    ),
    path(
        "desk/reserve/efficiency/",
        reserve_efficiency_views.desk_reserve_efficiency,
        name="desk_reserve_efficiency",
    ),
    path(
        "desk/reserve/<uuid:uid>/plan/",
        reserve_plan_views.desk_reserve_plan,
        name="desk_reserve_plan",
    ),
    path("me/reserve/", reserve_plan_views.me_reserve, name="me_reserve"),
    path("reserve/", reserve_public_views.public_reserve, name="public_reserve"),
    path(
        "reserve/open-data.csv", reserve_public_views.public_reserve_csv, name="public_reserve_csv"
    ),
    path(
        "reserve/open-data.json",
        reserve_public_views.public_reserve_json,
        name="public_reserve_json",
    ),
    path(
        "reserve/reports/<int:pk>/",
        reserve_plan_views.reserve_report_file,
        name="reserve_report_file",
    ),
    path("desk/reserve/<uuid:uid>/", reserve_views.desk_reserve_member, name="desk_reserve_member"),
    path("desk/c/<uuid:uid>/", campaign_desk.desk_campaign, name="desk_campaign"),
    path("desk/c/<uuid:uid>/publish/", views.desk_publish, name="desk_publish"),
    path(
        "desk/c/<uuid:uid>/announcement/",
        announcement_text.desk_announcement,
        name="desk_announcement",
    ),
    path("desk/c/<uuid:uid>/commissions/", views.desk_commissions, name="desk_commissions"),
    path(
        "desk/c/<uuid:uid>/commissions/member/<int:pk>/",
        commission_members.desk_member_edit,
        name="desk_member_edit",
    ),
    path(
        "desk/c/<uuid:uid>/results/<slug:stage_id>/<slug:method_id>/",
        views.desk_results,
        name="desk_results",
    ),
    path(
        "desk/c/<uuid:uid>/close/<slug:stage_id>/",
        views.desk_close_scoring,
        name="desk_close_scoring",
    ),
    path(
        "desk/c/<uuid:uid>/meeting/<slug:stage_id>/",
        views.desk_meeting_new,
        name="desk_meeting_new",
    ),
    path(
        "desk/c/<uuid:uid>/stage-decision/<slug:stage_id>/",
        stage_decision.desk_stage_decision,
        name="desk_stage_decision",
    ),
    path("desk/c/<uuid:uid>/decision/", views.desk_decision, name="desk_decision"),
    path(
        "desk/c/<uuid:uid>/decision/<int:pk>/reopen/",
        decision_reopen.desk_decision_reopen,
        name="desk_decision_reopen",
    ),
    path("desk/c/<uuid:uid>/audit/", audit_views.desk_audit, name="desk_audit"),
    path("desk/c/<uuid:uid>/audit.xlsx", audit_views.desk_audit_export, name="desk_audit_export"),
    path("desk/a/<uuid:uid>/", campaign_desk.desk_application, name="desk_application"),
    path("desk/m/<int:pk>/", meeting_desk.desk_meeting, name="desk_meeting"),
    path("desk/m/<int:pk>/change/", meeting_views.desk_meeting_change, name="desk_meeting_change"),
    path("commission/", views.commission_home, name="commission"),
    path(
        "commission/c/<uuid:uid>/<slug:stage_id>/<slug:method_id>/",
        scoring_screen.scoring,
        name="scoring",
    ),
    path("api/", include("rezerv.api.urls")),
    path("", include("rezerv.spreadsheets.urls")),  # desk/c/<uuid>/sheets/… (XLSX, CSV)
    path("documents/", include("rezerv.documents.urls")),
    path("", include("rezerv.assessment.urls")),  # tests taken online (issue 11)
    path("", include("rezerv.works.urls")),  # a/<uuid>/works/, works/… (written works, issue 11)
    # the messages, the delivery log, the failed jobs, the password reset (issue 12)
    path("", include("rezerv.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
