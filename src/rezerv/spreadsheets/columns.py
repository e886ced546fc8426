"""The column layout of each import kind, and the parsing of one cell.

A file's first non-empty row holds the headers (Russian, as documented here and in
``README.md``; case, «ё»/«е», extra spaces and a trailing «*» do not matter). Columns may come
in any order; optional columns may be left out. A cell is parsed by its column: a value that
does not parse is reported as «строка N, столбец «…»: reason».

Three kinds:

* ``candidates`` — persons and their questionnaires (анкета);
* ``applications`` — applications to the campaign: the person (found by ИИН or СНИЛС, or
  created), the route, the date of submission, the consent and the facts the regulation asks
  with an application or records by the HR officer. Documents are not imported;
* ``results`` — test results, pass/fail results and sheets entered once, as
  ``services.result_save`` records them.

The regulation of the campaign adds columns: its facts (headers are the facts' titles) and,
for results, the criteria of the sheets entered once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from rezerv.engine.schema import Criterion, FactDef, Regulation
from rezerv.selection.identifiers import format_snils, iin_valid, snils_valid
from rezerv.selection.selectors import PERSON_FACTS

KINDS = ("candidates", "applications", "results")
KIND_TITLES = {
    "candidates": "Кандидаты (лица и анкеты)",
    "applications": "Заявления",
    "results": "Результаты испытаний",
}
# Columns some spreadsheets carry for the reader's convenience; they are ignored.
IGNORED_HEADERS = ("№", "№ п/п", "п/п", "n", "no")

CITIZENSHIP = [
    ("RU", "Российская Федерация"),
    ("KZ", "Республика Казахстан"),
    ("XX", "иное"),
]
CITIZENSHIP_ALIASES = {"рф": "RU", "россия": "RU", "рк": "KZ", "казахстан": "KZ"}


GENDERS = [("m", "мужской"), ("f", "женский")]


def _person_has(name: str) -> bool:
    from rezerv.selection.models import Person

    return any(f.name == name for f in Person._meta.get_fields())


class CellError(ValueError):
    """A cell's value does not fit its column; the message is the reason, in Russian."""


def norm(text: Any) -> str:
    """A header or a choice as compared: lower case, «ё» as «е», single spaces, no «*»."""
    value = " ".join(str(text).replace("ё", "е").replace("Ё", "Е").split()).lower()
    return value.rstrip("*").rstrip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- cell parsers

_DATE_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _date_parts(text: str) -> tuple[int, int, int, int, int, int] | None:
    text = text.strip()
    m = _DATE_RU.fullmatch(text)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        rest = m.groups()[3:]
    else:
        m = _DATE_ISO.fullmatch(text)
        if not m:
            return None
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        rest = m.groups()[3:]
    hour, minute, second = (int(x) if x else 0 for x in rest)
    return year, month, day, hour, minute, second


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parts = _date_parts(value)
        if parts is not None:
            try:
                return dt.date(*parts[:3])
            except ValueError:
                raise CellError("нет такой даты") from None
    raise CellError("не дата (ожидается ДД.ММ.ГГГГ)")


def _zone() -> dt.tzinfo:
    """The server's time zone (settings.TIME_ZONE): files carry local dates and times."""
    return timezone.get_default_timezone()


_clock: list[Any] = [0.0, None, None]  # refreshed at most once a second: (monotonic, now, today)


def _now() -> tuple[dt.datetime, dt.date]:
    """Now (local, naive) and today, for the «not in the future» checks of a whole file."""
    tick = time.monotonic()
    if tick - _clock[0] > 1.0 or _clock[1] is None:
        local = timezone.now().astimezone(_zone())
        _clock[:] = [tick, local.replace(tzinfo=None), local.date()]
    return _clock[1], _clock[2]


def _today() -> dt.date:
    return _now()[1]


def parse_birth_date(value: Any) -> dt.date:
    day = parse_date(value)
    if day > _today():
        raise CellError("дата рождения в будущем")
    if day.year < 1900:
        raise CellError("дата рождения раньше 1900 года")
    return day


