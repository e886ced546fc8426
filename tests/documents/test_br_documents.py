"""BR forms opened as a person would: every DOCX through python-docx, every PDF as text.

The world (``world_br.py``): a decided BR competition — a remote-stage protocol, an in-person
decision with one member absent and two recorded votes, a «Лидеры Башкортостана» winner included
without the competition and a refused candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.documents.services import document_available
from rezerv.documents.style import doc_date
from rezerv.selection import decisions, in_force, services
from rezerv.selection.models import Campaign, ReserveEntry
from tests.documents.helpers import ref, render, rolled_back, rule_codes_in_letters, status_of
from tests.documents.world_br import br_documents_world

pytestmark = pytest.mark.django_db

ALL_MEMBERS = [
    "Галиев Руслан Маратович",
    "Сафина Лилия Ринатовна",
    "Ахметов Тимур Ильдарович",
    "Кузьмина Наталья Петровна",
    "Валеев Айдар Салаватович",
]
PAGE = re.compile(r"Страница 1 из (\d+)")


@pytest.fixture(scope="module")
def br(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield br_documents_world(timezone.localdate())


def both(br: dict[str, Any], code: str, subject: Any, docx: Any, pdf: Any) -> tuple[Any, Any]:
    return docx(render(br, code, subject, "docx")), pdf(render(br, code, subject, "pdf"))


def paged(word: Any, paper: Any) -> None:
    """Page numbers: Word's PAGE / NUMPAGES fields in the DOCX footer, «Страница 1 из N»."""
    assert 'w:instr="PAGE"' in word.footer_xml and 'w:instr="NUMPAGES"' in word.footer_xml
    assert "Страница" in word.footer
    found = PAGE.search(paper.pages[0])
    assert found is not None
    assert f"Страница {found.group(1)} из {found.group(1)}" in paper.pages[-1]
    assert int(found.group(1)) == len(paper.pages)


def signers(word: Any) -> list[str]:
    """The names in the signature blocks: role | signature line | name."""
    return [
        r[2] for r in word.rows if len(r) == 3 and r[1] == "" and r[2] and not r[2].startswith("(")
    ]


# --------------------------------------------------------------------------- application (app. 2)


