"""Generate a large, realistic KM case for the benchmark (``make bench``).

The case follows the bundled KM regulation (``src/rezerv/regulations/km.yaml``) and the format of
``examples/km.json``: one competition for specialists of the senior group (methods: test,
interview, document draft), a commission of 9 voting members (3 independent experts, KM-2),
one interview ballot per member with a row for every admitted candidate (some abstentions),
a 50-question test per admitted candidate given as an ``answers`` string checked against the
key in ``tests.test.key``, a document draft scored on one sheet of 6 criteria, and one meeting
with attendance.

Votes are recorded only for the top of the rating: a commission does not vote on 250,000
candidates one by one; it votes on the winners and on the candidates it recommends for the
reserve.  To know the top, the generator computes every candidate's score itself, with
integer arithmetic (hundredths of a point), independently of the engine; the expected winners
and reserve are returned so that a test can compare them with the engine's result.

The output is written as a stream (one candidate, one ballot row, one result at a time); only
compact per-candidate arrays (points, answers, scores) are kept in memory.

    python bench/generate.py [--candidates N] [--seed S] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rezerv.scenarios import checklists, names

DEFAULT_CANDIDATES = 250_000
DEFAULT_SEED = 20260302
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "km-250k.json"

VACANCIES = 10  # winners (one per vacant post); the rest of the top goes to the reserve vote
RESERVE_VOTES = 20  # candidates after the winners on whom the commission votes for the reserve
QUESTIONS = 50
ANSWER_LETTERS = "ABCD"
MEMBERS = 9
ABSENT_MEMBER = "m4"  # one civil-servant member misses the meeting: 8 of 9 present (quorum 6)
NULL = 255  # marker of an abstention in the compact interview array

ANNOUNCEMENT = dt.date(2026, 3, 2)
INTAKE_END = ANNOUNCEMENT + dt.timedelta(days=21)  # KM-5: 2026-03-23
STAGE2 = dt.date(2026, 4, 20)  # KM-8: within 30 days of the intake's end
TEST_DAY = dt.date(2026, 4, 14)
DRAFT_DAY = dt.date(2026, 4, 15)


DOCS_GENERAL = checklists.documents("KM")  # KM-5
DRAFT_CRITERIA = checklists.criteria("KM", "document_draft")

COMMISSION = [
    {"id": "m1", "name": "Попова Светлана Александровна", "role": "chair", "civil_servant": True},
    {"id": "m2", "name": "Орлов Виктор Николаевич", "role": "deputy", "civil_servant": True},
    {"id": "m3", "name": "Лебедева Ольга Петровна", "role": "secretary", "civil_servant": True},
    {"id": "m4", "name": "Козлов Андрей Сергеевич", "role": "member", "civil_servant": True},
    {"id": "m5", "name": "Гусева Марина Ильинична", "role": "member", "civil_servant": True},
    {"id": "m6", "name": "Тарасов Олег Юрьевич", "role": "member", "civil_servant": True},
    {"id": "m7", "name": "Новикова Татьяна Юрьевна", "role": "member", "independent": True},
    {"id": "m8", "name": "Фёдоров Игорь Владимирович", "role": "member", "independent": True},
    {"id": "m9", "name": "Егорова Наталья Михайловна", "role": "member", "public_council": True},
]  # 3 of 9 independent or public council: at least 1/4 (KM-2)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_list(out: TextIO, items: Any) -> None:
    """Write an iterable of already-serialised JSON values as a JSON list, one per line."""
    out.write("[")
    first = True
    for item in items:
        out.write("\n" if first else ",\n")
        out.write(item)
        first = False
    out.write("\n]")


class _Plan:
    """Compact per-candidate data kept between the sections of the file."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.width = max(6, len(str(n)))
        self.admitted = bytearray(n)
        self.reserve_consent = bytearray(n)
        self.submitted = array("q", bytes(8 * n))  # seconds since the announcement
        self.interview = bytearray(n * MEMBERS)  # 0..10 or NULL
        self.answers = bytearray(n * QUESTIONS)
        self.has_test = bytearray(n)
        self.draft = bytearray(n * len(DRAFT_CRITERIA))
        self.has_draft = bytearray(n)
        self.refusals = 0

    def cid(self, i: int) -> str:
        return f"c{i + 1:0{self.width}d}"