def parse_datetime(value: Any) -> dt.datetime:
    """A moment (a date alone is its midnight), in the local time zone; never in the future."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str) and (parts := _date_parts(value)) is not None:
        try:
            moment = dt.datetime(*parts)
        except ValueError:
            raise CellError("нет такой даты или времени") from None
    else:
        raise CellError("не дата (ожидается ДД.ММ.ГГГГ или ДД.ММ.ГГГГ ЧЧ:ММ)")
    if moment.tzinfo is None:
        if moment > _now()[0]:
            raise CellError("дата в будущем")
        return moment.replace(tzinfo=_zone())  # wall time, as timezone.make_aware does
    if moment > timezone.now():
        raise CellError("дата в будущем")
    return moment


def parse_number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError("не число")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("не число")
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError("не число") from None
        if number.is_finite():
            return number
    raise CellError("не число")


def parse_count(value: Any) -> int:
    """A whole non-negative number (questions, correct answers)."""
    number = parse_number(value)
    if number != number.to_integral_value():
        raise CellError("не целое число")
    if number < 0:
        raise CellError("отрицательное число")
    return int(number)


TRUE = {"да", "1", "true", "yes", "истина", "+", "д", "y"}
FALSE = {"нет", "0", "false", "no", "ложь", "-", "н", "n"}


_BOOL_TEXT = {**dict.fromkeys(TRUE, True), **dict.fromkeys(FALSE, False)}
_bool_seen: dict[str, bool] = {}  # the few spellings a file uses, looked up once


def parse_bool(value: Any) -> bool:
    if value.__class__ is str:
        known = _bool_seen.get(value)
        if known is not None:
            return known
    elif isinstance(value, bool):
        return value
    elif isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    answer = _BOOL_TEXT.get(norm(value))
    if answer is None:
        raise CellError("ожидается «да» или «нет»")
    if value.__class__ is str and len(_bool_seen) < 1000:
        _bool_seen[value] = answer
    return answer


PASSED = {"пройдено", "прошел", "прошла", "зачтено", "зачет", "сдал", "сдала", "сдано"}
NOT_PASSED = {"не пройдено", "не прошел", "не прошла", "не зачтено", "незачет", "не сдал"}


def parse_passed(value: Any) -> bool:
    key = norm(value)
    if key in PASSED:
        return True
    if key in NOT_PASSED or key == "не сдала":
        return False
    try:
        return parse_bool(value)
    except CellError:
        raise CellError("ожидается «пройдено» или «не пройдено»") from None


def text_parser(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, dt.datetime):
            value = value.strftime("%d.%m.%Y %H:%M")
        elif isinstance(value, dt.date):
            value = value.strftime("%d.%m.%Y")
        text = " ".join(str(value).split())
        if len(text) > max_length:
            raise CellError(f"длиннее {max_length} символов")
        return text

    return parse


def choice_parser(
    options: Iterable[tuple[str, str]], aliases: dict[str, str] | None = None
) -> Callable[[Any], str]:
    """An option given by its code or its title (any case)."""
    options = [(code, _clean_title(title)) for code, title in options]
    lookup: dict[str, str] = {}
    for code, title in options:  # a title's head before « (» serves too, where unambiguous
        head = norm(title.split(" (")[0])
        lookup[head] = code if lookup.get(head, code) == code else ""
    lookup = {k: v for k, v in lookup.items() if v}
    lookup.update({norm(title): code for code, title in options})
    lookup.update({norm(code): code for code, _ in options})
    lookup.update(aliases or {})
    shown = "; ".join(f"{title} ({code})" for code, title in options)

    seen: dict[str, str] = {}  # the spellings met so far, looked up as they are

    def parse(value: Any) -> str:
        if value.__class__ is str:
            code = seen.get(value)
            if code is not None:
                return code
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        code = lookup.get(norm(value))
        if code is None:
            raise CellError(f"нет такого значения «{value}»; допустимы: {shown}")
        if value.__class__ is str and len(seen) < 1000:
            seen[value] = code
        return code

    return parse


def _clean_title(title: str) -> str:
    """A title as people write it: without a trailing «, rules: […]» left in some YAML titles."""
    return re.sub(r",\s*rules:\s*\[[^\]]*\]\s*$", "", title)


def choices_parser(options: Iterable[tuple[str, str]]) -> Callable[[Any], list[str]]:
    """Several options, separated by «;» (or by line breaks)."""
    one = choice_parser(options)

    def parse(value: Any) -> list[str]:
        parts = [p for p in re.split(r"[;\n]", str(value)) if p.strip()]
        chosen: list[str] = []
        for part in parts:
            code = one(part)
            if code not in chosen:
                chosen.append(code)
        return chosen

    return parse


def _digits(value: Any, width: int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # A number cell loses leading zeros (e.g. an ИИН of someone born in 2000–2009).
        return str(value).zfill(width)
    text = str(value).replace("-", "").replace(" ", "").strip()
    if text.isdigit() and text.isascii():
        return text
    if not re.fullmatch(r"[0-9\s\-]+", text):
        raise CellError("допустимы только цифры")
    return re.sub(r"[^0-9]", "", text)


def parse_iin(value: Any) -> str:
    iin = _digits(value, 12)
    if len(iin) != 12:
        raise CellError("ИИН состоит из 12 цифр")
    if not iin_valid(iin):
        raise CellError("неверная контрольная цифра ИИН")
    return iin


def parse_snils(value: Any) -> str:
    digits = _digits(value, 11)
    if len(digits) != 11:
        raise CellError("СНИЛС состоит из 11 цифр")
    if not snils_valid(digits):
        raise CellError("неверное контрольное число СНИЛС")
    return format_snils(digits)


# Plain addresses Django's validator accepts (dot-atom local part, LDH labels, a letter TLD):
# checked by this one expression; anything else goes through validate_email itself.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def parse_email(value: Any) -> str:
    text = str(value).strip()
    if len(text) > 254:
        raise CellError("длиннее 254 символов")
    if _PLAIN_EMAIL.fullmatch(text) is None:
        try:
            validate_email(text)
        except ValidationError:
            raise CellError("неверный адрес электронной почты") from None
    return text


def fact_parser(fact: FactDef) -> Callable[[Any], Any]:
    """A regulation fact's cell, parsed to the value the application form would store."""
    if fact.type == "bool":
        return parse_bool
    if fact.type == "date":

        def parse_fact_date(value: Any) -> str:
            return parse_date(value).isoformat()

        return parse_fact_date
    if fact.type == "number":

        def parse_fact_number(value: Any) -> int | float:
            number = parse_number(value)
            if abs(number) >= 10**10:
                raise CellError("слишком большое число")
            if number != number.quantize(Decimal("0.01")):
                raise CellError("не более двух знаков после запятой")
            return int(number) if number == number.to_integral_value() else float(number)

        return parse_fact_number
    if fact.type == "choice":
        return choice_parser((c.id, c.title) for c in fact.choices)
    if fact.type == "choices":
        return choices_parser((c.id, c.title) for c in fact.choices)
    return text_parser(1000)


# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Column:
    """One documented column: ``key`` is what the importer reads, ``header`` what the file says."""

    key: str
    header: str
    parse: Callable[[Any], Any]
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = ()
    fact: FactDef | None = None
    criterion: Criterion | None = None


@dataclass
class Layout:
    kind: str
    columns: list[Column]
    notes: list[str] = field(default_factory=list)

    def lookup(self) -> dict[str, Column]:
        found: dict[str, Column] = {}
        for col in self.columns:
            for name in (col.header, *col.aliases):
                found.setdefault(norm(name), col)
        return found


def person_columns(*, require_id: bool) -> list[Column]:
    id_help = "12 цифр, с контрольной цифрой" + (
        "; нужен ИИН или СНИЛС (по нему лицо находят при следующих загрузках)" if require_id else ""
    )
    return [
        Column("last_name", "Фамилия", text_parser(100), required=True),
        Column("first_name", "Имя", text_parser(100), required=True),
        Column("patronymic", "Отчество", text_parser(100), help="при наличии"),
        Column("birth_date", "Дата рождения", parse_birth_date, help="ДД.ММ.ГГГГ или ячейка-дата"),
        *(
            [
                Column(
                    "gender",
                    "Пол",
                    choice_parser(GENDERS, {"м": "m", "ж": "f", "муж": "m", "жен": "f"}),
                    help="м или ж (для склонения имени в документах)",
                )
            ]
            if _person_has("gender")
            else []
        ),
        Column(
            "citizenship",
            "Гражданство",
            choice_parser(CITIZENSHIP, CITIZENSHIP_ALIASES),
            help="RU, KZ, XX или название; пусто — страна регламента",
        ),
        Column("iin", "ИИН", parse_iin, help=id_help),
        Column(
            "snils",
            "СНИЛС",
            parse_snils,
            help="11 цифр (XXX-XXX-XXX YY), с контрольным числом"
            + ("; нужен ИИН или СНИЛС" if require_id else ""),
        ),
        Column(
            "email",
            "Адрес электронной почты",
            parse_email,
            aliases=("E-mail", "Email", "Электронная почта", "Эл. почта"),
        ),
        Column("phone", "Телефон", text_parser(40), aliases=("Контактный телефон",)),
        Column("address", "Адрес", text_parser(500), aliases=("Адрес места жительства",)),
    ]


