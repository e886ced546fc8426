"""The selection's jobs the worker runs (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def recompute_result(campaign_id: int) -> str:
    """The engine's result of a large campaign for its current inputs, computed and stored
    (``result_cache.recompute``) while the pages show the last one with this job's progress."""
    from rezerv.selection.result_cache import recompute

    return recompute(campaign_id)
