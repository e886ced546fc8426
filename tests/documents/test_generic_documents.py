"""Generic documents (issue 9): a regulation no module of code names — the KM text uploaded
under another code, with the clauses its letters cite — gets the generic forms, filled from
its declarations: titles of stages, outcomes and vote questions, the clauses of refusals (C-2,
KM-6), votes by member (KM-12, KM-17); no declared identifier and no rule ID in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.documents import registry
from rezerv.engine.loader import bundled_path, load_regulation, parse_regulation
from rezerv.engine.schema import RULE_ID, Regulation
from rezerv.selection.models import RegulationVersion
from rezerv.selection.services import regulation_store
from tests.documents.conftest import Docx, Pdf
from tests.documents.helpers import ref, render, rolled_back, status_of
from tests.documents.world import decide_world, km_documents_world

pytestmark = pytest.mark.django_db

CODE = "ZK"
CLAUSES = {"KM-1": "п. 2.1 Методики", "KM-6": "п. 3.3 Методики"}
GENERIC = sorted(s.code for s in registry.FORMS.values() if s.family == registry.GENERIC)


CAMPAIGN_FORMS = ("generic_decision", "generic_rating")


def available(code: str, subject: Any) -> bool:
    spec = registry.get(code)
    assert spec is not None
    return bool(spec.available(subject))


def uploaded_text() -> str:
    """The KM file as if written at the desk for another procedure: its own code and title,
    and how its letters cite the clauses; it lists no layouts of documents (``forms:``, the
    KM file's last section), so its campaigns get the generic forms."""
    text = bundled_path("KM").read_text("utf-8")
    text = text[: text.index("\nforms:\n")]
    text = text.replace("\ncode: KM\n", f"\ncode: {CODE}\n", 1)
    text = re.sub(r"\ntitle: [^\n]*\n", "\ntitle: Отбор на должность по загруженному регламенту\n",
                  text, count=1)  # fmt: skip
    lines = "".join(f'  {rule}: "{clause}"\n' for rule, clause in CLAUSES.items())
    return f"{text}\nclauses:\n{lines}"


def zk_regulation() -> Regulation:
    return parse_regulation(uploaded_text().encode(), "zk.yaml").regulation


@pytest.fixture(scope="module")
def gw(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        version = regulation_store(code=CODE, text=uploaded_text())
        world = km_documents_world(
            timezone.localdate(),
            suffix="_g",
            regulation=version,
            kim_facts={"meets_qualification": False},
            decide=False,
        )
        ivanov = world["apps"]["ivanov"]
        world["before"] = {
            code: available(code, world["campaign"] if code in CAMPAIGN_FORMS else ivanov)
            for code in GENERIC
        }
        world["invitation"] = {
            fmt: render(world, "generic_invitation", ivanov, fmt) for fmt in ("docx", "pdf")
        }
        decide_world(world)
        world["version"] = version
        yield world


def identifiers(version: RegulationVersion) -> set[str]:
    reg = version.load().regulation
    ids = {f.id for f in reg.facts} | {c.id for f in reg.facts for c in f.choices}
    ids |= {s.id for s in reg.stages} | {v.id for v in reg.votes}
    ids |= set(reg.outcome_titles())
    return ids


def assert_no_identifiers(text: str, version: RegulationVersion) -> None:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    assert not words & identifiers(version), words & identifiers(version)


def test_no_module_names_the_procedure_and_the_generic_set_is_its_forms() -> None:
    assert GENERIC == [
        "generic_decision",
        "generic_invitation",
        "generic_rating",
        "generic_refusal",
        "generic_results_notice",
    ]
    assert {s.code for s in registry.forms_for(zk_regulation())} == set(GENERIC)
    # the five bundled regulations keep their own forms only
    for code in ("AK", "BR", "KM", "PK", "TP"):
        assert not {s.code for s in registry.forms_for(load_regulation(code).regulation)} & set(
            GENERIC
        )


def test_invitation_names_the_stage_and_meeting_before_the_decision(gw: dict[str, Any]) -> None:
    assert gw["before"]["generic_invitation"]
    assert not gw["before"]["generic_results_notice"]
    assert not gw["before"]["generic_decision"]
    doc = Docx(gw["invitation"]["docx"])
    text = doc.text
    assert "Иванову Ивану Ивановичу" in text
    assert "Уважаемый Иван Иванович!" in text
    assert "«Второй этап — конкурсные процедуры и заседание комиссии»" in text
    assert "г. Кемерово, ул. Примерная, 1, зал заседаний" in text
    assert_no_identifiers(text, gw["version"])
    flat = Pdf(gw["invitation"]["pdf"]).flat
    assert "Второй этап — конкурсные процедуры и заседание комиссии" in flat
    # once decided, nobody is invited to the decided meeting
    assert not available("generic_invitation", gw["apps"]["ivanov"])


def test_refusal_cites_the_clauses_of_the_regulation_not_rule_ids(gw: dict[str, Any]) -> None:
    """C-2, KM-6: the failed requirement in words, with «п. 2.1 Методики; п. 3.3 Методики»."""
    kim = gw["apps"]["kim"]
    text = Docx(render(gw, "generic_refusal", kim, "docx")).text
    assert "Ким Александре" in text
    assert (
        "Не выполнено требование: соответствие квалификационным требованиям к должности "
        "(п. 2.1 Методики; п. 3.3 Методики)." in text
    )
    assert not RULE_ID.search(text.replace("«", " ")) and "KM-" not in text and "C-2" not in text
    assert_no_identifiers(text, gw["version"])
    flat = Pdf(render(gw, "generic_refusal", kim, "pdf")).flat
    assert "(п. 2.1 Методики; п. 3.3 Методики)" in flat
    # only for the refused application
    assert not available("generic_refusal", gw["apps"]["ivanov"])


def test_rating_lists_places_scores_and_outcome_titles(gw: dict[str, Any]) -> None:
    campaign = gw["campaign"]
    doc = Docx(render(gw, "generic_rating", campaign, "docx"))
    assert doc.row("1")[1:] == ["Иванов Иван Иванович", "41,00 из 50", "победитель"]
    assert doc.row("2")[1:] == ["Петрова Мария Сергеевна", "39,00 из 50", "рекомендован в резерв"]
    assert doc.row("3")[1] == "Сидоров Пётр Алексеевич"
    assert doc.row("3")[3] == "не прошёл отбор"
    assert "Второй этап — конкурсные процедуры и заседание комиссии" in doc.text
    assert "Ким" not in doc.text  # a refused candidate is not rated
    assert_no_identifiers(doc.text, gw["version"])
    assert "Рейтинг кандидатов" in Pdf(render(gw, "generic_rating", campaign, "pdf")).flat


def test_decision_records_votes_by_question_title_and_member(gw: dict[str, Any]) -> None:
    """KM-12: the chair decides Сидоров's tie; KM-17: votes per candidate and question."""
    campaign = gw["campaign"]
    doc = Docx(render(gw, "generic_decision", campaign, "docx"))
    text = doc.text
    assert "Присутствовали 5 из 6 членов комиссии; заседание правомочно" in text
    assert "Не участвовали: Орлова Анна Сергеевна." in text
    assert (
        "Иванов Иван Иванович — вопрос «признать победителем конкурса»: «за» — 4, «против» — 1, "
        "«воздержался» — 0; решение принято." in text
    )
    assert (
        "Петрова Мария Сергеевна — вопрос «рекомендовать для включения в кадровый резерв»: "
        "«за» — 3, «против» — 1, «воздержался» — 1; решение принято." in text
    )
    # the tie on Сидоров: the engine did not count it (no consent, KM-18), and says why
    assert (
        "Сидоров Пётр Алексеевич — вопрос «рекомендовать для включения в кадровый резерв»: "
        "«за» — 2, «против» — 2, «воздержался» — 0; решение не принято (рекомендован в резерв: "
        "нет согласия кандидата)." in text
    )
    assert ["Попова Елена Игоревна", "против"] in doc.rows
    assert ["Попова Елена Игоревна", "самоотвод"] in doc.rows
    assert ["Лебедев Сергей Николаевич", "воздержался"] in doc.rows
    # what the stage awards, each a sentence of its own: the outcome's title capitalised
    assert "Победитель: Иванов Иван Иванович." in doc.paragraphs
    assert "Рекомендован в резерв: Петрова Мария Сергеевна." in doc.paragraphs
    signed = [(r[0], r[2]) for r in doc.rows if len(r) == 3 and r[0]]
    assert signed[0] == ("Председатель комиссии", "Смирнов Алексей Петрович")
    assert ("Независимый эксперт", "Попова Елена Игоревна") in signed
    assert not any("Орлова" in r[-1] for r in doc.rows if len(r) == 3)
    assert_no_identifiers(text.replace(gw["decision"].regulation_sha256[:12], ""), gw["version"])
    flat = Pdf(render(gw, "generic_decision", campaign, "pdf")).flat
    assert "признать победителем конкурса" in flat


def test_results_notice_gives_the_outcome_title_score_and_place(gw: dict[str, Any]) -> None:
    petrova = gw["apps"]["petrova"]
    text = Docx(render(gw, "generic_results_notice", petrova, "docx")).text
    assert "Петровой Марии Сергеевне" in text
    assert (
        "По итогам этапа «Второй этап — конкурсные процедуры и заседание комиссии» принято "
        "решение: рекомендован в резерв." in text
    )
    assert "Ваш балл — 39,00 (максимальный балл — 50), место в рейтинге кандидатов — 2." in text
    assert_no_identifiers(text, gw["version"])
    assert not RULE_ID.search(text)
    flat = Pdf(render(gw, "generic_results_notice", petrova, "pdf")).flat
    assert "рекомендован в резерв" in flat
    assert not available("generic_results_notice", gw["apps"]["kim"])


def _file(subject: Any, code: str, fmt: str = "docx") -> str:
    spec = registry.get(code)
    assert spec is not None
    name = {"campaign": "documents_campaign_file", "application": "documents_application_file"}
    return reverse(name[spec.subject], args=[subject.uid, code, fmt])


def test_access_follows_policy(gw: dict[str, Any]) -> None:
    campaign, apps, people = gw["campaign"], gw["apps"], gw["people"]
    member = gw["members"]["popova"].user
    kim, ivanov = people["kim"].user, people["ivanov"].user
    assert status_of(gw["hr"], _file(campaign, "generic_decision")) == 200
    assert status_of(member, _file(campaign, "generic_decision")) == 200
    assert status_of(member, _file(campaign, "generic_rating")) == 200
    assert status_of(ivanov, _file(campaign, "generic_decision")) == 403
    assert status_of(kim, _file(apps["kim"], "generic_refusal")) == 200
    assert status_of(ivanov, _file(apps["kim"], "generic_refusal")) == 403
    assert status_of(member, _file(apps["kim"], "generic_refusal")) == 403
    assert status_of(None, _file(apps["kim"], "generic_refusal")) == 302
    assert status_of(ivanov, _file(apps["ivanov"], "generic_results_notice")) == 200
    # a KM form is not a document of this campaign
    assert status_of(gw["hr"], _file(campaign, "km_decision")) == 404


def test_document_pages_list_the_generic_forms(gw: dict[str, Any]) -> None:
    from django.test import Client

    client = Client()
    client.force_login(gw["hr"])
    page = client.get(reverse("documents_campaign", args=[gw["campaign"].uid])).content.decode()
    for code in ("generic_decision", "generic_rating", "generic_refusal", "generic_results_notice"):
        assert registry.get(code).title in page  # type: ignore[union-attr]
    assert "km_" not in page
    client.force_login(gw["people"]["kim"].user)
    own = client.get(reverse("documents_application", args=[gw["apps"]["kim"].uid]))
    assert own.status_code == 200
    assert "Уведомление об отказе в допуске" in own.content.decode()
    assert ref("generic_refusal", gw["apps"]["kim"]).campaign == gw["campaign"]
