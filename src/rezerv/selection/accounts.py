"""Writes of a candidate's account: registration and the questionnaire (анкета), each audited.

The audit records identifiers and the names of changed fields, never the personal data itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext

from rezerv.selection.audit import Action
from rezerv.selection.models import Person, Questionnaire
from rezerv.selection.services import ConcurrentEdit, audit


def account_register(
    *,
    username: str,
    password: str,
    email: str,
    last_name: str,
    first_name: str,
    patronymic: str = "",
) -> User:
    """A candidate's login with their person and an empty questionnaire (one transaction)."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password, email=email)
        person = Person.objects.create(
            user=user,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            email=email,
        )
        questionnaire = Questionnaire.objects.create(person=person)
        audit(
            actor=user,
            action="account.register",
            obj=person,
            changes={"user": user.pk, "questionnaire": questionnaire.pk},
        )
    return user


def questionnaire_ensure(*, actor: Any, person: Person) -> Questionnaire:
    """The person's questionnaire; an empty one is created (and audited) if there is none."""
    with transaction.atomic():
        questionnaire, created = Questionnaire.objects.get_or_create(person=person)
        if created:
            audit(actor=actor, action="questionnaire.create", obj=questionnaire)
    return questionnaire


def questionnaire_update(
    *,
    actor: Any,
    person: Person,
    person_data: dict[str, Any],
    answers: dict[str, Any],
    expected_version: int,
) -> Questionnaire:
    """Save the person's data and the questionnaire's answers; a stale version is refused."""
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(person=person)
        if questionnaire.version != expected_version:
            raise ConcurrentEdit(gettext("Анкета изменена в другом окне; обновите страницу."))
        stored = Person.objects.get(pk=person.pk)
        changed_person = sorted(k for k, v in person_data.items() if getattr(stored, k) != v)
        changed = sorted(k for k, v in answers.items() if getattr(questionnaire, k) != v)
        for key, value in person_data.items():
            setattr(person, key, value)
        person.save()
        for key, value in answers.items():
            setattr(questionnaire, key, value)
        questionnaire.version += 1
        questionnaire.save()
        audit(
            actor=actor,
            action="questionnaire.update",
            obj=questionnaire,
            changes={
                "person_fields": changed_person,
                "fields": changed,
                "version": questionnaire.version,
            },
        )
    return questionnaire


@transaction.atomic
def logout_everywhere(*, user: Any, password: str) -> None:
    """End every other session of ``user``: the password, confirmed by the caller, is hashed
    again with a new salt, so the session hash every session keeps no longer matches (the
    caller keeps its own with ``update_session_auth_hash``); audited."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(actor=user, action=Action.ACCOUNT_LOGOUT_EVERYWHERE, obj=user)
