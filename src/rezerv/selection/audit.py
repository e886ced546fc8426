"""The actions the audit log records: one enumeration, with the titles the log is read by.

``services.audit`` refuses an action that is not listed here, so a new kind of change gets
its entry (and its title) before it can be recorded (issue 8, item 9).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    ACCOUNT_REGISTER = "account.register", _("регистрация учётной записи")
    ACCOUNT_PASSWORD_CHANGE = "account.password_change", _("смена пароля")
    ACCOUNT_LOGOUT_EVERYWHERE = "account.logout_everywhere", _("выход на всех устройствах")
    ACCOUNT_REAUTH = "account.reauth", _("подтверждение пароля")
    ACCOUNT_DATA_EXPORT = "account.data_export", _("выгрузка своих персональных данных")
    ACCOUNT_ERASE = "account.erase", _("удаление учётной записи")
    ACCOUNT_SECOND_FACTOR_ENROL = "account.second_factor", _("подключение второго фактора входа")
    ACCOUNT_RECOVERY_CODES = "account.recovery_codes", _("выпуск резервных кодов входа")
    ACCOUNT_RECOVERY_CODE_USED = "account.recovery_code_used", _("вход по резервному коду")
    PERSON_CREATE = "person.create", _("внесение сведений о кандидате")
    QUESTIONNAIRE_CREATE = "questionnaire.create", _("создание анкеты")
    QUESTIONNAIRE_UPDATE = "questionnaire.update", _("изменение анкеты")
    CAMPAIGN_CREATE = "campaign.create", _("создание кампании")
    CAMPAIGN_UPDATE = "campaign.update", _("изменение кампании")
    CAMPAIGN_PUBLISH = "campaign.publish", _("публикация объявления")
    CAMPAIGN_AMEND = "campaign.amend", _("изменение опубликованного объявления")
    CAMPAIGN_TRANSITION = "campaign.transition", _("смена статуса кампании")
    CAMPAIGN_POSITION_ADD = "campaign.position_add", _("целевая должность кампании указана")
    CAMPAIGN_POSITION_REMOVE = "campaign.position_remove", _("целевая должность кампании снята")
    CAMPAIGN_CHOICE_ADD = "campaign.choice_add", _("значение для выбора кандидатами указано")
    CAMPAIGN_CHOICE_REMOVE = "campaign.choice_remove", _("значение для выбора кандидатами снято")
    APPLICATION_SUBMIT = "application.submit", _("подача заявления")
    APPLICATION_VIEW = "application.view", _("просмотр заявления")
    APPLICATION_DECIDE = "application.decide", _("решение о допуске")
    APPLICATION_TRANSITION = "application.transition", _("смена статуса заявления")
    APPLICATION_CONSENT = "application.consent", _("согласие кандидата")
    APPLICATION_FACTS = "application.facts", _("сведения, проверенные кадровой службой")
    APPLICATION_CHANGE_FACT = "application.change_fact", _("изменение сведений кандидатом")
    UPLOAD_ADD = "upload.add", _("добавление документа кандидатом")
    UPLOAD_REPLACE = "upload.replace", _("замена документа кандидатом")
    UPLOAD_OPEN = "upload.open", _("открытие документа кандидата")
    APPLICATION_WITHDRAW = "application.withdraw", _("отзыв заявления")
    WORK_SUBMIT = "work.submit", _("представление письменной работы кандидатом")
    DOCUMENT_DOWNLOAD = "document.download", _("скачивание документа")
    DOCUMENT_TEMPLATE_UPLOAD = "document_template.upload", _("загрузка шаблона документа")
    DOCUMENT_TEMPLATE_DELETE = "document_template.delete", _("удаление шаблона документа")
    COMMISSION_CREATE = "commission.create", _("создание комиссии")
    COMMISSION_MEMBER_ADD = "commission.member_add", _("включение в состав комиссии")
    COMMISSION_MEMBER_REMOVE = "commission.member_remove", _("исключение из состава комиссии")
    COMMISSION_MEMBER_EDIT = "commission.member_edit", _("изменение сведений о члене комиссии")
    COMMISSION_APPROVE = "commission.approve", _("утверждение состава комиссии")
    CONFLICT_DECLARE = "conflict.declare", _("заявление о конфликте интересов")
    BALLOT_SAVE = "ballot.save", _("оценка члена комиссии")
    RESULT_SAVE = "result.save", _("результат испытания")
    SCORING_CLOSE = "scoring.close", _("закрытие независимой оценки")
    MEETING_SCHEDULE = "meeting.schedule", _("назначение заседания")
    MEETING_RESCHEDULE = "meeting.reschedule", _("перенос заседания")
    MEETING_CANCEL = "meeting.cancel", _("отмена заседания")
    MEETING_ATTENDANCE = "meeting.attendance", _("отметка присутствия")
    VOTE_RECORD = "vote.record", _("запись голосования")
    DECISION_MAKE = "decision.make", _("решение комиссии")
    DECISION_SUPERSEDE = "decision.supersede", _("решение утратило силу")
    DECISION_REOPEN = "decision.reopen", _("этап возобновлён для исправления")
    NOTICE_RECORD = "notice.record", _("направление уведомления")
    EXPORT_RATING = "export.rating", _("выгрузка рейтинга (XLSX)")
    EXPORT_RESERVE = "export.reserve", _("выгрузка списка резерва (XLSX)")
    EXPORT_BALLOTS = "export.ballots", _("выгрузка оценочных листов (XLSX)")
    EXPORT_AUDIT = "export.audit", _("выгрузка журнала действий (XLSX)")
    IMPORT_CANDIDATES = "import.candidates", _("загрузка кандидатов")
    IMPORT_APPLICATIONS = "import.applications", _("загрузка заявлений")
    IMPORT_RESULTS = "import.results", _("загрузка результатов")
    IMPORT_CANDIDATES_CHECK = "import.candidates.check", _("проверка файла кандидатов")
    IMPORT_APPLICATIONS_CHECK = "import.applications.check", _("проверка файла заявлений")
    IMPORT_RESULTS_CHECK = "import.results.check", _("проверка файла результатов")
    REGULATION_UPLOAD = "regulation.upload", _("загрузка регламента")
    REGULATION_ACTIVATE = "regulation.activate", _("введение регламента в действие")
    REGULATION_RESCHEDULE = "regulation.reschedule", _("перенос дня вступления регламента в силу")
    REGULATION_WITHDRAW = "regulation.withdraw", _("отмена введения регламента в действие")
    RESERVE_REGISTRY_VIEW = "reserve.registry_view", _("просмотр реестра кадрового резерва")
    RESERVE_VIEW = "reserve.view", _("просмотр карточки члена резерва")
    RESERVE_EXCLUDE = "reserve.exclude", _("исключение из резерва")
    RESERVE_EXPIRE = "reserve.expire", _("истечение срока нахождения в резерве")
    RESERVE_RE_INCLUDE = "reserve.re_include", _("повторное включение в резерв")
    RESERVE_EMPLOYMENT = "reserve.employment", _("сведения о трудоустройстве члена резерва")
    EXPORT_REGISTRY = "export.registry", _("выгрузка реестра кадрового резерва (XLSX)")
    RESERVE_PLAN_VIEW = "reserve.plan_view", _("просмотр плана индивидуальной подготовки")
    RESERVE_PLAN_ITEM = "reserve.plan_item", _("пункт плана индивидуальной подготовки")
    RESERVE_PLAN_REPORT = "reserve.plan_report", _("отчёт о выполнении плана")
    RESERVE_PLAN_ASSESS = "reserve.plan_assess", _("оценка пункта плана")
    RESERVE_REPORT_FILE = "reserve.report_file", _("просмотр файла отчёта члена резерва")
    RESERVE_PROJECT = "reserve.project", _("участие члена резерва в приоритетном проекте")
    RESERVE_VACANCY_CREATE = "reserve.vacancy_create", _("вакантная целевая должность")
    RESERVE_VACANCY_VIEW = "reserve.vacancy_view", _("просмотр замещения должности из резерва")
    RESERVE_VACANCY_STEP = "reserve.vacancy_step", _("этап замещения должности из резерва")
    RESERVE_REVIEW_OPEN = "reserve.review_open", _("ежегодное рассмотрение резерва назначено")
    RESERVE_REVIEW_ATTENDANCE = (
        "reserve.review_attendance",
        _("присутствие на рассмотрении резерва"),
    )
    RESERVE_REVIEW_VOTE = "reserve.review_vote", _("голосование по члену резерва")
    RESERVE_REVIEW_APPROVE = (
        "reserve.review_approve",
        _("утверждение обновлённого состава резерва"),
    )
    RESERVE_REVIEW_PUBLISH = (
        "reserve.review_publish",
        _("опубликование обновлённого состава резерва"),
    )
    RESERVE_VACANCY_INVITE = (
        "reserve.vacancy_invite",
        _("приглашение членов резерва к участию в конкурсе"),
    )
    RESERVE_REVIEW_VIEW = "reserve.review_view", _("просмотр рассмотрения резерва")
    RESERVE_EFFICIENCY_VIEW = (
        "reserve.efficiency_view",
        _("просмотр эффективности работы с резервом"),
    )
    EXPORT_EFFICIENCY = "export.efficiency", _("выгрузка эффективности работы с резервом (XLSX)")
    BODY_DOCUMENT_LANGUAGES = "body.document_languages", _("изменение языка документов органа")
    DEMO_SEED = "demo.seed", _("загрузка демонстрационных данных")
    NOTIFICATION_SEND = "notification.send", _("отправка уведомления по электронной почте")
    NOTIFICATION_FAIL = "notification.fail", _("уведомление не доставлено")
    MESSAGE_TEMPLATE_UPDATE = "message_template.update", _("изменение текста сообщения")
    QUESTION_BANK_SAVE = "question_bank.save", _("банк вопросов теста")
    QUESTION_SAVE = "question.save", _("вопрос теста")
    QUESTION_IMPORT = "question.import", _("загрузка вопросов теста")
    TEST_SESSION_CREATE = "test_session.create", _("назначение тестирования")
    ATTEMPT_START = "attempt.start", _("начало тестирования кандидатом")
    ATTEMPT_CLOSE = "attempt.close", _("завершение тестирования")
    RETENTION_DESTROY = "retention.destroy", _("уничтожение документов по истечении срока хранения")
    RETENTION_ACT_VIEW = "retention.act_view", _("просмотр акта об уничтожении документов")
    DOCUMENTS_RETURN = "documents.return", _("возврат документов кандидату")


ACTIONS: frozenset[str] = frozenset(Action.values)


def action_title(action: str) -> Any:
    """The title of a recorded action (an action no longer listed keeps its code)."""
    return Action(action).label if action in ACTIONS else action


def check_action(action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(f"audit action {action!r} is not in selection.audit.Action")
    return action


# The names of recorded values that are the application's own (not the regulation's), by the
# titles the audit log shows them under.
CHANGE_KEYS: dict[str, Any] = {
    "announcement": _("дата объявления"),
    "commission": _("комиссия"),
    "stage": _("этап"),
    "outcomes": _("итоги"),
    "reason": _("основание"),
    "status": _("статус"),
    "before": _("было"),
    "after": _("стало"),
    "date": _("дата"),
    "votes": _("голоса"),
    "question": _("вопрос"),
    "application": _("заявление"),
    "present": _("присутствовали"),
    "supersedes": _("заменяет решение"),
    "superseded_by": _("заменено решением"),
    "rows": _("строк"),
    "method": _("метод оценки"),
    "points": _("баллы"),
    "kind": _("вид"),
    "fields": _("поля"),
    "role": _("роль"),
    "code": _("шифр"),
    "notice": _("уведомление"),
    "issued_on": _("дата направления"),
    "number": _("номер"),
    "version": _("редакция"),
    "file": _("файл"),
    "effective_from": _("вступает в силу с"),
    "member": _("член комиссии"),
    "deleted_ballots": _("удалённые бюллетени"),
    "time": _("время"),
    "place": _("место"),
    "doc_type": _("вид документа"),
    "document": _("документ"),
    "replaces": _("заменяет документ"),
    "previous_issued_on": _("прежняя дата направления"),
    "documents": _("документы"),
    "route": _("порядок участия"),
    "created": _("создано"),
    "correct": _("правильных ответов"),
    "questions": _("вопросов"),
    "passed": _("пройдено"),
    "form": _("форма"),
    "format": _("формат"),
    "body": _("орган"),
    "user": _("пользователь"),
    "value": _("значение"),
    "questionnaire": _("анкета"),
    "fact": _("сведение"),
    "from": _("прежнее значение"),
    "to": _("новое значение"),
    "via": _("способ"),
    "today": _("дата"),
    "campaigns": _("кампаний"),
    "counts": _("количество"),
    "dry_run": _("пробная загрузка"),
    "person_fields": _("поля анкеты"),
    "problems": _("ошибки"),
    "reserve_entries_ended": _("исключено из резерва"),
    "engine_refusals": _("основания отказа по регламенту"),
    "override_reason": _("обоснование решения"),
    "import": _("загрузка из файла"),
    "ground": _("основание исключения"),
    "amendment": _("изменение объявления"),
    "basis": _("приказ, протокол"),
    "entries": _("записи резерва"),
    "filters": _("отбор"),
    "retention": _("срок хранения"),
    "applications": _("заявлений"),
    "files": _("файлов"),
    "returned_on": _("дата возврата"),
    "included_on": _("дата включения"),
    "until": _("срок до"),
    "excluded_on": _("дата исключения"),
    "re_inclusion_from": _("повторное включение возможно с"),
    "confirmed": _("подтверждено"),
    "rules": _("правила"),
    "employer": _("место работы"),
    "post": _("должность"),
    "since": _("работает с"),
    "channel": _("канал"),
    "attempts": _("попыток"),
    "message": _("вид сообщения"),
    "language": _("язык"),
    "sha256": _("контрольная сумма"),
    "deadline": _("срок окончания"),
    "closed_by": _("завершено"),
    "answered": _("отвечено"),
    "topic": _("тема"),
    "keep": _("оставлен в резерве"),
    "notified": _("уведомлены"),
    "due": _("срок"),
    "late": _("с нарушением срока"),
    "excluded": _("исключены"),
    "entry": _("член резерва"),
    "review": _("рассмотрение резерва"),
    "blueprint": _("структура теста"),
    "result_error": _("результат не записан"),
}

# The titles of the forms of documents (``form`` in a download's record), filled in by the
# documents app as it registers its forms (selection does not import its interfaces).
FORM_TITLES: dict[str, str] = {}
