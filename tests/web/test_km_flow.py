"""KM in full through the web application (Django test client), rule by rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import Application, AuditEvent, Ballot, Decision, ReserveEntry
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="pass-Word-1")
    return client


def apply(
    client: Client,
    campaign: Any,
    *,
    docs: list[str] | None = None,
    consent: bool = True,
    **facts: str,
) -> Any:
    data: dict[str, Any] = {
        "fact_speaks_russian": "1",
        "fact_liable_for_military_service": "0",
        "route": "default",
    }
    data.update({f"fact_{k}": v for k, v in facts.items()})
    for doc in docs if docs is not None else f.KM_DOCS:
        data[f"doc_{doc}"] = f.pdf(f"{doc}.pdf")
    if consent:
        data["consent"] = "on"
    return client.post(reverse("apply", args=[campaign.uid]), data)


@pytest.fixture
def setup() -> dict[str, Any]:
    body = f.body()
    hr = f.hr_user(body)
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    return {"body": body, "hr": hr, "campaign": campaign, "today": today}


def test_km4_announcement_page_is_public_and_complete(setup: dict[str, Any]) -> None:
    campaign = setup["campaign"]
    page = Client().get(reverse("announcement", args=[campaign.uid])).content.decode()
    for text in (
        "Главный специалист",  # position
        "Служебный контракт",  # conditions
        "ул. Примерная, 1, каб. 10",  # how and where to submit
        "Окончание приёма документов",  # the deadline
        "Копия паспорта",  # documents
        "Тестирование",  # assessment methods
    ):
        assert text in page, text


def test_km4_publication_requires_the_announcement_fields(setup: dict[str, Any]) -> None:
    from rezerv.selection import services
    from rezerv.selection.models import Campaign

    campaign = Campaign.objects.create(
        kind="vacancy",
        regulation=setup["campaign"].regulation,
        title="Без условий",
        body=setup["body"],
        created_by=setup["hr"],
    )
    with pytest.raises(services.ServiceError, match="KM-4"):
        services.campaign_publish(actor=setup["hr"], campaign=campaign, on=setup["today"])


def test_c4_application_without_consent_is_not_accepted(setup: dict[str, Any]) -> None:
    f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    response = apply(login("ivanov"), setup["campaign"], consent=False)
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных" in response.content.decode()
    assert Application.objects.count() == 0


def test_double_submit_creates_one_application(setup: dict[str, Any]) -> None:
    f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    client = login("ivanov")
    first = apply(client, setup["campaign"])
    second = apply(client, setup["campaign"])
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1


def test_upload_checked_by_content_not_extension(setup: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    client = login("ivanov")
    data: dict[str, Any] = {
        "fact_speaks_russian": "1",
        "fact_liable_for_military_service": "0",
        "consent": "on",
        "route": "default",
    }
    for doc in f.KM_DOCS:
        data[f"doc_{doc}"] = f.pdf()
    data["doc_passport_copy"] = SimpleUploadedFile("passport.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(reverse("apply", args=[setup["campaign"].uid]), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Копия паспорта" in text and "не является документом" in text
    assert Application.objects.count() == 0


def test_km6_hr_sees_engine_verdict_and_generated_refusal_text(setup: dict[str, Any]) -> None:
    f.candidate("young", "Юнцов", "Пётр", birth_date=setup["today"] - dt.timedelta(days=365 * 17))
    apply(login("young"), setup["campaign"], docs=[d for d in f.KM_DOCS if d != "snils"])
    app = Application.objects.get()
    hr = login("hr")
    page = hr.get(reverse("desk_application", args=[app.uid])).content.decode()
    assert "достижение возраста 18 лет" in page and "СНИЛС" in page
    assert "Вам отказано в допуске" in page  # the generated refusal text
    response = hr.post(
        reverse("desk_application", args=[app.uid]),
        {"decide": "1", "admit": "0", "refusal_text": "", "version": app.version},
    )
    assert "Укажите причины отказа" in response.content.decode()
    app.refresh_from_db()
    assert app.status == "submitted"


def _km_full_flow(setup: dict[str, Any]) -> dict[str, Any]:
    campaign = setup["campaign"]
    people = [
        ("ivanov", "Иванов", "Иван", "Иванович"),
        ("petrova", "Петрова", "Мария", "Сергеевна"),
        ("sidorov", "Сидоров", "Пётр", "Андреевич"),
    ]
    for username, last, first, patronymic in people:
        f.candidate(username, last, first, patronymic)
        apply(login(username), campaign)
    hr = login("hr")
    apps = {a.person.user.username: a for a in Application.objects.select_related("person__user")}
    for app in apps.values():
        hr.post(
            reverse("desk_application", args=[app.uid]),
            {"save_facts": "1", "fact_meets_qualification": "1"},
        )
        app.refresh_from_db()
        response = hr.post(
            reverse("desk_application", args=[app.uid]),
            {"decide": "1", "admit": "1", "refusal_text": "", "version": app.version},
        )
        assert response.status_code == 302, response.content.decode()
    members = f.km_commission(setup["hr"], campaign)
    # test results (KM-13) and document drafts
    tests = {"ivanov": (45, 50), "petrova": (40, 50), "sidorov": (38, 50)}
    data = {}
    for name, (correct, questions) in tests.items():
        data[f"a{apps[name].pk}_correct"] = str(correct)
        data[f"a{apps[name].pk}_questions"] = str(questions)
    assert (
        hr.post(
            reverse("desk_results", args=[campaign.uid, "competition", "test"]), data
        ).status_code
        == 302
    )
    drafts = {"ivanov": "5", "petrova": "4", "sidorov": "3"}
    data = {}
    for name, value in drafts.items():
        for crit in ("formatting", "understanding", "solutions", "grounds", "analysis", "literacy"):
            data[f"a{apps[name].pk}_{crit}"] = value
    assert (
        hr.post(
            reverse("desk_results", args=[campaign.uid, "competition", "document_draft"]), data
        ).status_code
        == 302
    )
    # interviews: each member on their own screen (KM-15)
    interview = {"ivanov": [8, 9, 8, 7, 9], "petrova": [9, 9, 8, 9, 9], "sidorov": [6, 7, 6, 6, 7]}
    url = reverse("scoring", args=[campaign.uid, "competition", "interview"])
    for k, member in enumerate(members):
        client = login(member.user.username)
        for name, scores in interview.items():
            app = apps[name]
            response = client.post(
                url,
                {
                    "application": app.pk,
                    "save": "1",
                    f"a{app.pk}-c_score": str(scores[k]),
                    f"a{app.pk}-reason": "",
                    f"a{app.pk}-version": "0",
                },
            )
            assert response.status_code == 302, response.content.decode()
    return {"apps": apps, "members": members, "hr": hr}


def test_km_full_flow_decision_names_winner_and_reserve(setup: dict[str, Any]) -> None:
    campaign = setup["campaign"]
    flow = _km_full_flow(setup)
    apps, members, hr = flow["apps"], flow["members"], flow["hr"]
    # candidates consent to the reserve (KM-18): petrova does, sidorov does not
    login("petrova").post(
        reverse("application_consent", args=[apps["petrova"].uid]), {"consent": "reserve"}
    )
    assert (
        hr.post(reverse("desk_close_scoring", args=[campaign.uid, "competition"])).status_code
        == 302
    )
    meeting_date = setup["today"]  # decided at the meeting: on its day (issue 9 §4)
    response = hr.post(
        reverse("desk_meeting_new", args=[campaign.uid, "competition"]),
        {"date": meeting_date.isoformat()},
    )
    meeting_url = response["Location"]
    hr.post(meeting_url, {"attendance": "1", "present": [m.pk for m in members]})
    page = hr.get(meeting_url).content.decode()
    assert "заседание правомочно" in page

    # the open vote, the chair deciding a tie on sidorov (KM-12)
    def vote(app: Any, question: str, values: list[str]) -> None:
        data = {"vote": "1", "application": app.pk, "question": question}
        data.update({f"vote_{m.pk}": v for m, v in zip(members, values, strict=True)})
        assert hr.post(meeting_url, data).status_code == 302

    vote(apps["ivanov"], "winner", ["for", "for", "for", "against", "for"])
    vote(apps["petrova"], "reserve", ["for"] * 5)
    vote(apps["sidorov"], "reserve", ["for", "for", "against", "against", "abstain"])
    response = hr.post(meeting_url, {"decide": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    rows = {r["id"]: r for r in decision.result["candidates"]}
    assert rows[str(apps["ivanov"].pk)]["outcome"] == "winner"
    assert rows[str(apps["petrova"].pk)]["outcome"] == "recommended_for_reserve"
    # sidorov: tie 2:2, chair for -> adopted, but no consent -> not recommended (KM-18)
    assert rows[str(apps["sidorov"].pk)]["outcome"] == "not_selected"
    assert rows[str(apps["ivanov"].pk)]["final_score"] == "47.20"  # 9.00 + 41/5 + 30
    page = hr.get(reverse("desk_decision", args=[campaign.uid])).content.decode()
    assert "Иванов Иван Иванович" in page and "Петрова Мария Сергеевна" in page
    assert ReserveEntry.objects.get().person.last_name == "Петрова"
    # C-6: the decision keeps the inputs it was computed from
    assert decision.inputs["ballots"] and decision.regulation_sha256 == campaign.regulation.sha256
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"ballot.save", "vote.record", "decision.make", "application.decide"} <= actions


def test_members_see_other_scores_only_after_scoring_closes(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    members = flow["members"]
    campaign = setup["campaign"]
    url = reverse("scoring", args=[campaign.uid, "competition", "interview"])
    second = login(members[1].user.username)
    assert "Членов Член1" not in second.get(url).content.decode()
    flow["hr"].post(reverse("desk_close_scoring", args=[campaign.uid, "competition"]))
    assert "Членов Член1" in second.get(url).content.decode()


def test_concurrent_ballot_edit_is_detected_not_overwritten(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    member = flow["members"][0]
    app = flow["apps"]["ivanov"]
    ballot = Ballot.objects.get(member=member, application=app)
    url = reverse("scoring", args=[setup["campaign"].uid, "competition", "interview"])
    client = login(member.user.username)
    stale = ballot.version
    ok = client.post(
        url,
        {
            "application": app.pk,
            "save": "1",
            f"a{app.pk}-c_score": "10",
            f"a{app.pk}-version": str(stale),
        },
    )
    assert ok.status_code == 302
    again = client.post(
        url,
        {
            "application": app.pk,
            "save": "1",
            f"a{app.pk}-c_score": "3",
            f"a{app.pk}-version": str(stale),
        },
    )
    assert "обновите страницу" in again.content.decode()
    ballot.refresh_from_db()
    assert ballot.points == "10"


def test_conflict_of_interest_recuses_member(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    member = flow["members"][2]
    app = flow["apps"]["petrova"]
    url = reverse("scoring", args=[setup["campaign"].uid, "competition", "interview"])
    client = login(member.user.username)
    client.post(url, {"application": app.pk, "conflict": "1", "conflict_reason": "родственник"})
    assert not Ballot.objects.filter(member=member, application=app).exists()
    from rezerv.selection import services

    inputs, result = services.evaluate_campaign(setup["campaign"])
    row = next(r for r in result["candidates"] if r["id"] == str(app.pk))
    assert row["stages"]["competition"]["methods"]["interview"]["ballots"] == 4
    assert inputs["recusals"][0]["member"] == str(member.pk)


def test_score_out_of_range_is_refused_with_the_field(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    member = flow["members"][0]
    app = flow["apps"]["sidorov"]
    url = reverse("scoring", args=[setup["campaign"].uid, "competition", "interview"])
    ballot = Ballot.objects.get(member=member, application=app)
    response = login(member.user.username).post(
        url,
        {
            "application": app.pk,
            "save": "1",
            f"a{app.pk}-c_score": "11",
            f"a{app.pk}-version": str(ballot.version),
        },
    )
    assert "Балл по результатам индивидуального собеседования" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.points == "6"


def test_km5_late_application_refused_with_the_reason() -> None:
    body = f.body()
    hr = f.hr_user(body)
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=30))
    f.candidate("late", "Поздний", "Павел")
    response = apply(login("late"), campaign)
    assert response.status_code == 200
    assert "Приём документов окончен" in response.content.decode()
    assert Application.objects.count() == 0


def test_km8_km11_scheduling_warns_about_notice_and_candidate_count(setup: dict[str, Any]) -> None:
    campaign = setup["campaign"]
    f.km_commission(setup["hr"], campaign)
    hr = login("hr")
    too_late = setup["today"] + dt.timedelta(days=60)  # after intake end + 30 days
    response = hr.post(
        reverse("desk_meeting_new", args=[campaign.uid, "competition"]),
        {"date": too_late.isoformat()},
        follow=True,
    )
    text = response.content.decode()
    assert "Срок нарушен" in text and "KM-8" in text
    assert "не менее 2" in text and "KM-11" in text


def test_km22_km23_anonymous_written_works_show_codes_to_the_scorer(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    campaign = setup["campaign"]
    page = (
        flow["hr"]
        .get(reverse("desk_results", args=[campaign.uid, "competition", "document_draft"]))
        .content.decode()
    )
    assert "обезличены" in page
    for app in flow["apps"].values():
        assert app.code in page
        assert app.person.last_name not in page


def test_km17_decision_page_shows_votes_per_member_in_russian_style(setup: dict[str, Any]) -> None:
    flow = _km_full_flow(setup)
    campaign, hr, members = setup["campaign"], flow["hr"], flow["members"]
    meeting_date = setup["today"]  # decided at the meeting: on its day (issue 9 §4)
    meeting_url = hr.post(
        reverse("desk_meeting_new", args=[campaign.uid, "competition"]),
        {"date": meeting_date.isoformat()},
    )["Location"]
    hr.post(meeting_url, {"attendance": "1", "present": [m.pk for m in members]})
    data = {"vote": "1", "application": flow["apps"]["ivanov"].pk, "question": "winner"}
    data.update({f"vote_{m.pk}": "for" for m in members})
    hr.post(meeting_url, data)
    hr.post(meeting_url, {"decide": "1"})
    page = hr.get(reverse("desk_decision", args=[campaign.uid])).content.decode()
    assert "Результаты голосования" in page and "признать победителем" in page
    assert page.count("✓") == len(members)
    assert "47,20" in page  # decimal comma


def test_km17_vote_questions_and_answers_are_the_regulations(setup: dict[str, Any]) -> None:
    """Issue 9, section 1: the questions a commission votes on, their titles and the answers
    they allow come from the regulation; a question or an answer it does not allow is refused
    and nothing is recorded."""
    from rezerv.engine.loader import bundled_path
    from rezerv.selection import services
    from rezerv.selection.models import Campaign, Vote

    campaign = setup["campaign"]
    flow = _km_full_flow(setup)
    apps, members, hr = flow["apps"], flow["members"], flow["hr"]
    hr.post(reverse("desk_close_scoring", args=[campaign.uid, "competition"]))
    response = hr.post(
        reverse("desk_meeting_new", args=[campaign.uid, "competition"]),
        {"date": setup["today"].isoformat()},  # decided on its day (issue 9 §4)
    )
    meeting_url = response["Location"]
    hr.post(meeting_url, {"attendance": "1", "present": [m.pk for m in members]})
    page = hr.get(meeting_url).content.decode()
    assert "признать победителем конкурса" in page and "«воздержался»" in page

    def vote(question: str, value: str) -> str:
        data = {"vote": "1", "application": apps["ivanov"].pk, "question": question}
        data.update({f"vote_{m.pk}": value for m in members})
        return hr.post(meeting_url, data, follow=True).content.decode()

    assert "не голосует по такому вопросу" in vote("bogus", "for")
    # a regulation allowing only «за» and «против» on the winner
    text = (
        bundled_path("KM")
        .read_text("utf-8")
        .replace(
            "title: признать победителем конкурса, answers: [for, against, abstain]",
            "title: признать победителем конкурса, answers: [for, against]",
        )
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        regulation=services.regulation_store(code="KM", text=text)
    )
    page = hr.get(meeting_url).content.decode()
    winner_form = page[page.index("признать победителем конкурса") :]
    winner_form = winner_form[: winner_form.index("</form>")]
    assert "«воздержался»" not in winner_form and "«против»" in winner_form
    assert "Выберите один из ответов: «за», «против»." in vote("winner", "abstain")
    assert not Vote.objects.exists()
    vote("winner", "for")
    assert Vote.objects.filter(question="winner", vote="for").count() == len(members)


def test_km18_an_undeclared_consent_is_refused_and_nothing_is_written(
    setup: dict[str, Any],
) -> None:
    flow = _km_full_flow(setup)
    application = flow["apps"]["petrova"]
    response = login("petrova").post(
        reverse("application_consent", args=[application.uid]),
        {"consent": "publication"},
        follow=True,
    )
    assert "Регламент не предусматривает такого согласия." in response.content.decode()
    application.refresh_from_db()
    assert application.consents == {}
