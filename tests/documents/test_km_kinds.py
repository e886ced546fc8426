"""The KM forms read the campaign's kind from its regulation's declaration (``campaign_kinds``:
``for_reserve``, ``reserve_outcomes``), not from a literal kind id, and word the position's
classification by the regulation's ``wording`` (issue 9 §1; KM-3, KM-17, KM-10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from rezerv.documents import km, registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.common import campaign_context, reserve_outcomes
from rezerv.documents.services import document_available
from rezerv.engine.loader import bundled_path
from rezerv.selection import services
from tests.documents.helpers import render, rolled_back
from tests.documents.world import km_documents_world

pytestmark = pytest.mark.django_db

KINDS = {
    "{id: vacancy, title: конкурс на замещение вакантной должности,": (
        "{id: post, title: конкурс на должность,"
    ),
    "{id: reserve, title: конкурс на включение в кадровый резерв, for_reserve: true,": (
        "{id: pool, title: конкурс в резерв группы должностей, for_reserve: true,"
    ),
}


def renamed_kinds() -> str:
    text = bundled_path("KM").read_text("utf-8").replace('version: "2018', 'version: "renamed 2018')
    for old, new in KINDS.items():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def pool(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Any]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        today = timezone.localdate()
        # another text of KM, not in force: the campaign is moved onto it once created
        version = services.regulation_store(code="KM", text=renamed_kinds())
        yield km_documents_world(today, kind="pool", suffix="_k", regulation=version)


def available(code: str, subject: Any) -> bool:
    spec = registry.get(code)
    assert spec is not None
    return document_available(DocumentRef(spec, subject))


def test_km3_km17_a_kind_declared_for_the_reserve_gets_the_reserve_protocol(
    pool: dict[str, Any], docx: Any
) -> None:
    campaign = pool["campaign"]
    assert campaign.kind == "pool"
    assert not available("km_decision", campaign) and available("km_reserve_protocol", campaign)
    context = campaign_context(campaign)
    assert context["reserve"] and context["kind_title"] == "конкурс в резерв группы должностей"
    doc = docx(render(pool, "km_reserve_protocol", campaign, "docx"))
    assert (
        "2. Проведен конкурс на включение в кадровый резерв государственного органа по следующей "
        "группе должностей государственной гражданской службы: старшая группа должностей "
        "категории «специалисты»." in doc.paragraphs
    )


def test_km3_the_winners_of_a_competition_for_the_reserve_enter_the_reserve(
    pool: dict[str, Any],
) -> None:
    campaign = pool["campaign"]
    # the kind adds the winners (reserve_outcomes) to the reserve's own outcome
    assert reserve_outcomes(campaign) == {"recommended_for_reserve", "winner"}
    sentences = km._outcome_sentences(campaign, {"outcome": "winner"}, reserve_outcomes(campaign))
    assert sentences[0] == (
        "По результатам конкурса конкурсная комиссия определила Вас для включения в кадровый "
        "резерв (старшая группа должностей категории «специалисты»)."
    )


def test_km10_the_classification_is_worded_as_the_regulation_declares(
    pool: dict[str, Any],
) -> None:
    campaign = pool["campaign"]
    position = campaign.position
    position.facts = {"category": "supporting", "group": "junior"}
    position.save(update_fields=["facts"])
    assert campaign_context(campaign)["group"] == (
        "младшая группа должностей категории «обеспечивающие специалисты»"
    )
    position.facts = {"category": "leaders"}  # no group given: only the category is worded
    position.save(update_fields=["facts"])
    assert campaign_context(campaign)["group"] == "категории «руководители»"
