"""Build the bundled DOCX templates (``docx/<code>.docx``) with python-docx.

Run ``.venv/bin/python -m rezerv.documents.build_templates [code …]`` after changing a layout;
the files are committed.  The layouts live in ``layouts/<procedure>.py`` (one ``BUILDERS`` dict
each, code → function making the document) and are drawn with ``layouts/blocks.py``.  Each
template is a Word document with docxtpl tags: ``{{ value }}`` in the text, ``{%tr for … %}`` /
``{%tr endfor %}`` rows repeating a table row, ``{%p … %}`` paragraphs repeating or hiding what
lies between them.  The context of every form is described in ``docs/documents.md``; an
organisation's own template may start from one of these files.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "docx"
PROCEDURES = ("km", "tp", "ak", "br", "pk", "generic")


def builders() -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {}
    for procedure in PROCEDURES:
        try:
            module = importlib.import_module(f"rezerv.documents.layouts.{procedure}")
        except ModuleNotFoundError as exc:
            if exc.name != f"rezerv.documents.layouts.{procedure}":
                raise
            continue
        found.update(module.BUILDERS)
    return found


def build(codes: Iterable[str] | None = None, out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    every = builders()
    written = []
    for code in codes or every:
        if code not in every:
            raise SystemExit(f"unknown form {code!r}; known: {', '.join(sorted(every))}")
        path = out / f"{code}.docx"
        every[code]().save(str(path))  # type: ignore[attr-defined]
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    for path in build(argv or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
