"""What a person does on the pages, written once for the browser scenarios."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import docx
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.scenario import PASSWORD


def log_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """Type the credentials and press Enter, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").press_sequentially(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=f"Выйти ({username})")).to_be_visible()


def submitting(page: Any) -> Any:
    """``with submitting(page): ...``: wait until the page the action submits has loaded.

    Needed where the page before and after look alike (the same form again), so that the next
    keystrokes go to the new page, not to the one being replaced.
    """
    return page.expect_navigation()


def expect_message(page: Any, text: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(text)


def section_of(page: Any, heading: str) -> Any:
    """The card (section or form) whose heading is exactly ``heading``."""
    return page.locator("section, form.card").filter(
        has=page.get_by_role("heading", name=heading, exact=True)
    )


def row_of(page: Any, text: str) -> Any:
    return page.get_by_role("row").filter(has_text=text)


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """How far the page is wider than the viewport, and which elements stick out."""
    return dict(
        page.evaluate(
            """() => {
              const root = document.documentElement;
              const limit = root.clientWidth;
              const wide = [];
              for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.right > limit + 1 && getComputedStyle(el).position !== 'fixed') {
                  wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                            (el.className ? '.' + el.className : '') + ' ' + Math.round(box.right));
                }
              }
              return {overflow: root.scrollWidth - limit, viewport: limit, wide: wide.slice(0, 10)};
            }"""
        )
    )


def unlabelled_controls(page: Any, scope: str = "main form") -> list[str]:
    """Form controls in ``scope`` that have no accessible label."""
    return list(
        page.evaluate(
            """(scope) => {
              const out = [];
              for (const form of document.querySelectorAll(scope)) {
                for (const el of form.querySelectorAll('input, select, textarea')) {
                  const type = (el.getAttribute('type') || '').toLowerCase();
                  if (['hidden', 'submit', 'button', 'reset'].includes(type)) continue;
                  const byLabel = Array.from(el.labels || []).some(l => l.textContent.trim());
                  const byAria = (el.getAttribute('aria-label') || '').trim() ||
                                 el.getAttribute('aria-labelledby');
                  if (!byLabel && !byAria) out.push(el.name || el.id || el.outerHTML);
                }
              }
              return out;
            }""",
            scope,
        )
    )


def tab_until(page: Any, name: str, limit: int = 150) -> list[str]:
    """Press Tab from the top of the page until the button ``name`` has focus.

    Returns what received focus on the way: the ``name`` of each form control, or the text of
    each link and button.
    """
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    pattern = re.compile(re.escape(name))
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        tag, label = page.evaluate(
            """() => { const el = document.activeElement;
                       if (!el) return ['', ''];
                       return [el.tagName, el.getAttribute('name') || el.textContent.trim()]; }"""
        )
        if tag == "BUTTON" and pattern.search(label):
            return seen
        seen.append(label)
    raise AssertionError(f"Tab never reached the button «{name}» in {limit} presses: {seen}")


class Clock:
    """The server's clock (``django.utils.timezone.now``), set to a moment of a procedure whose
    dates are fixed in the year (TP-7 registration in October, AK-12): only the clock moves,
    every record is made through the pages."""

    def __init__(self, monkeypatch: Any) -> None:
        self.moment = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, day: dt.date, hour: int = 10) -> None:
        self.moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def screenshot(folder: Path, page: Any, name: str) -> None:
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def register_from_announcement(
    page: Any, title: str, username: str, last: str, first: str, patronymic: str, domain: str
) -> None:
    """A candidate opens the announcement, follows «Подать заявление» and registers."""
    page.goto("/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Подать заявление").click()
    page.get_by_role("main").get_by_role("link", name="Зарегистрироваться").click()
    page.get_by_label("Имя пользователя (логин)").fill(username)
    page.get_by_label("Фамилия").fill(last)
    page.get_by_label("Имя", exact=True).fill(first)
    page.get_by_label("Отчество (при наличии)").fill(patronymic)
    page.get_by_label("Адрес электронной почты").fill(f"{username}@{domain}")
    page.get_by_label("Пароль", exact=True).fill(f"{username}-2027-Pass")
    page.get_by_label("Подтверждение пароля").fill(f"{username}-2027-Pass")
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect_message(page, "Учётная запись создана")


def record_votes(page: Any, votes: list[tuple[str, str, dict[str, str]]]) -> None:
    """On the meeting page: each (candidate, question, {member: answer}) recorded in its own
    form, as the secretary ticks the answers, and checked as stored."""
    for name, question, answers in votes:
        form = page.get_by_role("form", name=f"{name} — {question}")
        for member, vote in answers.items():
            form.get_by_label(f"{member}: {vote}", exact=True).check()
        with submitting(page):
            form.get_by_role("button", name="Записать голосование").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
        for member, vote in answers.items():
            expect(form.get_by_label(f"{member}: {vote}", exact=True)).to_be_checked()


# --------------------------------------------------------------------------- downloaded documents


def docx_text(path: str) -> str:
    """The paragraphs and table cells of a downloaded DOCX."""
    document = docx.Document(path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(path: str) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def download(page: Any, title: str) -> tuple[str, str]:
    """The texts of the DOCX and the PDF of the document ``title`` listed on the page."""
    item = page.get_by_role("listitem").filter(has_text=title)
    texts = []
    for fmt in ("DOCX", "PDF"):
        with page.expect_download() as got:
            item.get_by_role("link", name=fmt, exact=True).click()
        path = got.value.path()
        texts.append(docx_text(path) if fmt == "DOCX" else pdf_text(path))
    return texts[0], texts[1]
