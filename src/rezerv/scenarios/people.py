"""Logins, staff roles and persons of a scenario.

No service creates these: a candidate registers through ``accounts.account_register``, which
hashes each password and takes no identity fields (birth date, ИИН, СНИЛС), and staff roles are
given by an administrator outside the application.  So this module creates them directly; it
and ``bodies`` are the only modules of ``rezerv.scenarios`` that write models themselves.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from rezerv.selection.models import Person, Questionnaire, Staff, StateBody


def password_hash(password: str | None) -> str:
    """The stored form of ``password`` (None: an unusable password).

    One hash per password and hasher setting: hashing it for each login (PBKDF2, hundreds of
    thousands of rounds by design) would take most of a scenario's run.  The logins of one
    password share its salt, which is acceptable for demo and test logins and nothing else.
    """
    if password is None:
        return make_password(None)
    return _shared_hash(password, tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _shared_hash(password: str, hashers: tuple[str, ...]) -> str:
    return make_password(password)


def user(
    username: str,
    *,
    password: str | None,
    first: str = "",
    last: str = "",
    email: str = "",
    superuser: bool = False,
) -> User:
    return User.objects.create(
        username=username,
        password=password_hash(password),
        first_name=first[:150],
        last_name=last[:150],
        email=email,
        is_superuser=superuser,
    )


def login_for(username: str, full_name: str, *, password: str | None) -> User:
    """The login ``username``; created, named after ``full_name`` (surname first), if new."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    last, _, rest = full_name.partition(" ")
    return user(username, password=password, first=rest.split(" ")[0], last=last)


def hr(
    body: StateBody, username: str, *, password: str | None, first: str = "", last: str = ""
) -> User:
    """An HR officer (and commission secretary) of ``body``."""
    officer = user(username, password=password, first=first, last=last)
    Staff.objects.create(user=officer, body=body, role="hr")
    return officer


def admin(
    username: str, *, password: str | None, first: str = "", last: str = "", superuser: bool = False
) -> User:
    """An administrator of every body."""
    account = user(username, password=password, first=first, last=last, superuser=superuser)
    Staff.objects.create(user=account, body=None, role="admin")
    return account


def candidate(
    username: str,
    last: str,
    first: str,
    patronymic: str = "",
    *,
    password: str | None,
    questionnaire: dict[str, Any] | None = None,
    **person: Any,
) -> Person:
    """A candidate's login, person (``person``: the other fields of ``Person``) and
    questionnaire (``questionnaire``: its answers; empty by default)."""
    account = user(username, password=password, first=first, last=last)
    created = Person.objects.create(
        user=account, last_name=last, first_name=first, patronymic=patronymic, **person
    )
    Questionnaire.objects.create(person=created, **(questionnaire or {}))
    return created
