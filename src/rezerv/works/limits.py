"""A work's measures against the regulation's limits (``Method.work``): the reasons it is refused,
in the candidate's language, each with the number found and the number allowed.

A work exactly at a limit passes (at most 500 words: 500 passes, 501 does not).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext

from rezerv.engine.schema import WrittenWork
from rezerv.works.measures import Measures, same_font

# A font or size other than the required one is a reason when it sets this share of the text
# (a heading or a footnote in another size is not).
SHARE = Decimal("0.05")
FORMAT_TITLES = {"text": "текст", "docx": "DOCX", "pdf": "PDF"}


def _dominant(counter: Counter[str]) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


def _pages_label(work: WrittenWork) -> str:
    if "title" in work.pages_exclude and "references" in work.pages_exclude:
        return gettext("Страниц (без титульного листа и списка литературы)")
    if "references" in work.pages_exclude:
        return gettext("Страниц (без списка литературы)")
    if "title" in work.pages_exclude:
        return gettext("Страниц (без титульного листа)")
    return gettext("Страниц")


def _words(m: Measures, work: WrittenWork) -> list[str]:
    out = []
    if work.words_max is not None and m.words > work.words_max:
        out.append(
            gettext("Слов: %(n)s, допускается не более %(max)s.")
            % {"n": m.words, "max": work.words_max}
        )
    if work.words_min is not None and m.words < work.words_min:
        out.append(
            gettext("Слов: %(n)s, требуется не менее %(min)s.")
            % {"n": m.words, "min": work.words_min}
        )
    return out


def _pages(m: Measures, work: WrittenWork) -> list[str]:
    if m.pages is None or (work.pages_min is None and work.pages_max is None):
        return []
    label = _pages_label(work)
    if work.pages_max is not None and m.pages > work.pages_max:
        return [
            gettext("%(label)s: %(n)s, допускается не более %(max)s.")
            % {"label": label, "n": m.pages, "max": work.pages_max}
        ]
    if work.pages_min is not None and m.pages < work.pages_min:
        return [
            gettext("%(label)s: %(n)s, требуется не менее %(min)s.")
            % {"label": label, "n": m.pages, "min": work.pages_min}
        ]
    return []


def _others(counter: Counter[str], keep: object) -> list[str]:
    total = sum(counter.values()) or 1
    return [
        name
        for name, chars in counter.most_common()
        if not keep_matches(name, keep) and Decimal(chars) / total >= SHARE
    ]


def keep_matches(name: str, keep: object) -> bool:
    if isinstance(keep, str):
        return same_font(name, keep)
    return Decimal(name) == Decimal(str(keep))


def _form(m: Measures, work: WrittenWork) -> list[str]:
    out = []
    if work.font and m.fonts:
        wrong = _others(m.fonts, work.font)
        if wrong:
            out.append(
                gettext("Шрифт: %(found)s, требуется %(font)s.")
                % {"found": ", ".join(wrong), "font": work.font}
            )
    if work.size is not None and m.sizes:
        wrong = _others(m.sizes, work.size)
        if wrong:
            out.append(
                gettext("Размер шрифта: %(found)s пт, требуется %(size)s пт.")
                % {"found": ", ".join(wrong), "size": work.size.normalize()}
            )
    if work.spacing is not None and m.spacings:
        found = _dominant(m.spacings)
        if found is not None and Decimal(found) != work.spacing:
            out.append(
                gettext("Межстрочный интервал: %(found)s, требуется %(spacing)s.")
                % {"found": found, "spacing": work.spacing}
            )
    if work.references_required and not m.references:
        out.append(
            gettext(
                "Нет списка использованных источников: нужен раздел с заголовком «Список "
                "использованной литературы» (или «Список источников»)."
            )
        )
    return out


def format_reason(fmt: str, work: WrittenWork) -> str | None:
    if fmt in work.formats:
        return None
    return gettext("Формат «%(found)s» не принимается; допустимы: %(allowed)s.") % {
        "found": FORMAT_TITLES.get(fmt, fmt),
        "allowed": ", ".join(FORMAT_TITLES[f] for f in work.formats),
    }


def reasons(m: Measures, work: WrittenWork) -> list[str]:
    """Why the work does not meet the limits (empty: it meets them)."""
    if m.words == 0:
        return [gettext("В работе нет текста.")]
    return [*_words(m, work), *_pages(m, work), *_form(m, work)]


def notes(m: Measures, work: WrittenWork) -> list[str]:
    """What was measured and how, for the candidate and the commission."""
    out = [gettext("Слов: %(n)s.") % {"n": m.words}]
    if m.pages is not None:
        out.append(
            gettext("%(label)s: %(n)s (всего страниц: %(total)s).")
            % {"label": _pages_label(work), "n": m.pages, "total": m.pages_total}
        )
        if m.pages_method == "estimate":
            out.append(
                gettext(
                    "Число страниц DOCX оценено по параметрам страницы, шрифту и интервалу "
                    "документа; точное число покажет файл, сохранённый в Word, или PDF."
                )
            )
    if m.format == "pdf" and work.spacing is not None:
        out.append(gettext("Межстрочный интервал в PDF не проверяется: его оценит комиссия."))
    return out
