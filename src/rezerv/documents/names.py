"""Russian personal names declined by case (pytrovich), as official letters and protocols need.

«Уведомление … Иванову Ивану Ивановичу» (dative), «под председательством Иванова Ивана
Ивановича» (genitive), «рекомендовать Петрову Марию Сергеевну» (accusative).

The gender comes from the patronymic; without one, from the gender recorded for the person;
without that, from the first name and surname when pytrovich is sure of them. A name whose gender
stays unknown, or that has letters other than Cyrillic ones (a Latin transliteration, a typo with
a digit), is left as written: an undeclined name is better than a wrongly declined one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

# pytrovich logs the names it could not decline; personal data never goes into logs.
logging.getLogger("pytrovich").setLevel(logging.CRITICAL)

CASES: dict[str, Case] = {
    "nominative": Case.NOMINATIVE,
    "genitive": Case.GENITIVE,
    "dative": Case.DATIVE,
    "accusative": Case.ACCUSATIVE,
    "instrumental": Case.INSTRUMENTAL,
    "prepositional": Case.PREPOSITIONAL,
}

_CYRILLIC_PART = re.compile(
    r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+(?:[-'’][А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*$"
)
_GENDERS = {"m": Gender.MALE, "f": Gender.FEMALE}


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@lru_cache(maxsize=1)
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


@dataclass(frozen=True)
class FullName:
    last: str
    first: str = ""
    patronymic: str = ""

    @classmethod
    def parse(cls, text: str) -> FullName:
        """«Фамилия Имя Отчество» as one string (a commission member's ФИО)."""
        parts = text.split()
        if len(parts) == 3:
            return cls(*parts)
        if len(parts) == 2:
            return cls(parts[0], parts[1])
        return cls(" ".join(parts))

    @property
    def parts(self) -> list[str]:
        return [p for p in (self.last, self.first, self.patronymic) if p]

    def __str__(self) -> str:
        return " ".join(self.parts)


# A Kazakh patronymic says the gender itself («Серікұлы» son of Серік, «Серікқызы» daughter)
# and is not declined in a Russian sentence.
_KAZAKH_PATRONYMIC = {
    "ұлы": Gender.MALE,
    "улы": Gender.MALE,
    "қызы": Gender.FEMALE,
    "кызы": Gender.FEMALE,
}


def _kazakh_patronymic(patronymic: str) -> Gender | None:
    word = patronymic.lower()
    return next((g for end, g in _KAZAKH_PATRONYMIC.items() if word.endswith(end)), None)


def gender_of(name: FullName, recorded: str = "") -> Gender | None:
    """MALE or FEMALE, or None when it cannot be told (see the module's docstring)."""
    kazakh = _kazakh_patronymic(name.patronymic) if name.patronymic else None
    if kazakh is not None:
        return kazakh
    if name.patronymic:
        by_patronymic: Gender | None = _detector().detect(middlename=name.patronymic)
        if by_patronymic in (Gender.MALE, Gender.FEMALE):
            return by_patronymic
    if recorded in _GENDERS:
        return _GENDERS[recorded]
    if name.first:
        guessed: Gender | None = _detector().detect(firstname=name.first, lastname=name.last)
        if guessed in (Gender.MALE, Gender.FEMALE):
            return guessed
    return None


def _declinable(name: FullName) -> bool:
    return bool(name.first) and all(_CYRILLIC_PART.match(p) for p in name.parts)


def decline(name: FullName | str, case: str, *, gender: str = "", language: str = "ru") -> str:
    """The full name in the case (``genitive``, ``dative``, …); as written when undeclinable,
    and in a sentence that is not Russian (``language``): Russian declension is for Russian
    sentences only, a Kazakh or English one writes the name as it is."""
    if isinstance(name, str):
        name = FullName.parse(name)
    grammatical = CASES[case]
    if grammatical is Case.NOMINATIVE or not _declinable(name) or language != "ru":
        return str(name)
    sex = gender_of(name, gender)
    if sex is None:
        return str(name)
    maker = _maker()
    out = [maker.make(NamePart.LASTNAME, sex, grammatical, name.last)]
    out.append(maker.make(NamePart.FIRSTNAME, sex, grammatical, name.first))
    if name.patronymic and _kazakh_patronymic(name.patronymic) is not None:
        out.append(name.patronymic)
    elif name.patronymic:
        out.append(maker.make(NamePart.MIDDLENAME, sex, grammatical, name.patronymic))
    return " ".join(out)


def initials(name: FullName, *, surname_first: bool = False) -> str:
    """«И.И. Иванов» (signature blocks) or «Иванов И.И.»."""
    letters = "".join(f"{p[0]}." for p in (name.first, name.patronymic) if p)
    if not letters:
        return name.last
    return f"{name.last} {letters}" if surname_first else f"{letters} {name.last}"


def name_forms(name: FullName | str, *, gender: str = "", language: str = "ru") -> dict[str, Any]:
    """Every form a template may need: ``{{ x.nominative }}``, ``{{ x.dative }}``, ``{{ x.short }}``…

    ``male`` / ``female`` tell templates which agreement to use («признан» / «признана»); both
    are false when the gender is unknown, so a template can print «признан(а)».  For a sentence
    in another ``language`` (the Kazakh part of a bilingual form) every case is the name as
    written.
    """
    if isinstance(name, str):
        name = FullName.parse(name)
    forms: dict[str, Any] = {
        case: decline(name, case, gender=gender, language=language) for case in CASES
    }
    sex = gender_of(name, gender) if name.first else None
    forms.update(
        {
            "last": name.last,
            "first": name.first,
            "patronymic": name.patronymic,
            "short": initials(name),
            "surname_initials": initials(name, surname_first=True),
            "first_patronymic": " ".join(p for p in (name.first, name.patronymic) if p),
            "male": sex is Gender.MALE,
            "female": sex is Gender.FEMALE,
        }
    )
    return forms


def person_forms(person: Any) -> dict[str, Any]:
    """The forms of a ``selection.Person``'s name, with the gender recorded for it."""
    return name_forms(
        FullName(person.last_name, person.first_name, person.patronymic),
        gender=getattr(person, "gender", "") or "",
    )


def gendered(forms: dict[str, Any], male: str, female: str, either: str) -> str:
    """The word agreeing with the person of ``forms``: «зачислен» / «зачислена» / «зачислен(а)»."""
    return male if forms["male"] else female if forms["female"] else either
