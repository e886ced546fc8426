"""Check digits of ИИН and СНИЛС (``rezerv.selection.identifiers``).

The valid numbers were computed by hand with the algorithms the module cites, e.g. ИИН
850505300120: 8·1 + 5·2 + 0·3 + 5·4 + 0·5 + 5·6 + 3·7 + 0·8 + 0·9 + 1·10 + 2·11 = 121,
121 mod 11 = 0; СНИЛС 112-233-445 95: 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 95.
"""

from __future__ import annotations

import pytest

from rezerv.selection.identifiers import (
    digits_of,
    format_snils,
    iin_check_digit,
    iin_valid,
    snils_check_number,
    snils_valid,
)


@pytest.mark.parametrize(
    "iin",
    [
        "850505300120",  # first weights: 121 mod 11 = 0
        "810819300517",  # the demo's TP candidate: first weights give 7
        "900102400039",
        "000215500180",  # born in 2000: leading zeros
        "850505300200",  # first weights give 10; second weights 3…11, 1, 2 give 0
    ],
)
def test_valid_iin(iin: str) -> None:
    assert iin_valid(iin)


@pytest.mark.parametrize(
    "iin",
    [
        "850505300121",  # wrong check digit
        "810819300518",
        "850505300201",  # second-weight case with a wrong check digit
        "850505300250",  # both sums give 10: no ИИН starts with these 11 digits
        "85050530012",  # 11 digits
        "8505053001200",  # 13 digits
        "85050530012a",
        "８５０５０５３００１２０",  # full-width digits are not ASCII digits
    ],
)
def test_invalid_iin(iin: str) -> None:
    assert not iin_valid(iin)


def test_iin_without_a_possible_check_digit() -> None:
    assert iin_check_digit("85050530025") is None
    assert iin_check_digit("85050530020") == 0


@pytest.mark.parametrize(
    "snils",
    [
        "11223344595",  # 95: a sum below 100 is the check number
        "12345678964",
        "98765432183",  # 285 mod 101 = 83
        "10020789900",  # sum 100 → 00
        "30079989900",  # 201 mod 101 = 100 → 00
        "00100199812",  # up to 001-001-998 there is no check number
    ],
)
def test_valid_snils(snils: str) -> None:
    assert snils_valid(snils)


@pytest.mark.parametrize(
    "snils",
    ["11223344596", "98765432101", "10020789999", "1122334459", "112233445950", "1122334459a"],
)
def test_invalid_snils(snils: str) -> None:
    assert not snils_valid(snils)


def test_snils_check_numbers_and_printing() -> None:
    assert snils_check_number("112233445") == 95
    assert snils_check_number("100207899") == 0
    assert format_snils("11223344595") == "112-233-445 95"
    assert digits_of("112-233-445 95") == "11223344595"