def test_br8_application_appendix_2_addressee_applicant_level_enclosures(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    app = br["apps"]["garipov"]
    word, paper = both(br, "br_application", app, docx, pdf)
    paged(word, paper)
    for text in (word.text, paper.flat):
        assert "Приложение № 2 к Порядку" in text
        assert "ЗАЯВЛЕНИЕ" in text
        # the chair in the dative, the applicant in the genitive
        assert "Галиеву Руслану Маратовичу" in text
        assert "от Гарипова Ильдара Рустемовича" in text
        assert (
            "Прошу включить меня в резерв управленческих кадров Республики Башкортостан "
            "(высший уровень)." in text
        )
        assert "ознакомлен." in text
        # the documents submitted with it (3.7), the application itself not among them
        assert "1. Представление (приложение 3)." in text
        assert "Личное заявление о включении в резерв (приложение 2)" not in text
        assert "Заверенная копия паспорта гражданина Российской Федерации." in text
        assert f"дата рождения: {doc_date(app.person.birth_date)}" in text
    # the target positions (appendix 1) are not recorded: a line to fill in by hand
    assert any(
        p.startswith("Целевые управленческие должности") and p.endswith("____")
        for p in word.paragraphs
    )
    assert word.row(doc_date(app.submitted_at)) == [
        doc_date(app.submitted_at),
        "",
        "И.Р. Гарипов",
    ]


def test_br8_application_agrees_with_a_woman(br: dict[str, Any], docx: Any) -> None:
    word = docx(render(br, "br_application", br["apps"]["yusupova"], "docx"))
    assert "от Юсуповой Алсу Фаритовны" in word.text
    assert "(перспективный уровень)" in word.text
    assert "ознакомлена." in word.text


# --------------------------------------------------------------------------- nomination (app. 3)


def test_br5_nomination_appendix_3_nominator_recommender_and_3_5_headings(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    app = br["apps"]["garipov"]
    word, paper = both(br, "br_nomination", app, docx, pdf)
    paged(word, paper)
    for text in (word.text, paper.flat):
        assert "Приложение № 3 к Порядку" in text
        assert "ПРЕДСТАВЛЕНИЕ" in text
        # «представление на кого»: the accusative
        assert "на Гарипова Ильдара Рустемовича для включения в резерв" in text
        assert "4. Потенциал профессионального и карьерного роста:" in text
        assert "Хасанов Ринат Ильдусович, министр экономического развития" in text  # BR-5
    assert word.row("9.")[2] == (
        "Представление руководителя республиканского органа исполнительной власти или "
        "государственного органа Республики Башкортостан"
    )
    assert word.row("4.")[2] == (
        "начальник отдела, Министерство экономического развития Республики Башкортостан"
    )
    assert word.row("5.")[2] == "12"


def test_br5_open_intake_nomination_leaves_the_nominator_blank(
    br: dict[str, Any], docx: Any
) -> None:
    word = docx(render(br, "br_nomination", br["apps"]["yusupova"], "docx"))
    assert "на Юсупову Алсу Фаритовну" in word.text
    assert set(word.row("9.")[2]) == {"_"}  # to fill in by hand
    caption = word.row("(фамилия, имя, отчество, должность)")
    above = word.rows[word.rows.index(caption) - 1]
    assert above[0] == ""  # no recommender recorded


def test_br9_projects_winner_has_no_nomination(br: dict[str, Any]) -> None:
    """Winners of «Лидеры Башкортостана» submit documents 1, 3 and 6 only (3.8)."""
    assert not document_available(ref("br_nomination", br["apps"]["sharipov"]))
    assert document_available(ref("br_application", br["apps"]["sharipov"]))
    assert document_available(ref("br_questionnaire", br["apps"]["sharipov"]))


# --------------------------------------------------------------------------- questionnaire (app. 4)


def test_br8_c4_questionnaire_appendix_4_answers_and_written_consent(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    app = br["apps"]["kim"]  # no patronymic, recorded as a woman
    word, paper = both(br, "br_questionnaire", app, docx, pdf)
    paged(word, paper)
    consent = (
        "Я, Ким Виктория, согласна на проверку представленных мною сведений, на обработку и "
        "опубликование моих персональных данных. Уведомлена о том, что предоставление мною "
        "ложных сведений служит основанием для отказа во включении в резерв управленческих "
        "кадров Республики Башкортостан (пункт 3.7 Порядка)."
    )
    for text in (word.text, paper.flat):
        assert "Приложение № 4 к Порядку" in text and "АНКЕТА" in text
        assert consent in text
    assert word.row("1.")[1:] == ["Фамилия, имя, отчество", "Ким Виктория"]
    assert word.row("2.")[2] == doc_date(app.person.birth_date)
    assert word.row("3.")[2] == "Российская Федерация"
    assert word.row("4.")[2] == "перспективный уровень"
    assert word.row("16.")[2] == "нет"  # no unexpunged criminal record
    assert word.row("01.09.2015") == [
        "01.09.2015",
        "по настоящее время",
        "Министерство экономического развития Республики Башкортостан",
        "начальник отдела",
        "да",
    ]
    # the consent is dated as given with the application, signed by the candidate
    assert word.row(doc_date(app.consent_given_at))[2] == "В. Ким"


# --------------------------------------------------------------------------- remote-stage protocol


def test_br15_remote_protocol_ranking_by_level_admission_attendance_signatures(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    word, paper = both(br, "br_remote_protocol", br["campaign"], docx, pdf)
    paged(word, paper)
    date = doc_date(br["remote_meeting"].date)
    for text in (word.text, paper.flat):
        assert "ПРОТОКОЛ" in text and date in text
        assert "по результатам первичного ранжирования (заочный этап)" in text
        assert "1. Присутствовало на заседании 5 из 5 членов Комиссии (кворум — 3; " in text
        assert "под председательством Галиева Руслана Маратовича" in text
        # admitted per level, in the accusative (4.9); the best group of each level (BR-1)
        assert "Высший уровень: Гарипова Ильдара Рустемовича." in text
        assert "Перспективный уровень: Юсупову Алсу Фаритовну, Орлова Максима Игоревича." in text
        assert "Не допустить к очному этапу отбора: Николаеву Светлану Андреевну." in text
        assert "Голосование не проводилось" in text
        assert "отсутствовавших нет" in text
    # the ranking within each level: criteria, total of 30, place and the decision
    assert word.row("1")[1:] == ["Гарипов Ильдар Рустемович", "9 / 9 / 9", "27,00 из 30", "допущен"]
    assert word.row("2")[1:] == [
        "Николаева Светлана Андреевна",
        "7 / 7 / 7",
        "21,00 из 30",
        "не допущена",
    ]
    assert ["2", "Орлов Максим Игоревич", "5 / 5 / 5", "15,00 из 30", "допущен"] in word.rows
    assert "Гарипов Ильдар Рустемович 9 9 9 27,00 из 30 допущен" in paper.flat
    # every member attended and signs
    assert sorted(signers(word)) == sorted(ALL_MEMBERS)


# --------------------------------------------------------------------------- in-person protocol


def test_br4_br16_in_person_protocol_rating_votes_inclusion_absent_member(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    word, paper = both(br, "br_in_person_protocol", br["campaign"], docx, pdf)
    paged(word, paper)
    present = ALL_MEMBERS[:4]
    for text in (word.text, paper.flat):
        assert doc_date(br["meeting"].date) in text
        assert "1. Присутствовало на заседании 4 из 5 членов Комиссии (кворум — 3; " in text
        assert "Высший уровень: Гарипова Ильдара Рустемовича (рейтинговый балл 82,00)." in text
        assert "Перспективный уровень: Юсупову Алсу Фаритовну (рейтинговый балл 69,00)." in text
        # the projects' winner included without the competition (3.8, BR-9)
        assert (
            "Шарипов Азат Ринатович — базовый уровень; победитель кадрового проекта "
            "«Лидеры Башкортостана»." in text
        )
        assert "Отказать во включении в резерв: Орлову Максиму Игоревичу." in text
        assert (
            "В заседании Комиссии не участвовали следующие члены Комиссии: "
            "Валеев Айдар Салаватович." in text
        )
    # the rating of the expert group (4.11) and the documents of 4.12, per level
    assert word.row("1")[1:] == [
        "Гарипов Ильдар Рустемович",
        "82,00 из 100",
        "представлены",
        "включён в резерв",
    ]
    assert ["1", "Юсупова Алсу Фаритовна", "69,00 из 100", "представлены", "включена в резерв"] in (
        word.rows
    )
    assert [
        "2",
        "Орлов Максим Игоревич",
        "61,00 из 100",
        "представлены",
        "не включён в резерв",
    ] in (word.rows)
    # the votes as recorded, per present member, with the totals
    votes = [r for r in word.rows if len(r) == 4 and r[0] in present]
    assert votes == [
        ["Галиев Руслан Маратович", "X", "", ""],
        ["Сафина Лилия Ринатовна", "X", "", ""],
        ["Ахметов Тимур Ильдарович", "X", "", ""],
        ["Кузьмина Наталья Петровна", "X", "", ""],
        ["Галиев Руслан Маратович", "X", "", ""],
        ["Сафина Лилия Ринатовна", "X", "", ""],
        ["Ахметов Тимур Ильдарович", "X", "", ""],
        ["Кузьмина Наталья Петровна", "", "X", ""],
    ]
    assert [r for r in word.rows if r[0] == "Итого"] == [
        ["Итого", "4", "0", "0"],
        ["Итого", "3", "1", "0"],
    ]
    assert "Морозов Денис Олегович; вопрос: включение в резерв" in paper.flat
    # signatures of the members who attended only
    assert sorted(signers(word)) == sorted(present)
    assert "Независимый эксперт" not in paper.flat
    tail = paper.flat[paper.flat.index("Председатель Комиссии") :]
    assert "Валеев" not in tail


def test_c6_br16_in_person_protocol_reads_the_stored_decision_not_live_data(
    br: dict[str, Any], docx: Any
) -> None:
    with transaction.atomic():
        # the stage reopened for correction and a result changed: the stored decision stays
        decision = in_force.latest_in_force(br["campaign"], stage_id="in_person")
        decisions.decision_reopen(actor=br["hr"], decision=decision, reason="проверка")
        services.result_save(
            actor=br["hr"],
            application=br["apps"]["garipov"],
            stage_id="in_person",
            method_id="expert_conclusion",
            points={"rating_score": 40},
        )
        word = docx(render(br, "br_in_person_protocol", br["campaign"], "docx"))
        transaction.set_rollback(True)
    assert word.row("1")[1:3] == ["Гарипов Ильдар Рустемович", "82,00 из 100"]


# --------------------------------------------------------------------------- the published list


def test_br1_br3_reserve_list_by_level_names_only(br: dict[str, Any], docx: Any, pdf: Any) -> None:
    word, paper = both(br, "br_reserve_list", br["campaign"], docx, pdf)
    paged(word, paper)
    order = br["campaign"].events["head_order"]
    for text in (word.text, paper.flat):
        assert "СПИСОК" in text
        assert f"распоряжение Главы Республики Башкортостан от {doc_date(order)} №" in text
        assert "Всего включено в резерв: 4." in text
        assert "Резерв формируется на 3 года (пункт 1.5 Порядка)" in text  # BR-2
    assert paper.flat.index("Высший уровень") < paper.flat.index("Базовый уровень")
    assert paper.flat.index("Базовый уровень") < paper.flat.index("Перспективный уровень")
    names = [r for r in word.rows if r[0] != "№ п/п"]
    assert names == [
        ["1", "Гарипов Ильдар Рустемович"],
        ["1", "Морозов Денис Олегович"],
        ["2", "Шарипов Азат Ринатович"],
        ["1", "Юсупова Алсу Фаритовна"],
    ]
    # nothing about the persons beyond their names: no score, birth date, contact, sector
    for text in (word.text, paper.text):
        for person in br["people"].values():
            assert doc_date(person.birth_date) not in text
            assert person.email not in text
        assert "82,00" not in text and "государственное управление" not in text
        assert "Орлов" not in text and "Николаева" not in text and "Ким" not in text


# --------------------------------------------------------------------------- written notices


def test_br16_results_notice_not_included_scores_and_documents_kept_a_year(
    br: dict[str, Any], docx: Any, pdf: Any
) -> None:
    word, paper = both(br, "br_results_notice", br["apps"]["orlov"], docx, pdf)
    paged(word, paper)
    decided = br["meeting"].date
    for text in (word.text, paper.flat):
        assert "Орлову Максиму Игоревичу" in text
        assert "Уважаемый Максим Игоревич!" in text
        assert (
            f"Сообщаем, что {doc_date(decided)} Комиссия по формированию и подготовке резерва "
            "управленческих кадров Республики Башкортостан приняла решение об отказе во "
            "включении Вас в резерв управленческих кадров Республики Башкортостан." in text
        )
        assert (
            "Ваш балл — 15,00 из 30, место в рейтинге кандидатов перспективного уровня — 2; "
            "Вы допущены к очному этапу отбора." in text
        )
        assert "Ваш рейтинговый балл — 61,00 из 100" in text
        # BR-18: kept one year from the end of the competition or returned on request
        until = doc_date(decided.replace(year=decided.year + 1))
        assert f"(до {until}) и могут быть Вам возвращены по Вашему письменному заявлению" in text


def test_br16_results_notice_included_and_not_admitted(br: dict[str, Any], docx: Any) -> None:
    included = docx(render(br, "br_results_notice", br["apps"]["yusupova"], "docx")).text
    assert "Юсуповой Алсу Фаритовне" in included
    assert "Уважаемая Алсу Фаритовна!" in included
    assert "приняла решение о включении Вас в резерв управленческих кадров" in included
    assert "(перспективный уровень)" in included
    assert "Ваш рейтинговый балл — 69,00 из 100" in included
    assert "распоряжением Главы Республики Башкортостан (пункт 3.3 Порядка)" in included
    assert "хранятся в течение одного года" not in included
    remote_only = docx(render(br, "br_results_notice", br["apps"]["nikolaeva"], "docx")).text
    assert "Уважаемая Светлана Андреевна!" in remote_only
    assert "Вы не допущены к очному этапу отбора." in remote_only
    assert "рейтинговый балл" not in remote_only
    project = docx(render(br, "br_results_notice", br["apps"]["sharipov"], "docx")).text
    assert (
        "Сообщаем, что Вы включены в резерв управленческих кадров Республики Башкортостан "
        "(базовый уровень) без конкурсных процедур как победитель кадрового проекта "
        "«Лидеры Башкортостана» (пункт 3.8 Порядка)." in project
    )


# --------------------------------------------------------------------------- availability, access


def test_documents_exist_once_their_data_does(br: dict[str, Any]) -> None:
    campaign: Campaign = br["campaign"]
    # a refused candidate gets the BR-11 refusal, not a notice of results
    assert not document_available(ref("br_results_notice", br["apps"]["kim"]))
    with transaction.atomic():
        decision = br["decision"]
        ReserveEntry.objects.filter(campaign=campaign).delete()
        decision.delete()
        # only the remote-stage protocol is left
        assert document_available(ref("br_remote_protocol", campaign))
        for code in ("br_in_person_protocol", "br_reserve_list"):
            assert not document_available(ref(code, campaign)), code
        assert not document_available(ref("br_results_notice", br["apps"]["garipov"]))
        br["remote_decision"].delete()
        assert not document_available(ref("br_remote_protocol", campaign))
        # the candidate's own forms exist with the application
        assert document_available(ref("br_application", br["apps"]["garipov"]))
        transaction.set_rollback(True)
    assert document_available(ref("br_in_person_protocol", campaign))


def test_who_may_download_br_documents(br: dict[str, Any]) -> None:
    apps, people, members = br["apps"], br["people"], br["members"]
    campaign = br["campaign"]

    def letter(code: str, key: str) -> str:
        return reverse("documents_application_file", args=[apps[key].uid, code, "pdf"])

    protocol = reverse(
        "documents_campaign_file", args=[campaign.uid, "br_in_person_protocol", "pdf"]
    )
    listing = reverse("documents_campaign_file", args=[campaign.uid, "br_reserve_list", "docx"])
    garipov, orlov = people["garipov"].user, people["orlov"].user
    member = members["valeev"].user
    # a candidate: their own application, questionnaire and notice; not another's
    assert status_of(garipov, letter("br_results_notice", "garipov")) == 200
    assert status_of(garipov, letter("br_questionnaire", "garipov")) == 200
    assert status_of(garipov, letter("br_results_notice", "orlov")) == 403
    assert status_of(orlov, letter("br_application", "garipov")) == 403
    # protocols and the list: HR and commission members, not candidates
    assert status_of(br["hr"], protocol) == 200
    assert status_of(member, protocol) == 200
    assert status_of(member, listing) == 200
    assert status_of(garipov, protocol) == 403
    # a member does not read a candidate's letters or questionnaire
    assert status_of(member, letter("br_questionnaire", "garipov")) == 403
    assert status_of(None, protocol) == 302


def test_file_names_carry_no_personal_data(br: dict[str, Any]) -> None:
    c = Client()
    c.force_login(br["hr"])
    app = br["apps"]["garipov"]
    response = c.get(reverse("documents_application_file", args=[app.uid, "br_anketa", "pdf"]))
    assert response.status_code == 404  # the slug is not the code
    response = c.get(
        reverse("documents_application_file", args=[app.uid, "br_questionnaire", "docx"])
    )
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"])
    assert name is not None and name.group(1) == f"br_anketa_{app.code}.docx"
    assert "Гарипов" not in name.group(1)


def test_letters_to_the_candidates_cite_no_rule_id(br: dict[str, Any]) -> None:
    """The notice of results of the decided BR competition to each candidate, DOCX and PDF: never
    a rule ID (the demo's BR campaign is not decided yet; its other forms are read there)."""
    apps = list(br["apps"].values())
    assert any(document_available(ref("br_results_notice", a)) for a in apps)
    assert rule_codes_in_letters(br, apps, forms=("br_results_notice",)) == []