def _candidate(rng: random.Random, plan: _Plan, i: int, key: bytes) -> str:
    """One candidate's record; fills the plan with the candidate's later results."""
    female = rng.random() < 0.55
    name = " ".join(names.person_name(rng, female))

    roll = rng.random()
    # Refusals (KM-1, KM-5, KM-6, C-4): about 6 % of the applications.
    late = roll < 0.010
    missing_doc = 0.010 <= roll < 0.025
    under_18 = 0.025 <= roll < 0.030
    foreign = 0.030 <= roll < 0.035
    no_russian = 0.035 <= roll < 0.037
    unqualified = 0.037 <= roll < 0.055
    no_consent = 0.055 <= roll < 0.057
    bad_copies = 0.057 <= roll < 0.060
    refused = roll < 0.060

    intake_seconds = 22 * 86400  # until the end of 2026-03-23, the intake's last day
    if late:
        seconds = intake_seconds + rng.randrange(3 * 86400)  # 1 to 3 days late
    else:
        seconds = rng.randrange(8 * 3600, intake_seconds)
    submitted = dt.datetime.combine(ANNOUNCEMENT, dt.time()) + dt.timedelta(seconds=seconds)

    if under_18:
        birth = dt.date(2008, 4, 1) + dt.timedelta(days=rng.randrange(600))
    else:
        birth = dt.date(1961, 1, 1) + dt.timedelta(days=rng.randrange(365 * 45))
    liable = not female and birth.year >= 1976 and rng.random() < 0.8
    documents = list(DOCS_GENERAL)
    if liable:
        documents.insert(9, "military_id")  # required of those liable for military service
    if missing_doc:  # one required document missing (KM-5, KM-6)
        del documents[rng.randrange(len(documents))]
    if rng.random() < 0.15:
        documents.append("children_birth_certificates")  # optional
    facts: dict[str, Any] = {
        # Options of the declared fact (KM-1); three items keep the random stream of earlier runs.
        "citizenship": rng.choice(["KZ", "XX", "XX"]) if foreign else "RU",
        "birth_date": birth.isoformat(),
        "speaks_russian": not no_russian,
        "meets_qualification": not unqualified,
        "liable_for_military_service": liable,
    }
    if bad_copies:
        facts["copies_match_originals"] = False
    elif rng.random() < 0.3:
        facts["copies_match_originals"] = True
    consents = ["reserve"] if rng.random() < 0.6 else []
    record = {
        "id": plan.cid(i),
        "name": name,
        "submitted_at": submitted.isoformat(),
        "consent": not no_consent,
        "documents": documents,
        "facts": facts,
        "consents": consents,
    }

    plan.submitted[i] = seconds
    plan.reserve_consent[i] = 1 if consents else 0
    if refused:
        plan.refusals += 1
        return _dump(record)
    plan.admitted[i] = 1

    skill = rng.gauss(0.0, 1.0)
    # Test (KM-13): 50 questions, the share of correct answers grows with skill.
    if rng.random() < 0.995:  # a few do not come to the test
        plan.has_test[i] = 1
        p = min(0.99, max(0.3, 0.78 + 0.08 * skill))
        base = i * QUESTIONS
        for q in range(QUESTIONS):
            right = key[q]
            if rng.random() < p:
                plan.answers[base + q] = right
            else:
                wrong = rng.randrange(3)
                letter = ANSWER_LETTERS.encode()[wrong]
                plan.answers[base + q] = letter if letter != right else ord("D")
    # Interview (KM-15): each member's points 0..10, about 1 % abstentions.
    base = i * MEMBERS
    for m in range(MEMBERS):
        if rng.random() < 0.01:
            plan.interview[base + m] = NULL
        else:
            points = round(6.0 + 1.2 * skill + rng.gauss(0.0, 1.2))
            plan.interview[base + m] = min(10, max(0, points))
    # Document draft (KM-23): 6 criteria 0..5, a few drafts not handed in.
    if rng.random() < 0.997:
        plan.has_draft[i] = 1
        base = i * len(DRAFT_CRITERIA)
        for c in range(len(DRAFT_CRITERIA)):
            points = round(3.0 + 0.6 * skill + rng.gauss(0.0, 0.8))
            plan.draft[base + c] = min(5, max(0, points))
    return _dump(record)


