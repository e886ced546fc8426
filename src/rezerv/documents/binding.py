"""A regulation's ``forms:``: the layouts its campaigns offer, bound to its own ids.

A layout (a ``FormSpec``: the seed's decision, protocol, ballot…) declares its *roles* — the
stage it reads, the outcomes it lists as winners, the vote questions it prints, the facts of the
questionnaire — and the kind of id each takes.  The regulation file binds every role to its own
ids (``forms[].bind``), so the layout's code names none of them and a region that copies a
bundled file under another code gets the same forms with its own ids.

``check_forms`` checks the bindings against the registered layouts and the regulation's ids
(the desk refuses a file with a bad one, at its line); ``bound`` gives a layout its bindings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rezerv.engine.errors import Issue, Problem, issue
from rezerv.engine.loader import LoadedRegulation, format_path
from rezerv.engine.schema import BindValue, Regulation

if TYPE_CHECKING:
    from rezerv.documents.registry import FormSpec

PathKey = tuple[str | int, ...]

Kind = Literal[
    "stage",
    "outcome",
    "method",
    "question",
    "fact",
    "choice",
    "event",
    "commission",
    "sheet",
    "criterion",
    "route",
    "document",
    "level",
]
Shape = Literal["one", "many", "map"]


@dataclass(frozen=True)
class Role:
    """What a layout needs bound: ``kind`` of id; ``one`` id, ``many`` ids, or a ``map`` from
    ids of ``kind`` to the text a document prints for each (``texts``: to a list of texts)."""

    kind: Kind
    shape: Shape = "one"
    texts: int = 0  # a map's values: 0 — one text; n — a list of n texts
    at_least: bool = False  # … a list of n texts or more
    required: bool = True


def _criteria(reg: Regulation) -> set[str]:
    return {c.id for s in reg.score_sheets for c in s.criteria}


def _choices(reg: Regulation) -> set[str]:
    return {c.id for f in reg.facts for c in f.choices}


_IDS: dict[str, Callable[[Regulation], set[str]]] = {
    "stage": lambda r: {s.id for s in r.stages},
    "outcome": lambda r: set(r.outcome_titles()),
    "method": lambda r: {m.id for m in r.methods},
    "question": lambda r: {v.id for v in r.votes},
    "fact": lambda r: {f.id for f in r.facts},
    "choice": _choices,
    "event": lambda r: {e.id for e in r.events},
    "commission": lambda r: {c.id for c in r.commissions},
    "sheet": lambda r: {s.id for s in r.score_sheets},
    "criterion": _criteria,
    "route": lambda r: {x.id for x in r.routes} | {"default"},
    "document": lambda r: {d.id for d in r.documents.catalogue} if r.documents else set(),
    "level": lambda r: {lv.id for lv in r.reserve.levels} if r.reserve else set(),
}


def ids_of(reg: Regulation, kind: Kind) -> set[str]:
    """The ids of ``kind`` the regulation declares."""
    return _IDS[kind](reg)


# --------------------------------------------------------------------------- checking


def _text_ok(value: object, role: Role) -> bool:
    if role.texts == 0:
        return isinstance(value, str) and bool(value.strip())
    return (
        isinstance(value, list)
        and (len(value) >= role.texts if role.at_least else len(value) == role.texts)
        and all(isinstance(v, str) and v.strip() for v in value)
    )


def _check_value(
    reg: Regulation, role_name: str, role: Role, value: BindValue, where: PathKey
) -> list[tuple[PathKey, Issue]]:
    shape_issue = (
        where,
        issue(
            "form_role_shape",
            f"role {role_name!r} takes {role.shape}",
            role=role_name,
            shape=role.shape,
        ),
    )
    ids: list[tuple[PathKey, str]] = []
    if role.shape == "one":
        if not isinstance(value, str):
            return [shape_issue]
        ids = [(where, value)]
    elif role.shape == "many":
        if not isinstance(value, list):
            return [shape_issue]
        ids = [((*where, i), v) for i, v in enumerate(value)]
    else:
        if not isinstance(value, dict):
            return [shape_issue]
        out: list[tuple[PathKey, Issue]] = []
        for key, text in value.items():
            if not _text_ok(text, role):
                out.append(
                    (
                        (*where, key),
                        issue(
                            "form_role_text",
                            f"role {role_name!r}: the wording of {key!r} is empty or "
                            f"not {role.texts or 1} text(s)",
                            role=role_name,
                            id=key,
                            count=role.texts or 1,
                        ),
                    )
                )
        ids = [((*where, key), key) for key in value]
        if out:
            return out
    known = ids_of(reg, role.kind)
    return [
        (
            place,
            issue(
                "form_role_wrong_id",
                f"role {role_name!r} takes a {role.kind}: {ident!r} is not one",
                role=role_name,
                id=ident,
                kind=role.kind,
            ),
        )
        for place, ident in ids
        if ident not in known
    ]


def check_forms(reg: Regulation, layouts: Mapping[str, FormSpec]) -> list[tuple[PathKey, Issue]]:
    """Every problem of the regulation's ``forms:`` against the registered ``layouts``: an
    unknown layout or one listed twice, a role no layout of its entry has, a required role
    left unbound, a value of the wrong shape, an id of the wrong kind."""
    problems: list[tuple[PathKey, Issue]] = []
    seen: set[str] = set()
    for i, use in enumerate(reg.forms):
        roles: dict[str, Role] = {}
        known: list[FormSpec] = []
        for j, code in enumerate(use.layouts):
            where: PathKey = ("forms", i, "layouts", j)
            spec = layouts.get(code)
            if spec is None:
                problems.append(
                    (where, issue("form_layout_unknown", f"no layout {code!r}", layout=code))
                )
                continue
            if code in seen:
                problems.append(
                    (where, issue("form_layout_twice", f"layout {code!r} twice", layout=code))
                )
            seen.add(code)
            known.append(spec)
            roles.update(spec.roles)
        for name, value in use.bind.items():
            where = ("forms", i, "bind", name)
            role = roles.get(name)
            if role is None and len(known) < len(use.layouts):
                continue  # the role may be the unknown layout's: that layout is the problem
            if role is None:
                problems.append(
                    (
                        where,
                        issue(
                            "form_role_unknown",
                            f"no layout of the entry has a role {name!r}",
                            role=name,
                            layouts=list(use.layouts),
                        ),
                    )
                )
                continue
            problems.extend(_check_value(reg, name, role, value, where))
        for spec in known:
            for name, role in spec.roles.items():
                if role.required and name not in use.bind:
                    problems.append(
                        (
                            ("forms", i, "bind"),
                            issue(
                                "form_role_missing",
                                f"layout {spec.code!r} needs the role {name!r} bound",
                                role=name,
                                layout=spec.code,
                            ),
                        )
                    )
    return problems


def _line(lines: Mapping[PathKey, int], path: PathKey) -> int | None:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def file_problems(loaded: LoadedRegulation) -> list[Problem]:
    """``check_forms`` against the registered layouts, each problem at its line of the file."""
    from rezerv.documents.registry import FORMS

    return [
        Problem.of(loaded.path, format_path(path), _line(loaded.lines, path), what)
        for path, what in check_forms(loaded.regulation, FORMS)
    ]


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Bound:
    """A layout's bindings in one regulation: the ids (and wording) its roles take."""

    values: Mapping[str, BindValue]

    def one(self, role: str) -> str:
        value = self.values.get(role, "")
        return value if isinstance(value, str) else ""

    def many(self, role: str) -> list[str]:
        value = self.values.get(role, [])
        return list(value) if isinstance(value, list) else []

    def map(self, role: str) -> dict[str, Any]:
        value = self.values.get(role, {})
        return dict(value) if isinstance(value, dict) else {}


def bound(reg: Regulation, layout: str) -> Bound:
    """The bindings of ``layout`` in the regulation (empty when it does not use it)."""
    for use in reg.forms:
        if layout in use.layouts:
            return Bound(use.bind)
    return Bound({})


def bound_any(reg: Regulation, layouts: Iterable[str]) -> Bound:
    """The bindings of the first entry that lists one of ``layouts`` (a family of layouts that
    share their roles, such as the forms of one seed)."""
    wanted = set(layouts)
    for use in reg.forms:
        if wanted & set(use.layouts):
            return Bound(use.bind)
    return Bound({})


def layouts_used(reg: Regulation) -> Iterable[str]:
    """The layout codes the regulation lists, in its order."""
    for use in reg.forms:
        yield from use.layouts
