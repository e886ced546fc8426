"""Serializers: shapes of API input and output. Rules are checked by the services and the engine.

Input of scores is cleaned with the same per-criterion fields as the web forms, so an error
names the criterion; the service then checks the entry against the regulation's sheet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rezerv.engine.schema import Method, Regulation, ScoreSheet
from rezerv.selection import policy, selectors, vocabulary
from rezerv.selection.in_force import candidate_rows
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    Decision,
    Document,
    Position,
    Result,
)
from rezerv.selection.policy import ANONYMOUS, FULL, Viewer
from rezerv.web.forms import BallotForm

# --------------------------------------------------------------------------- campaigns


class PositionSerializer(serializers.ModelSerializer[Position]):
    """The position: ``facts`` are its classification by the regulation's position facts
    (option ids keyed by fact ids; the campaign's ``position_classification`` gives titles)."""

    facts = serializers.DictField(read_only=True)

    class Meta:
        model = Position
        fields = ["title", "facts", "qualification_requirements"]


class ClassificationSerializer(serializers.Serializer[Any]):
    """One position fact the regulation declares, by its title and its value's title."""

    id = serializers.CharField()
    title = serializers.CharField()
    value = serializers.JSONField()
    value_title = serializers.CharField()


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    """An announced campaign: public information only.  ``kind`` is one of the kinds its
    regulation declares, ``kind_title`` its title there."""

    kind_title = serializers.CharField(read_only=True)
    position_classification = serializers.SerializerMethodField()
    status_title = serializers.CharField(source="get_status_display", read_only=True)
    body = serializers.CharField(source="body.name", read_only=True)
    position = PositionSerializer(read_only=True, allow_null=True)
    regulation = serializers.CharField(source="regulation.code", read_only=True)
    regulation_version = serializers.CharField(source="regulation.version", read_only=True)
    events = serializers.DictField(child=serializers.CharField(), read_only=True)
    closed_stages = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "uid",
            "kind",
            "kind_title",
            "title",
            "body",
            "position",
            "position_classification",
            "vacancies",
            "status",
            "status_title",
            "regulation",
            "regulation_version",
            "events",
            "announcement",
            "published_at",
            "closed_stages",
        ]
        read_only_fields = fields

    @extend_schema_field(ClassificationSerializer(many=True))
    def get_position_classification(self, obj: Campaign) -> list[dict[str, Any]]:
        return vocabulary.position_classification(
            obj.regulation.load().regulation, selectors.position_facts(obj)
        )


class DeadlineSerializer(serializers.Serializer[Any]):
    """One row of the campaign's calendar, computed from the regulation."""

    id = serializers.CharField()
    title = serializers.CharField()
    date = serializers.CharField(allow_null=True)
    rules = serializers.ListField(child=serializers.CharField())


class CampaignDetailSerializer(CampaignSerializer):
    deadlines = serializers.SerializerMethodField()

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "deadlines"]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, obj: Campaign) -> list[dict[str, Any]]:
        return selectors.campaign_deadlines(obj)


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    """A decision with the result the engine computed; the inputs (personal data of the
    candidates) only for the HR officers of the campaign's body and administrators."""

    result = serializers.JSONField(read_only=True)
    inputs = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "stage_id",
            "commission",
            "meeting",
            "regulation_sha256",
            "created_at",
            "result",
            "inputs",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_inputs(self, obj: Decision) -> Any:
        viewer: Viewer = self.context["viewer"]
        return obj.inputs if viewer.manages(obj.campaign) else None


# --------------------------------------------------------------------------- applications


class DocumentSerializer(serializers.ModelSerializer[Document]):
    original_name = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "doc_type", "original_name", "content_type", "size", "uploaded_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_original_name(self, obj: Document) -> str | None:
        # A file name may carry the candidate's name: only for those who see the person.
        return obj.original_name if self.context.get("level") == FULL else None