def questionnaire_columns() -> list[Column]:
    """The questionnaire's own column (its biography); the facts the engine reads are the
    regulation's (``fact:`` columns)."""
    return [Column("q:degrees", "Учёная степень, звание", text_parser(300))]


PERSON_FIELDS = tuple(PERSON_FACTS)  # facts kept on Person, not as columns


def fact_column(fact: FactDef, *, required: bool | None = None) -> Column:
    helps = {
        "bool": "да/нет",
        "date": "ДД.ММ.ГГГГ",
        "number": "число",
        "text": "текст",
        "choice": "код или название: " + ", ".join(c.id for c in fact.choices),
        "choices": "коды или названия через «;»: " + ", ".join(c.id for c in fact.choices),
    }
    source = {"questionnaire": "анкета", "application": "заявление", "hr": "кадровая служба"}
    return Column(
        f"fact:{fact.id}",
        fact.title,
        fact_parser(fact),
        required=fact.required if required is None else required,
        help=f"{helps[fact.type]} ({source[fact.source]}; {fact.id})",
        aliases=(fact.id,),
        fact=fact,
    )


def _unique(columns: list[Column]) -> list[Column]:
    """Drop a later column whose header repeats an earlier one (a regulation fact wins)."""
    seen: set[str] = set()
    out = []
    for col in columns:
        key = norm(col.header)
        if key in seen:
            continue
        seen.add(key)
        out.append(col)
    return out


def _merge_contacts(person: list[Column], facts: list[Column]) -> tuple[list[Column], list[Column]]:
    """A fact whose title is a contact column's header («Адрес», «Адрес электронной почты»):
    one column fills both, parsed as the contact (an e-mail is checked), required as the fact."""
    by_header = {norm(c.header): c for c in person if c.key in ("email", "phone", "address")}
    merged = {}
    for fc in facts:
        col = by_header.get(norm(fc.header))
        if col is not None and fc.fact is not None and fc.fact.type == "text":
            merged[col.key] = dataclasses.replace(
                col,
                required=fc.required,
                help=(col.help + "; " if col.help else "") + fc.help,
                fact=fc.fact,
            )
    people = [merged.get(c.key, c) for c in person]
    taken = {c.fact.id for c in merged.values() if c.fact is not None}
    return people, [fc for fc in facts if fc.fact is None or fc.fact.id not in taken]


def candidates_layout(reg: Regulation) -> Layout:
    extra = [
        fact_column(f, required=False)
        for f in reg.facts
        if f.source == "questionnaire" and f.id not in PERSON_FIELDS
    ]
    return Layout(
        "candidates",
        _unique([*person_columns(require_id=True), *extra, *questionnaire_columns()]),
        notes=[
            "Каждая строка — одно лицо с анкетой; нужен ИИН или СНИЛС.",
            "Лицо, чей ИИН или СНИЛС уже есть в системе, не загружается повторно: "
            "такая строка — ошибка.",
            "Образование, трудовая деятельность, награды и языки (списки анкеты) "
            "не загружаются: их заполняет сам кандидат.",
        ],
    )


def applications_layout(reg: Regulation) -> Layout:
    routes = [(r.id, r.title) for r in reg.routes] or [("default", "на общих основаниях")]
    facts = [fact_column(f) for f in reg.facts if f.source in ("application", "hr")]
    extra = [
        fact_column(f, required=False)
        for f in reg.facts
        if f.source == "questionnaire" and f.id not in PERSON_FIELDS
    ]
    application = [
        Column(
            "route",
            "Порядок участия",
            choice_parser(routes),
            required=len(routes) > 1,
            help="код или название: " + ", ".join(code for code, _ in routes),
        ),
        Column(
            "submitted_at",
            "Дата подачи",
            parse_datetime,
            required=True,
            help="ДД.ММ.ГГГГ или ДД.ММ.ГГГГ ЧЧ:ММ; не позднее окончания приёма документов",
        ),
        Column(
            "consent",
            "Согласие на обработку ПД",
            parse_bool,
            required=True,
            help="да: согласие на обработку персональных данных получено письменно (C-4)",
            aliases=("Согласие на обработку персональных данных",),
        ),
    ]
    people, facts = _merge_contacts(person_columns(require_id=True), facts)
    return Layout(
        "applications",
        # A questionnaire column whose header is a regulation fact's title gives way to the fact.
        _unique([*people, *application, *facts, *extra, *questionnaire_columns()]),
        notes=[
            "Каждая строка — одно заявление: лицо находят по ИИН или СНИЛС (фамилия и имя "
            "должны совпасть) или создают вместе с анкетой.",
            "Для лица, которое уже есть в системе, сведения анкеты берутся из его анкеты; "
            "столбцы анкеты её не меняют.",
            "Документы не загружаются: заявление создаётся без документов, проверка "
            "комплектности покажет недостающие.",
            "Решение о допуске принимается на странице заявления, как обычно.",
        ],
    )


