from django.urls import path

from rezerv.assessment import candidate_views, staff_views

urlpatterns = [
    path("desk/banks/", staff_views.banks, name="assessment_banks"),
    path("desk/banks/<int:pk>/", staff_views.bank, name="assessment_bank"),
    path("desk/banks/<int:pk>/question/", staff_views.question, name="assessment_question_new"),
    path(
        "desk/banks/<int:pk>/question/<int:qpk>/",
        staff_views.question,
        name="assessment_question",
    ),
    path("desk/c/<uuid:uid>/tests/", staff_views.sessions, name="assessment_sessions"),
    path("desk/c/<uuid:uid>/tests/<int:pk>/", staff_views.stats, name="assessment_stats"),
    path("a/<uuid:uid>/tests/", candidate_views.tests, name="assessment_tests"),
    path("a/<uuid:uid>/tests/<int:pk>/start/", candidate_views.start, name="assessment_start"),
    path("a/<uuid:uid>/attempt/<int:pk>/", candidate_views.take, name="assessment_take"),
    path("a/<uuid:uid>/attempt/<int:pk>/answer/", candidate_views.answer, name="assessment_answer"),
]
