"""Question banks, test sessions, attempts and answers (issue 11, KM-13, KM-7)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rezerv.selection.models import Application, Campaign, Result, StateBody


class QuestionBank(models.Model):
    """Questions of one regulation (its code) and, optionally, one group of positions or one
    facet; the blueprint says how many questions of each topic a test draws."""

    regulation_code = models.CharField(_("регламент"), max_length=20)
    group = models.CharField(_("группа должностей или направление"), max_length=100, blank=True)
    title = models.CharField(_("наименование"), max_length=300)
    body = models.ForeignKey(
        StateBody, models.PROTECT, null=True, blank=True, related_name="question_banks"
    )
    blueprint: Any = models.JSONField(_("структура теста"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("банк вопросов")
        verbose_name_plural = _("банки вопросов")
        ordering = ["regulation_code", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def blueprint_total(self) -> int:
        return sum(int(n) for n in self.blueprint.values())


class Question(models.Model):
    bank = models.ForeignKey(QuestionBank, models.CASCADE, related_name="questions")
    topic = models.CharField(_("тема"), max_length=200)
    text = models.TextField(_("текст вопроса"))
    options: Any = models.JSONField(_("варианты ответа"), default=list)
    correct = models.PositiveSmallIntegerField(_("правильный вариант"))  # index into options
    active = models.BooleanField(_("используется"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("вопрос")
        verbose_name_plural = _("вопросы")
        ordering = ["topic", "pk"]


class TestSession(models.Model):
    """A test of a campaign's stage and test method (or a self-test, ``practice``, KM-7)."""

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="test_sessions")
    stage_id = models.CharField(max_length=60)
    method_id = models.CharField(max_length=60)
    bank = models.ForeignKey(QuestionBank, models.PROTECT, related_name="sessions")
    practice = models.BooleanField(_("самопроверка"), default=False)
    opens = models.DateTimeField(_("начало"))
    closes = models.DateTimeField(_("окончание"))
    time_limit_minutes = models.PositiveIntegerField(_("время на тест, минут"))
    questions = models.PositiveIntegerField(_("число вопросов"))
    attempts_allowed = models.PositiveSmallIntegerField(_("число попыток"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("сеанс тестирования")
        verbose_name_plural = _("сеансы тестирования")
        ordering = ["opens", "pk"]


class Attempt(models.Model):
    session = models.ForeignKey(TestSession, models.PROTECT, related_name="attempts")
    application = models.ForeignKey(Application, models.PROTECT, related_name="test_attempts")
    number = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.CharField(max_length=20, blank=True)  # "candidate" | "limit"
    # The drawn questions in the order shown, each with the order of its options:
    # [[id, version, [option index, …]], …], and their sha256.
    drawn: Any = models.JSONField(default=list)
    draw_sha256 = models.CharField(max_length=64)
    correct = models.PositiveIntegerField(null=True, blank=True)
    result = models.ForeignKey(Result, models.SET_NULL, null=True, blank=True, related_name="+")
    result_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application", "number"], name="attempt_once_per_number"
            )
        ]

    @property
    def question_ids(self) -> list[int]:
        return [int(q[0]) for q in self.drawn]

    def option_order(self, question_id: int, count: int) -> list[int]:
        """The question's options as shown: the stored indexes in the order of the page."""
        for entry in self.drawn:
            if int(entry[0]) == question_id and len(entry) > 2:
                return [int(i) for i in entry[2]]
        return list(range(count))


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="+")
    choice = models.PositiveSmallIntegerField()
    saved_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]
