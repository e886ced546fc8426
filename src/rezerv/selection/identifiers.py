"""Check digits of personal identifiers: Kazakhstan's ИИН and Russia's СНИЛС (pure functions).

ИИН (12 digits): the 12th digit is the check digit.  The sum of the first 11 digits with the
weights 1…11, modulo 11; if that is 10, the sum with the weights 3, 4, …, 11, 1, 2, modulo 11;
if that is 10 again the number is not issued.  Source: «Правила формирования идентификационного
номера», approved by the Government of Kazakhstan's decree of 22 May 2007 No. 406 (as explained
with examples in https://yvision.kz/post/114938 «ИИН. Алгоритм расчета и проверки»).

СНИЛС (11 digits, written ``XXX-XXX-XXX YY``): the last two digits are the check number, the
sum of the first nine digits with the weights 9, 8, …, 1; a sum of 100 or 101 gives 00, a sum
above 101 is taken modulo 101 first (and 100 again gives 00).  Numbers up to 001-001-998 were
issued without a check number.  Source: the Pension Fund of Russia's rule as described in
https://ru.wikipedia.org/wiki/Страховой_номер_индивидуального_лицевого_счёта («Контрольное число»).
"""

from __future__ import annotations

import re

_IIN_WEIGHTS = (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))
_SNILS_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, 1)
_SNILS_WITHOUT_CHECK = 1001998  # 001-001-998 and below


def digits_of(text: str) -> str:
    """``text`` without the separators people write (spaces, hyphens); other characters stay."""
    return re.sub(r"[\s\-]", "", text)


def iin_check_digit(first11: str) -> int | None:
    """The check digit of the 11 leading digits of an ИИН, or None if no ИИН can end them."""
    digits = [int(c) for c in first11]
    for weights in _IIN_WEIGHTS:
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def iin_valid(iin: str) -> bool:
    """Twelve ASCII digits whose last is the check digit of the others."""
    if len(iin) != 12 or not (iin.isascii() and iin.isdigit()):
        return False
    return iin_check_digit(iin[:11]) == int(iin[11])


def snils_check_number(first9: str) -> int:
    """The check number (0–99) of the nine leading digits of a СНИЛС."""
    total = sum(int(d) * w for d, w in zip(first9, _SNILS_WEIGHTS, strict=True))
    if total > 101:
        total %= 101
    return 0 if total in (100, 101) else total


def snils_valid(snils: str) -> bool:
    """Eleven ASCII digits whose last two are the check number (none needed up to 001-001-998)."""
    if len(snils) != 11 or not (snils.isascii() and snils.isdigit()):
        return False
    if int(snils[:9]) <= _SNILS_WITHOUT_CHECK:
        return True
    return snils_check_number(snils[:9]) == int(snils[9:])


def format_snils(digits: str) -> str:
    """``XXX-XXX-XXX YY``, the way a СНИЛС is printed."""
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"