def _scores(plan: _Plan, key: bytes) -> list[tuple[int, int, int, bool]]:
    """(−score in hundredths, submission second, index, interviewed) of the candidates who
    pass to the rating, in rating order (score, then submission time, then id): test points =
    correct / 50 × 10, interview = mean of the members' points rounded half up to 0.01,
    draft = sum of the criteria (KM-16)."""
    rated = []
    for i in range(plan.n):
        if not plan.admitted[i] or not plan.has_test[i]:
            continue
        base = i * QUESTIONS
        correct = sum(1 for q in range(QUESTIONS) if plan.answers[base + q] == key[q])
        if correct * 100 < 70 * QUESTIONS:  # KM-13: passed at 70 %
            continue
        points = [p for p in plan.interview[i * MEMBERS : (i + 1) * MEMBERS] if p != NULL]
        k = len(points)
        interview = (2 * 100 * sum(points) + k) // (2 * k) if k else 0  # mean, half up
        test = correct * 100 * 10 // QUESTIONS
        draft = 0
        if plan.has_draft[i]:
            base = i * len(DRAFT_CRITERIA)
            draft = 100 * sum(plan.draft[base : base + len(DRAFT_CRITERIA)])
        rated.append((-(test + interview + draft), plan.submitted[i], i, k > 0))
    rated.sort()
    return rated


def _plan_votes(plan: _Plan, rated: list[tuple[int, int, int, bool]]) -> dict[str, Any]:
    """The votes of the meeting: winners for the first ``VACANCIES`` interviewed candidates
    (KM-15); the reserve vote for the next consenting candidates with at least 50 % of the
    maximum (KM-18, KM-19); the last of them is rejected by the chair's casting vote on a
    4:4 tie (KM-12)."""
    top_points = (10 + 10 + 30) * 100
    present = [m["id"] for m in COMMISSION if m["id"] != ABSENT_MEMBER]
    interviewed = [(neg, i) for neg, _, i, seen in rated if seen]
    winners = [plan.cid(i) for _, i in interviewed[:VACANCIES]]
    reserve_pool = [
        plan.cid(i)
        for neg, i in interviewed[VACANCIES:]
        if plan.reserve_consent[i] and -neg * 2 >= top_points
    ][:RESERVE_VOTES]
    votes: list[dict[str, str]] = []
    for cid in winners:
        for n, member in enumerate(present):
            choice = "against" if n == len(present) - 1 else "for"
            votes.append(_vote("winner", cid, member, choice))
    for cid in reserve_pool[:-1]:
        for member in present:
            votes.append(_vote("reserve", cid, member, "for"))
    rejected = reserve_pool[-1:]
    for cid in rejected:
        for n, member in enumerate(present):
            votes.append(_vote("reserve", cid, member, "against" if n < 4 else "for"))
    return {
        "votes": votes,
        "winners": winners,
        "reserve": reserve_pool[:-1],
        "reserve_rejected": rejected,
    }


def _vote(question: str, cid: str, member: str, choice: str) -> dict[str, str]:
    return {
        "meeting": "mt1",
        "question": question,
        "candidate": cid,
        "member": member,
        "vote": choice,
    }


