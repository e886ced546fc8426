"""``{% works_due campaign as rows %}``: the written works a campaign's stages take (for links on
the candidate's, the commission's and HR's pages); ``stages`` limits them to a seat's stages."""

from __future__ import annotations

from typing import Any

from django import template

from rezerv.works.due import Due, works_due

register = template.Library()


@register.simple_tag
def works_of(campaign: Any, stages: list[str] | str | None = None) -> list[Due]:
    if isinstance(stages, str):
        stages = [stages]
    return [d for d in works_due(campaign) if stages is None or d.stage.id in stages]