def results_layout(reg: Regulation) -> Layout:
    stages = [(s.id, s.title) for s in reg.stages if s.kind == "assessment"]
    entered = [m for m in reg.methods if m.kind in ("test", "pass_fail", "single")]
    # Every method parses (a ballot method is then refused with its own reason).
    methods = [(m.id, m.title) for m in reg.methods]
    short = {}
    for code, title in methods:
        head = title.split(" (")[0]
        if head != title:
            short[norm(head)] = code
    stage_short = {}
    for code, title in stages:
        head = title.split(" (")[0]
        if head != title:
            stage_short[norm(head)] = code
    columns = [
        Column("code", "Шифр", text_parser(12), help="шифр заявления; или ИИН, или СНИЛС"),
        Column("iin", "ИИН", parse_iin, help="если нет шифра"),
        Column("snils", "СНИЛС", parse_snils, help="если нет шифра"),
        Column(
            "last_name",
            "Фамилия",
            text_parser(100),
            help="для сверки: если указана, должна совпасть",
        ),
        Column("first_name", "Имя", text_parser(100), help="для сверки"),
        Column("patronymic", "Отчество", text_parser(100), help="для сверки"),
        Column(
            "stage",
            "Этап",
            choice_parser(stages, stage_short),
            help="код или название; пусто — единственный этап с этим методом",
        ),
        Column(
            "method",
            "Метод",
            choice_parser(methods, short),
            required=True,
            help="код или название: " + ", ".join(m.id for m in entered),
        ),
        Column("questions", "Вопросов", parse_count, help="тестирование: число вопросов"),
        Column("correct", "Правильных ответов", parse_count, help="тестирование"),
        Column(
            "passed",
            "Результат",
            parse_passed,
            help="зачёт: «пройдено»/«не пройдено» (или да/нет)",
        ),
        Column("date", "Дата", parse_date, help="дата испытания; пусто — сегодня"),
        Column(
            "points",
            "Баллы",
            parse_number,
            help="лист из одного критерия: баллы (иначе — столбцы критериев)",
        ),
    ]
    seen = {norm(c.header) for c in columns}
    for method in entered:
        if method.kind != "single" or method.sheet is None:
            continue
        for crit in reg.sheet(method.sheet).criteria:
            if crit.derived or norm(crit.title) in seen:
                continue
            seen.add(norm(crit.title))
            columns.append(
                Column(
                    f"crit:{crit.id}",
                    crit.title,
                    keep_raw,  # parsed by the criterion of the row's method (criterion_parser)
                    help=f"{criterion_help(crit)} (метод «{method.title}»)",
                    aliases=(crit.id,),
                    criterion=crit,
                )
            )
    return Layout(
        "results",
        columns,
        notes=[
            "Каждая строка — результат одного кандидата по одному методу; повторная загрузка "
            "заменяет записанный результат.",
            "Кандидата находят по шифру заявления, ИИН или СНИЛС; он должен быть допущен.",
            "Методы, которые оценивают члены комиссии (бюллетени), не загружаются.",
        ],
    )


def keep_raw(value: Any) -> Any:
    return value


def criterion_help(crit: Criterion) -> str:
    if crit.kind == "options":
        return "вариант: " + ", ".join(o.id for o in crit.options)
    return f"баллы {crit.min}–{crit.top}"


def criterion_parser(crit: Criterion) -> Callable[[Any], Any]:
    """A criterion's cell: an option (or several, «;») or a number of points in range."""
    if crit.kind == "options":
        options = [(o.id, o.title) for o in crit.options]
        return choices_parser(options) if crit.select == "many" else choice_parser(options)

    def parse(value: Any) -> Decimal:
        number = parse_number(value)
        if number < crit.min or number > crit.top:
            raise CellError(f"вне диапазона {crit.min}–{crit.top}")
        if crit.step is not None and (number - crit.min) % crit.step != 0:
            raise CellError(f"не кратно шагу {crit.step}")
        return number

    return parse


LAYOUTS = {
    "candidates": candidates_layout,
    "applications": applications_layout,
    "results": results_layout,
}


def layout_for(kind: str, reg: Regulation) -> Layout:
    return LAYOUTS[kind](reg)
