"""The personal-data consent of an application names what its regulation requires (C-4): a
Russian procedure cites 152-ФЗ, never the Kazakh law, and the other way round."""

from __future__ import annotations

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.selection.selectors import consent_text


def test_c4_the_consent_of_a_russian_procedure_cites_its_own_requirement() -> None:
    text = consent_text(load_regulation(bundled_path("PK")).regulation)
    assert text.startswith("Даю согласие на обработку моих персональных данных")
    assert "152-ФЗ" in text and "Казахстан" not in text


def test_c4_the_consent_of_a_kazakh_procedure_cites_its_own_requirement() -> None:
    reg = load_regulation(bundled_path("TP")).regulation
    assert reg.consent is not None
    text = consent_text(reg)
    assert reg.consent.requirement.rstrip(".") in text and "152-ФЗ" not in text