class OutcomeSerializer(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.CharField()
    outcome_title = serializers.CharField()
    final_score = serializers.CharField(allow_null=True)
    max_score = serializers.CharField(allow_null=True)
    place = serializers.IntegerField(allow_null=True)


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    """An application as its viewer may see it.

    The candidate, HR officers of the campaign's body and administrators see everything.
    Commission members see admitted applications without contact data, facts or document
    names, and only the code (no name) where the regulation's sheet is anonymous.
    """

    campaign: serializers.SlugRelatedField[Campaign] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True
    )
    campaign_title = serializers.CharField(source="campaign.title", read_only=True)
    status_title = serializers.CharField(source="get_status_display", read_only=True)
    anonymous = serializers.SerializerMethodField()
    full_name = serializers.SerializerMethodField()
    refusal_text = serializers.SerializerMethodField()
    facts = serializers.SerializerMethodField()
    consents = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "uid",
            "campaign",
            "campaign_title",
            "code",
            "status",
            "status_title",
            "route",
            "submitted_at",
            "decided_at",
            "anonymous",
            "full_name",
            "refusal_text",
            "facts",
            "consents",
            "documents",
            "outcome",
            "version",
        ]
        read_only_fields = fields

    def level(self, obj: Application) -> str:
        cache: dict[int, str] = cast(dict[str, Any], self.context).setdefault("_levels", {})
        if obj.pk not in cache:
            viewer: Viewer = self.context["viewer"]
            cache[obj.pk] = viewer.application_level(obj, self.context.get("method"))
        return cache[obj.pk]

    def get_anonymous(self, obj: Application) -> bool:
        return self.level(obj) == ANONYMOUS

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_full_name(self, obj: Application) -> str | None:
        return None if self.level(obj) == ANONYMOUS else obj.person.full_name

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_refusal_text(self, obj: Application) -> str | None:
        return obj.refusal_text if self.level(obj) == FULL else None

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_facts(self, obj: Application) -> dict[str, Any] | None:
        return obj.facts if self.level(obj) == FULL else None

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_consents(self, obj: Application) -> dict[str, Any] | None:
        return obj.consents if self.level(obj) == FULL else None

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, obj: Application) -> list[dict[str, Any]]:
        level = self.level(obj)
        context = {**self.context, "level": level}
        # the files of policy.files_visible_to: every one for the candidate and HR, the files in
        # force for the members of an examining commission (as on the web scoring screen)
        request = self.context.get("request")
        files: Any
        if hasattr(obj, "all_files"):  # read for the whole page (prepare_applications)
            # FULL is the candidate and those who manage the campaign (view_application_files);
            # any other level is a covering seat's (policy.application_level)
            files = [f for f in obj.all_files if level == FULL or f.superseded_at is None]
        else:
            files = policy.files_visible_to(getattr(request, "user", None), obj)
        documents = DocumentSerializer(files, many=True, context=context)
        return cast(list[dict[str, Any]], documents.data)  # many=True: a ListSerializer's list

    @extend_schema_field(OutcomeSerializer(allow_null=True))
    def get_outcome(self, obj: Application) -> dict[str, Any] | None:
        if hasattr(obj, "outcome_row"):  # read for the whole page (prepare_applications)
            row = obj.outcome_row
        else:  # the decisions in force, the candidate's from the commission covering them
            row = candidate_rows(obj.campaign, [obj.pk]).get(str(obj.pk))
        if row is None:
            return None
        return {key: row.get(key) for key in OutcomeSerializer().get_fields()}


def prepare_applications(rows: list[Application]) -> None:
    """Read what ``ApplicationSerializer`` shows of a page of applications in one query each:
    their files (``all_files``), one campaign instance per campaign (its regulation loaded
    once) and their rows of the decisions in force (``outcome_row``)."""
    campaigns: dict[int, Campaign] = {}
    for app in rows:
        app.campaign = campaigns.setdefault(app.campaign_id, app.campaign)
    for campaign in campaigns.values():  # the page's rows of the decisions in force
        mine = [app for app in rows if app.campaign_id == campaign.pk]
        outcomes = candidate_rows(campaign, [app.pk for app in mine])
        for app in mine:
            app.outcome_row = outcomes.get(str(app.pk))  # type: ignore[attr-defined]
    prefetch_related_objects(
        rows, Prefetch("documents", queryset=Document.objects.order_by("pk"), to_attr="all_files")
    )


class ApplicationSubmitSerializer(serializers.Serializer[Any]):
    """Submit an application (``multipart/form-data``), as the web form does.

    Besides these fields, send the facts the regulation asks with the application as
    ``fact_<id>`` and the documents of its catalogue as files ``doc_<id>``.
    """

    campaign = serializers.SlugRelatedField(slug_field="uid", queryset=Campaign.objects.none())
    route = serializers.CharField(required=False, default="default")
    consent = serializers.BooleanField(
        help_text="Согласие на обработку персональных данных (без него заявление не принимается)."
    )


# --------------------------------------------------------------------------- scores


def stage_and_method(reg: Regulation, stage_id: str, method_id: str) -> Method:
    """The method of a stage, or a field-level error."""
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    if stage is None:
        raise serializers.ValidationError({"stage_id": [f"В регламенте нет этапа «{stage_id}»."]})
    if method_id not in stage.methods:
        raise serializers.ValidationError(
            {"method_id": [f"Метод «{method_id}» не относится к этапу «{stage.title}»."]}
        )
    return reg.method(method_id)