def generate(
    path: Path | str = DEFAULT_OUT,
    candidates: int = DEFAULT_CANDIDATES,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Write the case to ``path``; return what was planned (counts, expected winners)."""
    if candidates < 2 * VACANCIES:
        raise ValueError(f"at least {2 * VACANCIES} candidates are needed (KM-11)")
    rng = random.Random(seed)
    key = bytes(rng.choice(ANSWER_LETTERS.encode()) for _ in range(QUESTIONS))
    plan = _Plan(candidates)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"regulation":"KM",\n"campaign":')
        out.write(
            _dump(
                {
                    "id": "km-2026-bench",
                    "title": "Конкурс на замещение вакантных должностей главного специалиста-эксперта "
                    "(сводный конкурс, нагрузочный пример)",
                    "position": {
                        "title": "Главный специалист-эксперт",
                        "category": "specialists",
                        "group": "senior",
                    },
                    "vacancies": VACANCIES,
                }
            )
        )
        events = {
            "announcement": ANNOUNCEMENT.isoformat(),
            "stage2": STAGE2.isoformat(),
            "competition_end": STAGE2.isoformat(),
        }
        out.write(',\n"events":' + _dump(events))
        commission = {
            "id": "main",
            "rule": "competition_commission",
            "stages": ["competition"],
            "members": COMMISSION,
        }
        out.write(',\n"commissions":[' + _dump(commission) + "]")
        out.write(',\n"tests":' + _dump({"test": {"key": key.decode()}}))
        out.write(',\n"candidates":')
        _write_list(out, (_candidate(rng, plan, i, key) for i in range(candidates)))

        out.write(',\n"ballots":[')
        for m, member in enumerate(COMMISSION):
            out.write("\n" if m == 0 else ",\n")
            head = '{"stage":"competition","method":"interview","member":"'
            out.write(head + member["id"] + '","rows":{')
            first = True
            for i in range(candidates):
                if not plan.admitted[i]:
                    continue
                value = plan.interview[i * MEMBERS + m]
                row = "null" if value == NULL else str(value)
                if value != NULL and i % 5000 == 17:  # now and then a member writes a reason
                    row = _dump({"points": value, "reason": "Обоснование оценки в бюллетене"})
                out.write(f'"{plan.cid(i)}":{row}' if first else f',"{plan.cid(i)}":{row}')
                first = False
            out.write("}}")
        out.write("\n]")

        def results() -> Any:
            for i in range(candidates):
                cid = plan.cid(i)
                if plan.has_test[i]:
                    answers = plan.answers[i * QUESTIONS : (i + 1) * QUESTIONS].decode()
                    yield (
                        f'{{"stage":"competition","method":"test","candidate":"{cid}",'
                        f'"answers":"{answers}","date":"{TEST_DAY.isoformat()}"}}'
                    )
                if plan.has_draft[i]:
                    base = i * len(DRAFT_CRITERIA)
                    points = dict(
                        zip(
                            DRAFT_CRITERIA,
                            plan.draft[base : base + len(DRAFT_CRITERIA)],
                            strict=True,
                        )
                    )
                    yield (
                        f'{{"stage":"competition","method":"document_draft","candidate":"{cid}",'
                        f'"points":{_dump(points)},"date":"{DRAFT_DAY.isoformat()}"}}'
                    )

        out.write(',\n"results":')
        _write_list(out, results())

        present = [m["id"] for m in COMMISSION if m["id"] != ABSENT_MEMBER]
        meeting = {
            "id": "mt1",
            "stage": "competition",
            "commission": "main",
            "date": STAGE2.isoformat(),
            "present": present,
        }
        out.write(',\n"meetings":[' + _dump(meeting) + "]")
        rated = _scores(plan, key)
        planned = _plan_votes(plan, rated)
        out.write(',\n"votes":')
        _write_list(out, (_dump(v) for v in planned["votes"]))
        out.write("\n}\n")
    tmp.replace(path)
    admitted = sum(plan.admitted)
    return {
        "path": str(path),
        "bytes": path.stat().st_size,
        "candidates": candidates,
        "admitted": admitted,
        "refused": plan.refusals,
        "rated": len(rated),
        "votes": len(planned["votes"]),
        "winners": planned["winners"],
        "reserve": planned["reserve"],
        "reserve_rejected": planned["reserve_rejected"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or default_path(args.candidates)
    info = generate(out, args.candidates, args.seed)
    print(
        f"{info['path']}: {info['candidates']} candidates ({info['refused']} refused), "
        f"{info['bytes'] / 2**20:.1f} MiB, {info['votes']} votes"
    )
    return 0


def default_path(candidates: int) -> Path:
    """bench/out/km-250k.json for the default size, km-<N>.json otherwise."""
    if candidates == DEFAULT_CANDIDATES:
        return DEFAULT_OUT
    return DEFAULT_OUT.with_name(f"km-{candidates}.json")


if __name__ == "__main__":
    raise SystemExit(main())
