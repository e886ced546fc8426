"""API views translate HTTP to selector and service calls, as the web views do.

Scoping is that of the web UI and the documents (``rezerv.selection.policy``): an object outside a user's scope is
not found (404); an action the user's role does not allow on a visible object is forbidden
(403); bad input is refused with field-level messages (400) and changes nothing; a stale
``version`` is a conflict (409).
"""

from __future__ import annotations

import uuid
from typing import Any, NoReturn, cast

from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from rezerv.api import serializers as s
from rezerv.api.permissions import ANONYMOUS, IsStaff, viewer
from rezerv.selection import policy, reads, selectors, services
from rezerv.selection.campaign_positions import position_titles, record_choices
from rezerv.selection.in_force import decisions_in_force
from rezerv.selection.models import Application, Ballot, Campaign, Document, Result
from rezerv.selection.states import ApplicationStatus
from rezerv.web.forms import ApplicationForm


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Запись изменена другим пользователем; получите её заново."
    default_code = "conflict"


def raise_service_error(
    exc: services.ServiceError, fields: dict[str, str] | None = None
) -> NoReturn:
    """A refused request as 409 (stale version) or 400 with the field the service named."""
    if isinstance(exc, services.ConcurrentEdit):
        raise Conflict(exc.message) from exc
    key = (fields or {}).get(exc.field or "", "non_field_errors")
    raise ValidationError({key: [exc.message]}) from exc


READ_ERRORS = {
    403: OpenApiResponse(description="Действие не разрешено для вашей роли."),
    404: OpenApiResponse(description="Объект не найден (или вне вашей области доступа)."),
}
ERRORS = {
    400: OpenApiResponse(description="Неверные данные: сообщения по полям."),
    **READ_ERRORS,
}
CONFLICT = {409: OpenApiResponse(description="Устаревшая версия: запись изменена после чтения.")}


def _param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=description)


# --------------------------------------------------------------------------- campaigns