def clean_points(sheet: ScoreSheet, raw: Any) -> Any:
    """Points as entered on ``sheet``: None (abstention), a number, or criterion → value.

    Cleaned with the web form's per-criterion fields; errors are keyed by criterion and
    name it. Returns the shape the web form gives the services.
    """
    if raw is None or raw == {}:
        return None
    entered = [c for c in sheet.criteria if not c.derived]
    by_id = {c.id: c for c in entered}
    derived = {c.id for c in sheet.criteria if c.derived}
    if not isinstance(raw, dict):
        if len(entered) != 1:
            names = ", ".join(c.id for c in entered)
            raise serializers.ValidationError(
                {
                    "points": [
                        f"На листе «{sheet.title}» несколько критериев: укажите баллы по каждому ({names})."
                    ]
                }
            )
        raw = {entered[0].id: raw}
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    for key, value in raw.items():
        if key in derived:
            errors[key] = [f"Критерий «{key}» вычисляется автоматически и не вводится."]
        elif key not in by_id:
            errors[key] = [f"На листе «{sheet.title}» нет критерия «{key}»."]
        elif isinstance(value, (bool, dict)):
            errors[key] = [f"{by_id[key].title}: недопустимое значение."]
        elif isinstance(value, (int, float, Decimal)):
            data[f"c_{key}"] = str(value)
        else:
            data[f"c_{key}"] = value
    if errors:
        raise serializers.ValidationError({"points": errors})
    form = BallotForm(data, sheet=sheet)
    if not form.is_valid():
        for name, messages in form.errors.items():
            crit = by_id.get(name.removeprefix("c_"))
            if crit is None:
                continue
            errors[crit.id] = [f"{crit.title}: {m}" for m in messages]
        if errors:
            raise serializers.ValidationError({"points": errors})
    return form.points()


class BallotSerializer(serializers.ModelSerializer[Ballot]):
    """One member's ballot for one candidate and method."""

    campaign: serializers.SlugRelatedField[Campaign] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True
    )
    application: serializers.SlugRelatedField[Application] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True
    )
    application_code = serializers.CharField(source="application.code", read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    own = serializers.SerializerMethodField()
    points = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = Ballot
        fields = [
            "id",
            "campaign",
            "application",
            "application_code",
            "stage_id",
            "method_id",
            "member",
            "member_name",
            "own",
            "points",
            "reason",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_own(self, obj: Ballot) -> bool:
        viewer: Viewer = self.context["viewer"]
        return bool(obj.member.user_id == getattr(viewer.user, "pk", None))


POINTS_HELP = (
    "null — воздержался; число — для листа с одним критерием; "
    "объект «критерий: значение» — для листа с несколькими критериями."
)


class BallotCreateSerializer(serializers.Serializer[Any]):
    application = serializers.SlugRelatedField(
        slug_field="uid", queryset=Application.objects.none()
    )
    stage_id = serializers.CharField()
    method_id = serializers.CharField()
    points = serializers.JSONField(allow_null=True, required=False, help_text=POINTS_HELP)
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    commission = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=(
            "Номер комиссии, в которой вы действуете: обязателен, если вы входите в несколько "
            "комиссий этого этапа (как выбор комиссии на экране оценки)."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        reg = attrs["application"].campaign.regulation.load().regulation
        method = stage_and_method(reg, attrs["stage_id"], attrs["method_id"])
        if method.kind != "ballot" or method.sheet is None:
            raise serializers.ValidationError(
                {"method_id": [f"Метод «{method.title}» не оценивается бюллетенями."]}
            )
        attrs["points"] = clean_points(reg.sheet(method.sheet), attrs.get("points"))
        return attrs


class BallotUpdateSerializer(serializers.Serializer[Any]):
    points = serializers.JSONField(allow_null=True, required=False, help_text=POINTS_HELP)
    reason = serializers.CharField(allow_blank=True, required=False)
    version = serializers.IntegerField(
        help_text="Версия бюллетеня, которую вы видели; устаревшая версия — ответ 409."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        ballot: Ballot = self.context["ballot"]
        reg = ballot.campaign.regulation.load().regulation
        method = reg.method(ballot.method_id)
        assert method.sheet is not None
        raw = attrs.get("points", ballot.points)
        attrs["points"] = clean_points(reg.sheet(method.sheet), raw)
        attrs.setdefault("reason", ballot.reason)
        return attrs


class ResultSerializer(serializers.ModelSerializer[Result]):
    application: serializers.SlugRelatedField[Application] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True
    )
    application_code = serializers.CharField(source="application.code", read_only=True)
    points = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = Result
        fields = [
            "id",
            "application",
            "application_code",
            "stage_id",
            "method_id",
            "correct",
            "questions",
            "passed",
            "points",
            "date",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class ResultWriteSerializer(serializers.Serializer[Any]):
    """A test result, a pass or fail, or a sheet entered once (written by the HR officer)."""

    application = serializers.SlugRelatedField(
        slug_field="uid", queryset=Application.objects.none()
    )
    stage_id = serializers.CharField()
    method_id = serializers.CharField()
    correct = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    questions = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    passed = serializers.BooleanField(required=False, allow_null=True, default=None)
    points = serializers.JSONField(required=False, allow_null=True, help_text=POINTS_HELP)
    date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        reg = attrs["application"].campaign.regulation.load().regulation
        method = stage_and_method(reg, attrs["stage_id"], attrs["method_id"])
        if method.kind not in ("test", "pass_fail", "single"):
            raise serializers.ValidationError(
                {"method_id": [f"Результат метода «{method.title}» не вносится кадровой службой."]}
            )
        if method.kind == "single" and method.sheet is not None:
            attrs["points"] = clean_points(reg.sheet(method.sheet), attrs.get("points"))
        return attrs
