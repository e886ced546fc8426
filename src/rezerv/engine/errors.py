"""Errors for bad input: each problem names the file, the place in it and the reason.

A problem carries a ``code`` with JSON-ready ``params`` (strings, numbers, lists of strings)
that the application words in the user's language (``rezerv.wording_problems``), and
``reason``: the same problem in English, the text the command line prints
(``error: FILE[:LINE]: PATH: reason``).  The engine words nothing else.

Codes come from three places: the loader and the checks of cross-references (``Issue``), the
schema's validators (``Invalid``, which pydantic reports as a ``value_error``), and pydantic's own
error types, which the loader maps generically (``pydantic.<type>``, with pydantic's context
as params; ``extra_forbidden`` is ``unknown_field``, ``missing`` is ``missing_field``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["InputError", "Invalid", "Issue", "Problem", "issue", "pydantic_issue"]


@dataclass(frozen=True)
class Issue:
    """What is wrong, without the place: a code, its params and the English text."""

    code: str
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)


def issue(code: str, reason: str, **params: Any) -> Issue:
    return Issue(code, reason, params)


class Invalid(ValueError):
    """A schema validator's refusal with its code (pydantic keeps it in the error's context)."""

    def __init__(self, code: str, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.issue = Issue(code, reason, params)


def _json_ready(value: Any) -> Any:
    """A param as JSON: strings, numbers, booleans and lists of them; anything else as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_ready(v) for v in value]
    return str(value)


def pydantic_issue(err: Any) -> Issue:
    """One pydantic error as an issue: a validator's own code (``Invalid``), or pydantic's
    error type mapped generically — ``pydantic.<type>`` with its context (the limit, the
    expected values, the pattern) and the input when it is a short scalar."""
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden" or kind == "unexpected_keyword_argument":
        return issue("unknown_field", "unknown field")
    if kind == "missing" or kind == "missing_keyword_argument":
        return issue("missing_field", "required field is missing")
    error = ctx.get("error")
    if kind == "value_error" and isinstance(error, Invalid):
        return error.issue
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in ("literal_error",) and "input" in err:
        msg = f"{msg} (got {err['input']!r})"
    params = {k: _json_ready(v) for k, v in ctx.items() if k != "error"}
    if kind in ("literal_error", "enum") and isinstance(ctx.get("expected"), str):
        # pydantic words the choices in English ("'a', 'b' or 'c'"): the values alone
        params["expected"] = re.findall(r"'([^']*)'", ctx["expected"]) or [ctx["expected"]]
    if kind in ("value_error", "assertion_error"):
        params["detail"] = msg
    given = err.get("input")
    if isinstance(given, (bool, int, float, str)) and len(str(given)) <= 200:
        params["input"] = given
    return Issue(f"pydantic.{kind}", msg, params)


@dataclass(frozen=True)
class Problem:
    file: str
    path: str | None
    line: int | None
    reason: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, file: str, path: str | None, line: int | None, what: Issue) -> Problem:
        return cls(file, path, line, what.reason, what.code, what.params)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "params": dict(self.params),
            "reason": self.reason,
        }

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.reason}"


class InputError(Exception):
    """Bad input: a malformed regulation or case. Nothing is computed from it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