@extend_schema_view(
    list=extend_schema(
        summary="Кампании",
        description="Объявленные кампании (публично); черновики — кадровой службе их органа.",
    ),
    retrieve=extend_schema(
        summary="Кампания", responses={200: s.CampaignDetailSerializer, **READ_ERRORS}
    ),
)
class CampaignViewSet(viewsets.ReadOnlyModelViewSet[Campaign]):
    permission_classes = [AllowAny]
    lookup_field = "uid"
    serializer_class = s.CampaignSerializer

    def get_queryset(self) -> QuerySet[Campaign]:
        return viewer(self.request).campaigns()

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return s.CampaignDetailSerializer
        return s.CampaignSerializer

    @extend_schema(
        summary="Решения по кампании",
        description="Для кадровой службы органа, администраторов и членов комиссии кампании.",
        responses={200: s.DecisionSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def decisions(self, request: Request, uid: str) -> Response:
        campaign = self.get_object()
        if not request.user.has_perm("selection.view_decisions", campaign):
            raise PermissionDenied("Решения доступны кадровой службе и членам комиссии.")
        data = s.DecisionSerializer(
            decisions_in_force(campaign), many=True, context={"viewer": viewer(request)}
        ).data
        return Response(data)

    @extend_schema(
        summary="Результаты испытаний кампании",
        description="Результаты тестов, зачёты и листы, внесённые кадровой службой.",
        responses={200: s.ResultSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def results(self, request: Request, uid: str) -> Response:
        campaign = self.get_object()
        if not request.user.has_perm("selection.view_results", campaign):
            raise PermissionDenied("Результаты доступны кадровой службе органа.")
        rows = viewer(request).results().filter(application__campaign=campaign).order_by("pk")
        return Response(s.ResultSerializer(rows, many=True).data)


# --------------------------------------------------------------------------- applications


def _audit_view(request: Request, application: Application) -> None:
    """Access to personal data is counted (``selection/reads.py``): identifiers only."""
    reads.record(request.user, application, "api")


@extend_schema_view(
    list=extend_schema(
        summary="Заявления",
        description=(
            "Кандидат видит свои заявления; кадровая служба органа и администраторы — заявления "
            "своих кампаний; член комиссии — допущенных кандидатов своих кампаний, без ФИО, "
            "если оценочный лист анонимный (лист метода из параметра method или, без него, "
            "любой лист этапов комиссии)."
        ),
        parameters=[
            _param("campaign", "uid кампании"),
            _param("status", ", ".join(ApplicationStatus.values)),
            _param("method", "метод оценки: его лист решает, видны ли ФИО члену комиссии"),
        ],
    ),
    retrieve=extend_schema(
        summary="Заявление",
        parameters=[_param("method", "метод оценки (анонимность листа)")],
        responses={200: s.ApplicationSerializer, **READ_ERRORS},
    ),
)
class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Application],
):
    permission_classes = [IsAuthenticated]
    lookup_field = "uid"
    serializer_class = s.ApplicationSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[Application]:
        qs = viewer(self.request).applications()
        params = self.request.query_params
        if params.get("campaign"):
            qs = qs.filter(_uid_is("campaign__uid", params["campaign"]))
        if params.get("status"):
            if params["status"] not in ApplicationStatus.values:
                raise ValidationError(
                    {
                        "status": [
                            gettext(
                                "Неизвестный статус заявления «%(status)s»; допустимы: %(all)s."
                            )
                            % {
                                "status": params["status"],
                                "all": ", ".join(ApplicationStatus.values),
                            }
                        ]
                    }
                )
            qs = qs.filter(status=params["status"])
        return qs.order_by("submitted_at", "pk")

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["viewer"] = viewer(self.request)
        context["method"] = self.request.query_params.get("method") or None
        return context

    def get_object(self) -> Application:
        application: Application = super().get_object()
        # The rules permission is the authority; the scope above only narrows the search.
        if not self.request.user.has_perm("selection.view_application", application):
            raise Http404
        return application

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # a page of rows (api.pagination), their files and campaigns read once for the page
        rows = list(self.paginate_queryset(self.get_queryset()) or [])
        s.prepare_applications(rows)
        serializer = cast(serializers.ListSerializer[Any], self.get_serializer(rows, many=True))
        data = serializer.data
        child = cast(s.ApplicationSerializer, serializer.child)
        reads.record_many(request.user, [a for a in rows if child.level(a) != ANONYMOUS], "api")
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        application = self.get_object()
        _audit_view(request, application)
        return Response(self.get_serializer(application).data)

    @extend_schema(
        summary="Подать заявление",
        description=(
            "multipart/form-data, как веб-форма: campaign, route, consent, сведения "
            "fact_<id> и файлы документов doc_<id> по регламенту. Повторная подача "
            "возвращает уже поданное заявление (200)."
        ),
        request={"multipart/form-data": s.ApplicationSubmitSerializer},
        responses={
            201: s.ApplicationSerializer,
            200: OpenApiResponse(s.ApplicationSerializer, description="Заявление уже подано."),
            **ERRORS,
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        v = viewer(request)
        person = selectors.person_of(request.user)
        if person is None:
            raise PermissionDenied(
                "Заявление подаёт кандидат: учётная запись не связана с анкетой."
            )
        head = s.ApplicationSubmitSerializer(data=request.data)
        # a RelatedField, typed Field; the stubs' queryset (a Manager) refuses it even cast
        head.fields["campaign"].queryset = v.campaigns()  # type: ignore[attr-defined]
        head.is_valid(raise_exception=True)
        campaign: Campaign = head.validated_data["campaign"]
        existing = Application.objects.filter(campaign=campaign, person=person).first()
        if existing is not None:
            return Response(self.get_serializer(existing).data, status=status.HTTP_200_OK)
        reg = campaign.regulation.load().regulation
        form = ApplicationForm(
            request.data,
            request.FILES,
            regulation=reg,
            consent_text=selectors.consent_text(reg),
            questionnaire_answers=selectors.questionnaire_facts(person, reg),
            positions=position_titles(campaign),
            choices=record_choices(campaign, reg),
        )
        if not form.is_valid():
            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        facts = selectors.questionnaire_facts(person, reg)
        facts.update(form.facts())
        try:
            application = services.application_submit(
                actor=request.user,
                campaign=campaign,
                person=person,
                route=form.cleaned_data.get("route") or head.validated_data["route"],
                facts=facts,
                consent_text=selectors.consent_text(reg),
                consent_given=bool(form.cleaned_data.get("consent")),
                files=form.files_by_type(),
            )
        except services.ServiceError as exc:
            key = exc.field or ""
            field = next((k for k in (key, f"doc_{key}", f"fact_{key}") if k in form.fields), None)
            raise ValidationError({field or "non_field_errors": [exc.message]}) from exc
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Файл документа заявления",
        description="Кандидату, кадровой службе органа, администраторам и членам комиссии, рассматривающей заявление (KM-14): им — документы в силе.",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>[0-9]+)")
    def document(self, request: Request, uid: str, document_id: str) -> FileResponse:
        application = self.get_object()
        document = get_object_or_404(Document, pk=document_id, application=application)
        # the web's rule (web.candidate_views.upload_open): the candidate, HR, and the members
        # of a commission examining the application (KM-14), the files in force for them
        if not policy.allowed(request.user, "selection.open_upload", document):
            raise PermissionDenied(
                "Документ доступен кандидату, кадровой службе и членам комиссии, которая его рассматривает."
            )
        reads.record(request.user, application, "file")
        return FileResponse(
            document.file.open("rb"),
            content_type=document.content_type,
            as_attachment=True,
            filename=f"{document.doc_type}-{document.pk}",
        )


def _uid_is(lookup: str, value: str) -> Q:
    """The filter on a uid given in the query string: a malformed one matches nothing."""
    try:
        return Q(**{lookup: uuid.UUID(value)})
    except ValueError:
        return Q(pk__in=[])


# --------------------------------------------------------------------------- ballots


@extend_schema_view(
    list=extend_schema(
        summary="Бюллетени",
        description=(
            "Член комиссии видит свои бюллетени, а бюллетени других членов — после закрытия "
            "независимой оценки этапа; кадровая служба органа и администраторы — все бюллетени "
            "своих кампаний."
        ),
        parameters=[
            _param("campaign", "uid кампании"),
            _param("application", "uid заявления"),
            _param("stage", "этап"),
            _param("method", "метод"),
        ],
    ),
    retrieve=extend_schema(summary="Бюллетень", responses={200: s.BallotSerializer, **READ_ERRORS}),
)
class BallotViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Ballot],
):
    permission_classes = [IsAuthenticated]
    serializer_class = s.BallotSerializer
    parser_classes = [JSONParser]
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self) -> QuerySet[Ballot]:
        qs = viewer(self.request).ballots()
        params = self.request.query_params
        if params.get("campaign"):
            qs = qs.filter(_uid_is("campaign__uid", params["campaign"]))
        if params.get("application"):
            qs = qs.filter(_uid_is("application__uid", params["application"]))
        if params.get("stage"):
            qs = qs.filter(stage_id=params["stage"])
        if params.get("method"):
            qs = qs.filter(method_id=params["method"])
        return qs.order_by("pk")

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["viewer"] = viewer(self.request)
        return context

    @extend_schema(
        summary="Заполнить свой бюллетень",
        request=s.BallotCreateSerializer,
        responses={201: s.BallotSerializer, **ERRORS, **CONFLICT},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        v = viewer(request)
        if not v.memberships:
            raise PermissionDenied("Бюллетени заполняют члены комиссии.")
        data = s.BallotCreateSerializer(data=request.data)
        # a RelatedField, typed Field; the stubs' queryset (a Manager) refuses it even cast
        data.fields["application"].queryset = v.applications()  # type: ignore[attr-defined]
        data.is_valid(raise_exception=True)
        attrs = data.validated_data
        application: Application = attrs["application"]
        chosen = attrs.get("commission") or request.query_params.get("commission")
        try:
            member = v.seat_for_stage(application.campaign, attrs["stage_id"], chosen)
        except policy.SeatChoiceNeeded as exc:
            choices = ", ".join(f"{m.commission_id} — «{m.commission.name}»" for m in exc.seats)
            raise ValidationError(
                {
                    "commission": [
                        gettext(
                            "Вы входите в несколько комиссий этого этапа: укажите, в какой "
                            "действуете, полем commission (номер комиссии): %(choices)s."
                        )
                        % {"choices": choices}
                    ]
                }
            ) from exc
        if member is None:
            if chosen:
                raise PermissionDenied(gettext("Вы не входите в эту комиссию на этом этапе."))
            raise PermissionDenied("Вы не входите в комиссию этой кампании.")
        existing = Ballot.objects.filter(
            member=member,
            application=application,
            stage_id=attrs["stage_id"],
            method_id=attrs["method_id"],
        ).first()
        if existing is not None:
            raise Conflict(
                f"Бюллетень уже заполнен (id {existing.pk}, версия {existing.version}): "
                "измените его запросом PUT или PATCH с полем version."
            )
        try:
            ballot = services.ballot_save(
                actor=request.user,
                member=member,
                application=application,
                stage_id=attrs["stage_id"],
                method_id=attrs["method_id"],
                points=attrs["points"],
                reason=attrs["reason"],
                expected_version=None,
            )
        except services.ServiceError as exc:
            raise_service_error(exc, {"points": "points", "reason": "reason"})
        return Response(
            self.get_serializer(ballot).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Изменить свой бюллетень",
        request=s.BallotUpdateSerializer,
        responses={200: s.BallotSerializer, **ERRORS, **CONFLICT},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ballot: Ballot = self.get_object()
        if not request.user.has_perm("selection.change_ballot", ballot):
            raise PermissionDenied("Изменять можно только свой бюллетень.")
        data = s.BallotUpdateSerializer(data=request.data, context={"ballot": ballot})
        data.is_valid(raise_exception=True)
        attrs = data.validated_data
        try:
            saved = services.ballot_save(
                actor=request.user,
                member=ballot.member,
                application=ballot.application,
                stage_id=ballot.stage_id,
                method_id=ballot.method_id,
                points=attrs["points"],
                reason=attrs["reason"],
                expected_version=attrs["version"],
            )
        except services.ServiceError as exc:
            raise_service_error(exc, {"points": "points", "reason": "reason"})
        return Response(self.get_serializer(saved).data)


# --------------------------------------------------------------------------- results


@extend_schema_view(
    list=extend_schema(
        summary="Результаты испытаний",
        description="Кадровой службе органа и администраторам: результаты своих кампаний.",
        parameters=[
            _param("campaign", "uid кампании"),
            _param("stage", "этап"),
            _param("method", "метод"),
        ],
    ),
    retrieve=extend_schema(summary="Результат", responses={200: s.ResultSerializer, **READ_ERRORS}),
)
class ResultViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Result],
):
    permission_classes = [IsAuthenticated, IsStaff]
    serializer_class = s.ResultSerializer
    parser_classes = [JSONParser]

    def get_queryset(self) -> QuerySet[Result]:
        qs = viewer(self.request).results()
        params = self.request.query_params
        if params.get("campaign"):
            qs = qs.filter(_uid_is("application__campaign__uid", params["campaign"]))
        if params.get("stage"):
            qs = qs.filter(stage_id=params["stage"])
        if params.get("method"):
            qs = qs.filter(method_id=params["method"])
        return qs.order_by("pk")

    @extend_schema(
        summary="Внести результат",
        description=(
            "Тест (correct, questions), зачёт (passed) или лист, заполняемый один раз (points). "
            "Повторная запись того же метода изменяет результат (200)."
        ),
        request=s.ResultWriteSerializer,
        responses={
            201: s.ResultSerializer,
            200: OpenApiResponse(s.ResultSerializer, description="Результат изменён."),
            **ERRORS,
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        v = viewer(request)
        data = s.ResultWriteSerializer(data=request.data)
        # a RelatedField, typed Field; the stubs' queryset (a Manager) refuses it even cast
        data.fields["application"].queryset = v.applications().filter(  # type: ignore[attr-defined]
            campaign__in=policy.campaigns_managed_by(request.user).values("pk")
        )
        data.is_valid(raise_exception=True)
        attrs = dict(data.validated_data)
        application: Application = attrs.pop("application")
        if not request.user.has_perm("selection.manage_campaign", application.campaign):
            raise PermissionDenied("Результаты вносит кадровая служба органа.")
        existed = Result.objects.filter(
            application=application, stage_id=attrs["stage_id"], method_id=attrs["method_id"]
        ).exists()
        try:
            result = services.result_save(actor=request.user, application=application, **attrs)
        except services.ServiceError as exc:
            raise_service_error(
                exc,
                {f: f for f in ("correct", "questions", "passed", "points", "date")},
            )
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(s.ResultSerializer(result).data, status=code)
