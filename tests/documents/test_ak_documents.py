"""AK forms opened as a person would: every DOCX through python-docx, every PDF as text.

The world (``world_ak.py``): the 2020 contest with two regional commissions (Akmola, Turkistan)
and the republican commission, decided stage by stage.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from rezerv.documents import registry
from rezerv.documents.services import document_available, document_render
from rezerv.documents.style import doc_date
from rezerv.engine.loader import load_regulation
from rezerv.selection import services
from rezerv.selection.models import Ballot
from tests.documents.helpers import ref, render, rolled_back
from tests.documents.world_ak import ak_documents_world

pytestmark = pytest.mark.django_db
PRESELECTION, INTERVIEW, REPUBLICAN = "preselection", "regional_interview", "republican"

AK_CODES = [
    "ak_application",
    "ak_questionnaire",
    "ak_sheet_questionnaire",
    "ak_sheet_project",
    "ak_sheet_survey",
    "ak_sheet_essay",
    "ak_sheet_defence",
    "ak_regional_protocol",
    "ak_republican_protocol",
    "ak_stage2_list",
]


@pytest.fixture(scope="module")
def ak(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media_ak")):
        yield ak_documents_world()


def member(world: dict[str, Any], commission: str, key: str) -> Any:
    return world["commissions"][commission][key]


def subjects(world: dict[str, Any]) -> dict[str, Any]:
    apps = world["apps"]
    return {
        "ak_application": apps["abenov"],
        "ak_questionnaire": apps["abenov"],
        "ak_sheet_questionnaire": apps["abenov"],
        "ak_sheet_project": member(world, "akmola", "akm_2"),
        "ak_sheet_survey": apps["petrova"],
        "ak_sheet_essay": member(world, "akmola", "akm_2"),
        "ak_sheet_defence": member(world, "republican", "rep_2"),
        "ak_regional_protocol": world["campaign"],
        "ak_republican_protocol": world["campaign"],
        "ak_stage2_list": world["campaign"],
    }


def page_breaks(data: bytes) -> int:
    return Document(io.BytesIO(data)).element.xml.count('w:type="page"')


def sheet_rows(doc: Any) -> list[list[str]]:
    """The criteria rows of every page of a score sheet (numbered rows and the totals)."""
    return [r for r in doc.rows if r[0].endswith(".") or r[1] == "Итого баллов:"]


# --------------------------------------------------------------------------- appendix 1 and 2


def test_ak5_application_appendix_1_from_the_akim_in_the_genitive(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    abenov = ak["apps"]["abenov"]
    doc = docx(render(ak, "ak_application", abenov, "docx"))
    assert doc.paragraphs[0] == "Приложение 1"
    assert "В Региональную конкурсную комиссию (Акмолинская область)" in doc.paragraphs
    assert "от Абенова Серика Канатовича," in doc.paragraphs
    assert (
        "акима сельского округа (сельский округ Катарколь, Бурабайский район, Акмолинская "
        "область)" in doc.paragraphs
    )
    assert "Заявление" in doc.paragraphs
    assert (
        "Прошу допустить меня к участию в республиканском конкурсе «Лучший сельский аким»."
        in doc.paragraphs
    )
    assert "С условиями конкурса ознакомлен и согласен." in doc.paragraphs
    # the documents submitted with it (AK-5), in the order of the regulation's catalogue
    assert "1) Копия удостоверения личности;" in doc.paragraphs
    assert "6) Проектная работа — видеоролик (не более 5 минут)." in doc.paragraphs
    assert doc.row("«05» июня 2020 г.")[2] == ""  # the signature is left to the akim
    assert "PAGE" in doc.footer_xml and "NUMPAGES" in doc.footer_xml

    petrova = docx(render(ak, "ak_application", ak["apps"]["petrova"], "docx"))
    assert "от Петровой Марии Сергеевны," in petrova.paragraphs
    assert "С условиями конкурса ознакомлена и согласна." in petrova.paragraphs

    printed = pdf(render(ak, "ak_application", abenov, "pdf"))
    assert "от Абенова Серика Канатовича" in printed.flat
    assert "«05» июня 2020 г." in printed.flat
    assert "Страница 1 из 1" in printed.text


def test_ak5_c4_questionnaire_appendix_2_filled_from_the_records(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    abenov = ak["apps"]["abenov"]
    doc = docx(render(ak, "ak_questionnaire", abenov, "docx"))
    assert "АНКЕТА" in doc.paragraphs
    assert doc.row("Фамилия") == ["Фамилия", "Абенов"]
    assert doc.row("Отчество") == ["Отчество", "Канатович"]
    assert doc.row("Дата рождения") == ["Дата рождения", "«14» марта 1980 г."]
    assert doc.row("Должность") == ["Должность", "аким сельского округа (сельский округ Катарколь)"]
    assert doc.row("Стаж государственной службы") == ["Стаж государственной службы", "12 лет"]
    assert doc.row("Учёная степень, звание")[1] == "кандидат экономических наук"
    assert doc.row("Знание государственного и иностранного языков")[1] == (
        "казахский — свободно; русский — свободно; английский — B2"
    )
    assert doc.row("Наличие/отсутствие дисциплинарных взысканий")[1].startswith(
        "не снятых дисциплинарных взысканий не имею"
    )
    # not recorded by rezerv: a line left to fill in by hand
    assert doc.row("Стаж работы по направлению, связанному с темой конкурсной работы")[1] == ""
    assert doc.row("«05» июня 2020 г.")[0] == "«05» июня 2020 г."  # дата заполнения
    consent = next(p for p in doc.paragraphs if p.startswith("На обработку и хранение"))
    assert "согласен. (Согласие дано «05» июня 2020 г.)" in consent  # C-4

    petrova = docx(render(ak, "ak_questionnaire", ak["apps"]["petrova"], "docx"))
    assert "Стаж государственной службы" in petrova.text
    assert petrova.row("Стаж государственной службы")[1] == "8 лет"
    consent = next(p for p in petrova.paragraphs if p.startswith("На обработку и хранение"))
    assert "согласна." in consent

    printed = pdf(render(ak, "ak_questionnaire", abenov, "pdf"))
    assert "Место для фото" in printed.text
    assert "«14» марта 1980 г." in printed.flat
    assert "Страница 1 из 2" in printed.text and "Страница 2 из 2" in printed.text


# --------------------------------------------------------------------------- appendices 3–7


def test_ak13_appendix_3_marks_the_lines_that_hold_and_matches_the_decision(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    doc = docx(render(ak, "ak_sheet_questionnaire", ak["apps"]["abenov"], "docx"))
    assert "Приложение 3" in doc.paragraphs
    assert "оценки анкет участников конкурса I этапа" in doc.paragraphs
    assert ["1.", "Стаж государственной службы:", "", ""] in doc.rows
    assert ["", "от 1 года до 10 лет", "1", "—"] in doc.rows  # 12 years: not this line
    assert ["", "свыше 10 лет", "2", "2"] in doc.rows
    # AK-13 as encoded: the trilingual akim has both language lines (3 + 2)
    assert ["", "Знание государственного языка", "3", "3"] in doc.rows
    assert ["", "Знание государственного, русского и английского языков", "2", "2"] in doc.rows
    assert ["", "Наличие ведомственных наград", "1", "—"] in doc.rows
    assert ["", "Итого баллов:", "29", "19"] in doc.rows
    # the pre-selection decision: every sheet of the 8 members present holds 19 + 9 × 10
    stored = ak["decisions"][("akmola", PRESELECTION)].result["candidates"]
    row = next(r for r in stored if r["id"] == str(ak["apps"]["abenov"].pk))
    assert Decimal(row["stages"][PRESELECTION]["score"]) == 8 * (19 + 90)

    petrova = docx(render(ak, "ak_sheet_questionnaire", ak["apps"]["petrova"], "docx"))
    assert ["", "от 1 года до 10 лет", "1", "1"] in petrova.rows
    assert ["", "Итого баллов:", "29", "5"] in petrova.rows

    printed = pdf(render(ak, "ak_sheet_questionnaire", ak["apps"]["abenov"], "pdf"))
    assert "Критерии оценки анкет участников конкурса I этапа" in printed.flat
    assert "Итого баллов: 29 19" in printed.flat
    assert "«25» июня 2020 г." in printed.flat


def test_ak7_ak2_appendix_4_a_members_sheet_a_page_per_akim_of_the_oblast(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    kuznetsova = member(ak, "akmola", "akm_2")
    data = render(ak, "ak_sheet_project", kuznetsova, "docx")
    doc = docx(data)
    akims = [p for p in doc.paragraphs if p.startswith("Участник конкурса: ")]
    assert akims == [
        "Участник конкурса: Абенов Серик Канатович, аким сельского округа",
        "Участник конкурса: Кузнецов Иван Ильич, аким сельского округа",
        "Участник конкурса: Петрова Мария Сергеевна, аким сельского округа",
        "Участник конкурса: Сидоров Пётр Алексеевич, аким сельского округа",
        "Участник конкурса: Ахметова Гульнара Ерлановна, аким сельского округа",
    ]  # AK-2: the akims of her oblast only, by district
    assert "Омаров" not in doc.text
    assert page_breaks(data) == 4  # a page per akim
    rows = sheet_rows(doc)
    assert rows[0] == ["1.", "Рациональность предложения по устойчивому развитию", "До 10", "9"]
    assert rows[10] == ["", "Итого баллов:", "100", "90"]  # Абенов: 9 on every criterion
    assert rows[21] == ["", "Итого баллов:", "100", "60"]  # Кузнецов: 6
    assert "Дата заседания: «25» июня 2020 г., г. Кокшетау, ул. Абая, 96, зал заседаний" in (
        doc.paragraphs
    )
    assert doc.row("Кузнецова Ольга Викторовна, заместитель акима области")[2] == ""

    # the absent member scored nothing: her sheet is the blank form
    orlova = docx(render(ak, "ak_sheet_project", member(ak, "akmola", "akm_5"), "docx"))
    assert ["1.", "Рациональность предложения по устойчивому развитию", "До 10", ""] in orlova.rows
    assert ["", "Итого баллов:", "100", ""] in orlova.rows

    printed = pdf(render(ak, "ak_sheet_project", kuznetsova, "pdf"))
    assert len(printed.pages) == 5
    assert "Страница 5 из 5" in printed.pages[4]
    assert "Итого баллов: 100 90" in " ".join(printed.pages[0].split())


def test_ak9_appendix_5_survey_once_per_akim_and_appendix_6_essay_of_the_nominees(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    survey = docx(render(ak, "ak_sheet_survey", ak["apps"]["petrova"], "docx"))
    assert "Приложение 5" in survey.paragraphs
    assert "акимов сел (сельских округов)" in survey.paragraphs
    rows = sheet_rows(survey)
    assert len(rows) == 17 and all(r[2:] == ["До 10", "7"] for r in rows[:16])
    assert rows[1][1].startswith("Оказание помощи и поддержки многодетным и малообеспеченным")
    assert rows[16] == ["", "Итого баллов:", "160", "112"]
    # Кузнецов was not nominated (AK-7): no regional interview, no survey sheet
    assert not document_available(ref("ak_sheet_survey", ak["apps"]["kuznetsov"]))

    essay = docx(render(ak, "ak_sheet_essay", member(ak, "akmola", "akm_2"), "docx"))
    assert "Приложение 6" in essay.paragraphs
    assert "оценки эссе участников конкурса I этапа" in essay.paragraphs
    akims = [p for p in essay.paragraphs if p.startswith("Участник конкурса: ")]
    assert len(akims) == 4 and not any("Кузнецов" in a for a in akims)
    assert ["", "Итого баллов:", "100", "80"] in essay.rows  # Абенов: 8 × 10
    assert "Дата заседания: «28» июля 2020 г., г. Кокшетау, ул. Абая, 96, зал заседаний" in (
        essay.paragraphs
    )
    printed = pdf(render(ak, "ak_sheet_survey", ak["apps"]["petrova"], "pdf"))
    assert "Итого баллов: 160 112" in printed.flat
    assert "Страница 1 из" in printed.text


def test_ak11_appendix_7_criterion_12_is_the_first_stage_scaled_to_10(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    rep = member(ak, "republican", "rep_2")
    doc = docx(render(ak, "ak_sheet_defence", rep, "docx"))
    assert "Приложение 7" in doc.paragraphs
    akims = [p for p in doc.paragraphs if p.startswith("Участник конкурса: ")]
    assert akims == [
        "Участник конкурса: Абенов Серик Канатович, аким сельского округа",
        "Участник конкурса: Омаров Данияр Серикович, аким сельского округа",
    ]
    rows = sheet_rows(doc)
    stage1 = ak["decisions"][("akmola", INTERVIEW)].result["candidates"]
    abenov = next(r for r in stage1 if r["id"] == str(ak["apps"]["abenov"].pk))
    scaled = Decimal(abenov["stages"][INTERVIEW]["score"]) / Decimal(
        abenov["stages"][INTERVIEW]["max"]
    )
    expected = str((scaled * 10).quantize(Decimal("0.01"))).replace(".", ",")
    assert rows[11] == ["12.", "Результаты отбора первого этапа", "До 10", expected]
    assert rows[12] == [
        "",
        "Итого баллов:",
        "120",
        f"{88 + Decimal(expected.replace(',', '.'))}".replace(".", ","),
    ]
    assert "Республиканов2 Павел Сергеевич, член комиссии" in doc.text
    assert "«15» сентября 2020 г." in doc.text
    # a member of a regional commission has no stage-2 sheet, the republican one no stage-1 sheet
    assert not document_available(ref("ak_sheet_defence", member(ak, "akmola", "akm_2")))
    assert not document_available(ref("ak_sheet_project", rep))
    assert not document_available(ref("ak_sheet_project", member(ak, "akmola", "akm_secretary")))
    printed = pdf(render(ak, "ak_sheet_defence", rep, "pdf"))
    starts = [p for p in printed.pages if "Участник конкурса:" in p]
    assert len(starts) == 2 and all(p.startswith("Приложение 7") for p in starts)
    assert "Омаров Данияр Серикович" in starts[1] and "Абенов" not in starts[1]
    n = len(printed.pages)
    assert f"Страница {n} из {n}" in printed.pages[-1]


# --------------------------------------------------------------------------- protocols and list


def test_ak2_ak7_ak10_regional_protocols_attendance_rating_and_signatures(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    data = render(ak, "ak_regional_protocol", ak["campaign"], "docx")
    doc = docx(data)
    # a protocol per decision: Akmola (pre-selection, interview), Turkistan (the same)
    assert doc.paragraphs.count("ПРОТОКОЛ") == 4
    assert doc.paragraphs.count("(Акмолинская область)") == 2
    assert page_breaks(data) == 3
    assert "«25» июня 2020 г." in doc.paragraphs and "«28» июля 2020 г." in doc.paragraphs
    assert (
        "1. Присутствовали 8 из 9 членов комиссии (необходимо не менее 2/3 состава — 6; "
        "заседание правомочно):" in doc.paragraphs
    )
    assert "Отсутствовали: Орлова Анна Сергеевна." in doc.paragraphs
    assert "Секретарь комиссии: Соколова Дарья Андреевна." in doc.paragraphs
    assert "Заседание проведено под председательством Жумабекова Нурлана Болатовича." in (
        doc.paragraphs
    )
    # pre-selection (AK-7): three per district; the fourth of Бурабайский район is not nominated
    assert doc.row("4")[:3] == ["4", "Кузнецов Иван Ильич", "Бурабайский район"]
    assert doc.row("4")[4:] == ["520,00", "4", "не прошёл отбор"]
    petrova = next(r for r in doc.rows if r[1] == "Петрова Мария Сергеевна")
    assert petrova[4:] == ["680,00", "2", "номинирована"]
    assert any(
        p.startswith("2) Петрову Марию Сергеевну, акима сельского округа") for p in doc.paragraphs
    )
    # the regional interview (AK-10): one per oblast goes on
    interview = [r for r in doc.rows if r[1] == "Абенов Серик Канатович" and r[4] == "1624,00"]
    assert interview and interview[0][6] == "допущен ко второму этапу"
    assert interview[0][3] == (
        "отбор — 872,00; соцопрос (прил. 5) — 112,00; эссе (прил. 6) — 640,00 "
        "(оценочных листов — 8)"
    )
    assert any(p.startswith("1) Омарова Данияра Сериковича, акима") for p in doc.paragraphs)
    # the protocol is signed by the chair and the secretary who attended (p. 3 of the seed)
    signed = [r[2] for r in doc.rows if r[0].startswith(("Председатель", "Секретарь"))]
    assert (
        signed
        == [
            "Жумабеков Нурлан Болатович",
            "Соколова Дарья Андреевна",
        ]
        * 2
        + ["Есенов Марат Кайратович", "Алиева Сауле Маратовна"] * 2
    )
    assert not any("Орлова" in r[2] or "Кузнецова" in r[2] for r in doc.rows if len(r) == 3)

    printed = pdf(render(ak, "ak_regional_protocol", ak["campaign"], "pdf"))
    assert "под председательством Жумабекова Нурлана Болатовича" in printed.flat
    assert "Страница 1 из" in printed.pages[0]
    assert "(Туркестанская область)" in printed.text


def test_c6_protocol_and_sheet_read_the_stored_decision_not_live_ballots(
    ak: dict[str, Any], docx: Any
) -> None:
    abenov = ak["apps"]["abenov"]
    Ballot.objects.filter(application=abenov, stage_id=PRESELECTION).update(
        points=dict.fromkeys([f"p{i}" for i in range(1, 11)], "1")
    )
    doc = docx(render(ak, "ak_regional_protocol", ak["campaign"], "docx"))
    assert next(r for r in doc.rows if r[1] == "Абенов Серик Канатович")[4] == "872,00"
    sheet = docx(render(ak, "ak_sheet_project", member(ak, "akmola", "akm_2"), "docx"))
    assert sheet_rows(sheet)[10] == ["", "Итого баллов:", "100", "90"]


def test_ak1_ak11_republican_protocol_names_the_winners(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    doc = docx(render(ak, "ak_republican_protocol", ak["campaign"], "docx"))
    assert doc.paragraphs.count("ПРОТОКОЛ") == 1
    assert "«15» сентября 2020 г." in doc.paragraphs
    assert "Отсутствовали: отсутствовавших нет." in doc.paragraphs
    assert "Заседание проведено под председательством Смагулова Ерлана Аслановича." in (
        doc.paragraphs
    )
    first, second = doc.row("1"), doc.row("2")
    assert first[1:3] == ["Омаров Данияр Серикович", "Туркестанская область"]
    assert first[4:] == ["955,71", "1", "победитель Конкурса"]
    assert second[1] == "Абенов Серик Канатович" and second[4:6] == ["857,81", "2"]
    assert "итоги I этапа (п. 12) — 7,19" in first[3]
    assert "Признать победителями Конкурса:" in doc.paragraphs
    assert any(p.startswith("1) Омарова Данияра Сериковича") for p in doc.paragraphs)
    assert any(p.startswith("2) Абенова Серика Канатовича") for p in doc.paragraphs)
    assert any("дипломом «Лучший сельский аким Республики Казахстан»" in p for p in doc.paragraphs)
    signed = [r[2] for r in doc.rows if r[0].startswith(("Председатель", "Секретарь"))]
    assert signed == ["Смагулов Ерлан Асланович", "Морозова Наталья Олеговна"]
    printed = pdf(render(ak, "ak_republican_protocol", ak["campaign"], "pdf"))
    assert "Признать победителями Конкурса: 1) Омарова Данияра Сериковича" in printed.flat
    assert "Страница 1 из" in printed.text


def test_ak10_stage2_list_one_akim_per_oblast(ak: dict[str, Any], docx: Any, pdf: Any) -> None:
    doc = docx(render(ak, "ak_stage2_list", ak["campaign"], "docx"))
    listed = [r for r in doc.rows if r[0] in ("1", "2", "3")]
    assert listed == [
        [
            "1",
            "Абенов Серик Канатович",
            "аким сельского округа, сельский округ Катарколь",
            "Бурабайский район, Акмолинская область",
            "1624,00",
            doc_date(ak["meetings"][("akmola", INTERVIEW)].date),
        ],
        [
            "2",
            "Омаров Данияр Серикович",
            "аким сельского округа, сельский округ Карабулак",
            "Сайрамский район, Туркестанская область",
            "1597,00",
            "«28» июля 2020 г.",
        ],
    ]
    assert "Петрова" not in doc.text
    printed = pdf(render(ak, "ak_stage2_list", ak["campaign"], "pdf"))
    assert "Абенов Серик Канатович" in printed.flat and "Страница 1 из 1" in printed.text


@pytest.fixture
def kk_ru(ak: dict[str, Any]) -> Iterator[None]:
    """The body issues in Kazakh and Russian for one test (issue 15)."""
    # the subjects hold their own copies of the body: each is set as well as the stored row
    bodies = [ak["body"], ak["campaign"].body, *(a.campaign.body for a in ak["apps"].values())]
    for value in ("kk_ru", "ru"):
        for body in bodies:
            body.document_languages = value
        bodies[0].save(update_fields=["document_languages"])
        if value == "kk_ru":
            yield


def test_ak5_bilingual_application_kazakh_first_from_a_body_issuing_in_both(
    ak: dict[str, Any], kk_ru: None, docx: Any, pdf: Any
) -> None:
    """Issue 15 (AK-5, appendix 1): the Kazakh application first, with the regulation's Kazakh
    texts (post, oblast, the enclosed documents) and the name as written, then the Russian."""
    abenov = ak["apps"]["abenov"]
    doc = docx(render(ak, "ak_application", abenov, "docx"))
    assert doc.paragraphs.index("1-қосымша") < doc.paragraphs.index("Приложение 1")
    assert "Өңірлік конкурстық комиссияға (Ақмола облысы)" in doc.paragraphs
    assert "Абенов Серик Канатович," in doc.paragraphs
    assert "ауылдық округ әкімі (сельский округ Катарколь, Бурабайский район, Ақмола облысы)" in (
        doc.paragraphs
    )
    assert "1) Жеке куәлігінің көшірмесі;" in doc.paragraphs
    assert "Конкурс шарттарымен таныстым және келісемін." in doc.paragraphs
    assert "от Абенова Серика Канатовича," in doc.paragraphs  # the Russian part unchanged
    assert doc.rows[:2] == [["2020\u00a0ж. 5 маусым", "", ""], ["(күні)", "", "(қолы)"]]
    assert doc.language == "kk-KZ"
    assert doc.language_of("Өтініш") == "kk-KZ" and doc.language_of("Заявление") == "ru-RU"

    printed = pdf(render(ak, "ak_application", abenov, "pdf"))
    assert len(printed.pages) == 2 and printed.language == "kk"
    assert "«Үздік ауыл әкімі» республикалық конкурсына" in " ".join(printed.pages[0].split())
    assert "Прошу допустить меня" in " ".join(printed.pages[1].split())


def test_ak10_bilingual_stage2_list_kazakh_first(
    ak: dict[str, Any], kk_ru: None, docx: Any, pdf: Any
) -> None:
    """Issue 15 (AK-10): the published list in Kazakh, then in Russian."""
    doc = docx(render(ak, "ak_stage2_list", ak["campaign"], "docx"))
    first = [r for r in doc.rows if r[0] == "1"]
    assert first[0][2:4] == [
        "ауылдық округ әкімі, сельский округ Катарколь",
        "Бурабайский район, Ақмола облысы",
    ]
    assert first[1][2] == "аким сельского округа, сельский округ Катарколь"
    assert doc.paragraphs.index("ТІЗІМ") < doc.paragraphs.index("СПИСОК")
    printed = pdf(render(ak, "ak_stage2_list", ak["campaign"], "pdf"))
    assert printed.language == "kk" and len(printed.pages) == 2
    kazakh = " ".join(printed.pages[0].split())
    assert "Абенов Серик Канатович" in kazakh and "Ақмола облысы" in kazakh


def test_ak_forms_without_a_kazakh_text_stay_russian_from_a_body_issuing_in_both(
    ak: dict[str, Any], kk_ru: None
) -> None:
    from rezerv.documents.rendering import render_html

    context = registry.FORMS["ak_regional_protocol"].build(ak["campaign"])
    assert '<html lang="ru">' in render_html("ak_regional_protocol", context, None)


def test_every_ak_form_has_page_numbers_and_a_footer(
    ak: dict[str, Any], docx: Any, pdf: Any
) -> None:
    assert {s.code for s in registry.forms_for(load_regulation("AK").regulation)} == set(AK_CODES)
    for code, subject in subjects(ak).items():
        doc = docx(render(ak, code, subject, "docx"))
        assert "PAGE" in doc.footer_xml and "NUMPAGES" in doc.footer_xml, code
        assert ak["body"].name in doc.footer, code
        printed = pdf(render(ak, code, subject, "pdf"))
        assert f"Страница 1 из {len(printed.pages)}" in printed.pages[0], code


# --------------------------------------------------------------------------- availability, access


def test_ak_documents_do_not_exist_before_their_data(docx: Any) -> None:
    world = ak_documents_world(decide=False, suffix="_e")
    campaign, apps = world["campaign"], world["apps"]
    regional = world["commissions"]["akmola"]["akm_2"]
    assert document_available(ref("ak_application", apps["abenov"]))
    assert document_available(ref("ak_questionnaire", apps["abenov"]))
    assert not document_available(ref("ak_sheet_questionnaire", apps["abenov"]))  # not admitted
    assert not document_available(ref("ak_sheet_project", regional))  # nobody admitted yet
    for code in ("ak_regional_protocol", "ak_republican_protocol", "ak_stage2_list"):
        assert not document_available(ref(code, campaign)), code
        with pytest.raises(services.ServiceError):
            document_render(actor=world["hr"], ref=ref(code, campaign), fmt="docx")
    app = apps["abenov"]
    services.application_decide(
        actor=world["hr"],
        application=app,
        admit=True,
        refusal_text="",
        expected_version=app.version,
    )
    # admitted: the project sheet is the blank paper form, the meeting's date by hand
    sheet = docx(render(world, "ak_sheet_project", regional, "docx"))
    assert "Участник конкурса: Абенов Серик Канатович, аким сельского округа" in sheet.paragraphs
    assert "Дата заседания: «___» ____________ 20___ г." in sheet.paragraphs
    assert ["", "Итого баллов:", "100", ""] in sheet.rows
    assert not document_available(ref("ak_sheet_essay", regional))  # no one nominated yet
    assert not document_available(ref("ak_sheet_survey", apps["abenov"]))
    assert not document_available(
        ref("ak_sheet_defence", world["commissions"]["republican"]["rep_2"])
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_who_may_download_ak_documents(ak: dict[str, Any]) -> None:
    apps, campaign = ak["apps"], ak["campaign"]
    abenov_user = ak["people"]["abenov"].user

    def app_url(key: str, code: str) -> str:
        return reverse("documents_application_file", args=[apps[key].uid, code, "docx"])

    def member_url(m: Any, code: str) -> str:
        return reverse("documents_member_file", args=[m.pk, code, "docx"])

    def campaign_url(code: str) -> str:
        return reverse("documents_campaign_file", args=[campaign.uid, code, "docx"])

    candidate = _client(abenov_user)
    assert candidate.get(app_url("abenov", "ak_application")).status_code == 200
    assert candidate.get(app_url("abenov", "ak_questionnaire")).status_code == 200
    assert candidate.get(app_url("petrova", "ak_application")).status_code == 403
    assert candidate.get(app_url("abenov", "ak_sheet_questionnaire")).status_code == 403
    assert candidate.get(campaign_url("ak_regional_protocol")).status_code == 403

    kuznetsova = member(ak, "akmola", "akm_2")
    popova = member(ak, "akmola", "akm_3")
    own = _client(kuznetsova.user)
    assert own.get(member_url(kuznetsova, "ak_sheet_project")).status_code == 200
    assert own.get(member_url(popova, "ak_sheet_project")).status_code == 403  # another's sheet
    assert own.get(campaign_url("ak_regional_protocol")).status_code == 200
    assert own.get(campaign_url("ak_stage2_list")).status_code == 200
    assert own.get(app_url("abenov", "ak_sheet_questionnaire")).status_code == 200
    assert own.get(app_url("abenov", "ak_questionnaire")).status_code == 403  # personal data

    hr = _client(ak["hr"])
    assert hr.get(member_url(popova, "ak_sheet_project")).status_code == 200
    assert hr.get(campaign_url("ak_republican_protocol")).status_code == 200
    assert REPUBLICAN in member(ak, "republican", "rep_2").commission.stages
