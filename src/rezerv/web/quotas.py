"""The quotas of a campaign (``campaign.quotas``) that the regulation's award limits read.

A limit ``from_case: <name>`` (other than ``vacancies``) takes its number from the campaign's
quota ``<name>``; with ``per: <fact>`` one number per value of that fact (TP-5: the demand of
state bodies per territorial unit). The form asks for exactly the quotas the regulation reads,
labelled with the titles of the outcomes they limit and of the fact's choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rezerv.engine.schema import Regulation

WHOLE = "total"  # the key of a quota not split by a fact


@dataclass
class Quota:
    name: str
    per: str | None
    title: str
    rules: list[str] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (key, title)


def declared_quotas(reg: Regulation) -> list[Quota]:
    outcomes = {o.id: o.title for o in reg.outcomes}
    facts = {f.id: f for f in reg.facts}
    found: dict[str, Quota] = {}
    limited: dict[str, list[str]] = {}
    for stage in reg.stages:
        for award in stage.awards:
            limit = award.limit
            if limit is None or limit.from_case in (None, "vacancies"):
                continue
            name = str(limit.from_case)
            quota = found.get(name)
            if quota is None:
                fact = facts.get(limit.per) if limit.per else None
                choices = [(c.id, c.title) for c in fact.choices] if fact else [(WHOLE, "")]
                quota = found[name] = Quota(name, limit.per, "", [], choices)
            limited.setdefault(name, []).append(outcomes.get(award.outcome, award.outcome))
            quota.rules.extend(r for r in award.rules if r not in quota.rules)
    for name, quota in found.items():
        per = facts.get(quota.per) if quota.per else None
        title = gettext("Число участников: %(outcomes)s") % {"outcomes": "; ".join(limited[name])}
        if per is not None:
            title += gettext(" — по значениям «%(fact)s»") % {"fact": per.title}
        quota.title = title
    return list(found.values())


class QuotaForm(forms.Form):
    """One number field per quota and value; an empty field leaves the value out."""

    def __init__(
        self, *args: Any, quotas: list[Quota], current: dict[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.quotas = quotas
        for quota in quotas:
            values = current.get(quota.name) or {}
            for key, title in quota.choices:
                self.fields[f"{quota.name}:{key}"] = forms.IntegerField(
                    label=title or quota.title,
                    required=False,
                    min_value=0,
                    initial=values.get(key),
                )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def groups(self) -> list[dict[str, Any]]:
        return [
            {
                "quota": q,
                "fields": [self[f"{q.name}:{key}"] for key, _title in q.choices],
            }
            for q in self.quotas
        ]

    def quotas_value(self, current: dict[str, Any]) -> dict[str, Any]:
        out = dict(current)
        for quota in self.quotas:
            values = {}
            for key, _title in quota.choices:
                number = self.cleaned_data.get(f"{quota.name}:{key}")
                if number is not None:
                    values[key] = number
            out[quota.name] = values
        return out


LEGEND = _("Квоты кампании")
