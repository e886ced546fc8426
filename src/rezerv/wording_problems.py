"""The engine's problems with its input worded: a code with params (``rezerv.engine.errors``:
a regulation file or a case the engine refuses) as a sentence in the user's language.

Pure Python, no Django, like ``rezerv.wording``: Russian by default (the msgids are the Russian
sentences themselves); the web pages pass Django's ``gettext`` for the active language.  The
identifiers a file names (a stage, an event, a fact) are data and are put in as they are.  The
command line keeps printing the engine's English ``reason`` (its contract and its tests).

``located`` puts the place first, as the upload page shows it: «Строка 12, поле stages[2].methods:
ссылка на несуществующий метод оценки «interview»».
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rezerv.engine.errors import InputError, Issue, Problem
from rezerv.wording import Translate, russian

__all__ = ["CODES", "PYDANTIC_CODES", "located", "problem", "problems"]

_M = Callable[[Translate], str]

# The kinds of things a file names (``unknown_reference``'s and ``undeclared``'s ``kind``).
_KINDS: dict[str, _M] = {
    "event": lambda _: _("событие"),
    "stage": lambda _: _("этап"),
    "method": lambda _: _("метод оценки"),
    "commission": lambda _: _("комиссия"),
    "document": lambda _: _("документ"),
    "scale": lambda _: _("шкала"),
    "deadline": lambda _: _("срок"),
    "score_sheet": lambda _: _("оценочный лист"),
    "ground": lambda _: _("основание исключения"),
    "entry_route": lambda _: _("порядок участия"),
    "commission_rule": lambda _: _("правило комиссии"),
    "candidate": lambda _: _("кандидат"),
    "meeting": lambda _: _("заседание"),
    "outcome": lambda _: _("итог"),
    "vote_question": lambda _: _("вопрос голосования"),
    "consent": lambda _: _("согласие"),
}

# The kinds of ids a layout's role takes (``form_role_wrong_id``'s ``kind``).
_FORM_KINDS: dict[str, _M] = {
    "stage": lambda _: _("этап"),
    "outcome": lambda _: _("итог"),
    "method": lambda _: _("метод оценки"),
    "question": lambda _: _("вопрос голосования"),
    "fact": lambda _: _("сведение"),
    "choice": lambda _: _("вариант сведения"),
    "event": lambda _: _("событие"),
    "commission": lambda _: _("комиссия"),
    "sheet": lambda _: _("оценочный лист"),
    "criterion": lambda _: _("критерий"),
    "route": lambda _: _("порядок участия"),
    "document": lambda _: _("документ"),
    "level": lambda _: _("уровень резерва"),
}

# The shapes of a role's value (``form_role_shape``'s ``shape``).
_SHAPES: dict[str, _M] = {
    "one": lambda _: _("один идентификатор"),
    "many": lambda _: _("список идентификаторов"),
    "map": lambda _: _("словарь «идентификатор: текст»"),
}

# The types of a fact (``facts[].type``).
_TYPES: dict[str, _M] = {
    "bool": lambda _: _("да/нет (true/false)"),
    "date": lambda _: _("дата (ГГГГ-ММ-ДД)"),
    "number": lambda _: _("число"),
    "text": lambda _: _("текст"),
    "choice": lambda _: _("один вариант из списка"),
    "choices": lambda _: _("список вариантов"),
}

# The codes whose ``type`` is a fact's type worded (elsewhere it is the file's own word).
_TYPED = frozenset(
    {
        "value_never_equals",
        "needs_date_fact",
        "scale_needs_choice",
        "order_needs_number",
        "fact_wrong_type",
    }
)

# What names a fact (``fact_wrong_type``'s ``use``: ``engine.factrefs.USES``).
_USES: dict[str, _M] = {
    "change_limit": lambda _: _("ограничение изменений"),
    "band_criterion": lambda _: _("критерий по диапазонам (band)"),
    "fact_value_criterion": lambda _: _("критерий по значению сведения (fact_value)"),
    "options_criterion_one": lambda _: _("критерий с выбором одного варианта"),
    "options_criterion_many": lambda _: _("критерий с выбором нескольких вариантов"),
    "test_window": lambda _: _("срок тестирования"),
    "commission_scope": lambda _: _("территория комиссии"),
    "uniqueness": lambda _: _("проверка повторной регистрации"),
    "separate_rating": lambda _: _("отдельный рейтинг"),
    "minimum_per_fact": lambda _: _("минимум кандидатов по сведению"),
    "tie_break": lambda _: _("правило при равенстве баллов"),
    "limit_per_fact": lambda _: _("лимит по сведению"),
    "exclusion_fact": lambda _: _("сведение об основании исключения"),
    "reserve_list": lambda _: _("список резерва"),
}

# A fact's refused value in a case (``fact_value``'s ``problem``: ``engine.facts.FactProblem``).
_FACT_PROBLEMS: dict[str, _M] = {
    "not_declared": lambda _: _("сведение «%(fact)s» не объявлено в регламенте"),
    "engine_fact": lambda _: _("сведение «%(fact)s» вычисляет система; его нельзя указать"),
    "missing_required": lambda _: _("обязательное сведение «%(fact)s» не указано"),
    "wrong_type": lambda _: _("сведение «%(fact)s»: значение неверного типа"),
    "unknown_option": lambda _: _(
        "сведение «%(fact)s»: «%(option)s» — не вариант из списка (%(options)s)"
    ),
    "duplicate_option": lambda _: _("сведение «%(fact)s»: вариант «%(option)s» указан дважды"),
    "bad_date": lambda _: _("сведение «%(fact)s»: «%(got)s» — не дата ГГГГ-ММ-ДД"),
    "not_finite": lambda _: _("сведение «%(fact)s»: «%(got)s» — не число"),
}

# What the YAML parser found (``malformed_yaml``'s ``problem``, PyYAML's English): the common ones.
_YAML: list[tuple[str, _M]] = [
    ("mapping values are not allowed", lambda _: _("здесь не может стоять «:»")),
    ("could not find expected ':'", lambda _: _("не найдено ожидаемое «:»")),
    (
        "found character '\\t' that cannot start any token",
        lambda _: _("символ табуляции недопустим: отступы делаются пробелами"),
    ),
    (
        "found character",
        lambda _: _(
            "с этого символа не может начинаться значение (отступы делаются пробелами, не "
            "табуляцией)"
        ),
    ),
    ("did not find expected node content", lambda _: _("не найдено ожидаемое значение")),
    ("did not find expected key", lambda _: _("не найден ожидаемый ключ (проверьте отступы)")),
    ("did not find expected '-' indicator", lambda _: _("не найден ожидаемый элемент списка «-»")),
    ("expected <block end>", lambda _: _("нарушены отступы")),
    (
        "found unexpected end of stream",
        lambda _: _("файл закончился раньше, чем закрыта кавычка или скобка"),
    ),
    ("found undefined alias", lambda _: _("ссылка на неопределённую метку (alias)")),
    ("did not find expected ',' or ']'", lambda _: _("ожидается «,» или «]»")),
    ("expected ',' or ']'", lambda _: _("ожидается «,» или «]»")),
    ("did not find expected ',' or '}'", lambda _: _("ожидается «,» или «}»")),
    ("expected ',' or '}'", lambda _: _("ожидается «,» или «}»")),
]

# A problem with a date and the production calendar, with the event or deadline it concerns.
_CALENDAR = (
    "calendar_error",
    "unknown_calendar_country",
    "conflicting_overrides",
    "date_outside_calendar",
    "year_outside_calendar",
    "days_outside_calendar",
)

# code → the sentence, through the given gettext (``_``); params fill its %(name)s.
_MESSAGES: dict[str, _M] = {
    # reading the file
    "file_unreadable": lambda _: _("файл не удалось прочитать"),
    "not_utf8": lambda _: _("файл должен быть текстом в кодировке UTF-8"),
    "malformed_yaml": lambda _: _("ошибка в записи YAML"),
    "malformed_json": lambda _: _("ошибка в записи JSON"),
    "not_a_mapping": lambda _: _("регламент должен быть записан как словарь YAML (поле: значение)"),
    # the schema: fields
    "unknown_field": lambda _: _("неизвестное поле"),
    "missing_field": lambda _: _("обязательное поле не заполнено"),
    # cross-references
    "duplicate_id": lambda _: _("идентификатор «%(id)s» повторяется"),
    "unknown_ground": lambda _: _("«%(id)s» не входит в основания исключения из резерва"),
    "work_needs_format": lambda _: _("для письменной работы нужен хотя бы один формат"),
    "unknown_reference": lambda _: _("ссылка на несуществующий объект «%(id)s» (%(kind)s)"),
    "undeclared": lambda _: _("«%(id)s» (%(kind)s) не объявлен в разделе %(section)s"),
    "no_default_route": lambda _: _("среди порядков участия нужен порядок с id «default»"),
    "not_a_scale_value": lambda _: _("«%(value)s» — не значение шкалы «%(scale)s»"),
    "min_above_max": lambda _: _("минимум больше максимума"),
    "method_not_of_stage": lambda _: _("метод «%(method)s» не входит в методы этапа"),
    "not_an_earlier_stage": lambda _: _("«%(stage)s» — не предшествующий этап"),
    "method_has_no_sheet": lambda _: _("у метода нет оценочного листа"),
    "not_a_criterion": lambda _: _("«%(criterion)s» — не критерий оценочного листа «%(sheet)s»"),
    "vote_needs_vote_decision": lambda _: _(
        "голосование по итогу возможно, только если решение этапа принимается голосованием "
        "(decision: vote)"
    ),
    "vote_decision_needs_commission": lambda _: _("решение голосованием требует комиссии этапа"),
    "tie_vote_needs_commission": lambda _: _(
        "голосование при равенстве показателей требует комиссии этапа"
    ),
    "tie_vote_needs_limit": lambda _: _(
        "голосование при равенстве показателей требует итога с лимитом мест"
    ),
    "second_publication_event": lambda _: _(
        "событием публикации может быть только одно событие; им уже является «%(event)s»"
    ),
    # facts named by the file
    "candidate_fact_in_method_set": lambda _: _(
        "наборы методов читают сведения о должности; «%(fact)s» — сведение о кандидате"
    ),
    "position_fact_outside_method_set": lambda _: _(
        "«%(fact)s» — сведение о должности (source: position); его читают только наборы методов"
    ),
    "fact_not_declared": lambda _: _(
        "сведение «%(fact)s» не объявлено в регламенте (раздел facts)"
    ),
    "not_an_option": lambda _: _(
        "«%(value)s» — не вариант сведения «%(fact)s» (варианты: %(options)s)"
    ),
    "value_never_equals": lambda _: _(
        "сведение «%(fact)s» имеет тип «%(type)s»; значение «%(value)s» ему никогда не равно"
    ),
    "needs_date_fact": lambda _: _(
        "%(field)s требует сведения-даты; «%(fact)s» имеет тип «%(type)s»"
    ),
    "scale_needs_choice": lambda _: _(
        "шкала упорядочивает варианты; «%(fact)s» имеет тип «%(type)s»"
    ),
    "option_not_in_scale": lambda _: _(
        "вариант «%(option)s» сведения «%(fact)s» не входит в шкалу «%(scale)s»"
    ),
    "choices_fact_compared": lambda _: _(
        "«%(fact)s» — список вариантов; условие может проверять только present или absent"
    ),
    "order_needs_number": lambda _: _(
        "%(op)s сравнивает числа; сведение «%(fact)s» имеет тип «%(type)s»"
    ),
    "date_fact_compared": lambda _: _(
        "«%(fact)s» — дата: сравнивайте её через age_at или elapsed_at"
    ),
    "engine_fact_declared": lambda _: _("сведение «%(fact)s» вычисляет система; не объявляйте его"),
    "engine_fact_limited": lambda _: _("сведение «%(fact)s» вычисляет система"),
    "fact_wrong_type": lambda _: _(
        "%(use)s: нужно сведение типа «%(wanted)s»; «%(fact)s» имеет тип «%(type)s»"
    ),
    "option_without_points": lambda _: _(
        "для варианта «%(option)s» сведения «%(fact)s» не указаны баллы (укажите points: 0, "
        "если он не даёт баллов)"
    ),
    "retention_without_term": lambda _: _(
        "срок хранения «%(id)s»: чтобы уничтожать документы, укажите срок (term)"
    ),
    "option_not_a_ground": lambda _: _(
        "вариант «%(option)s» сведения «%(fact)s» не является основанием исключения"
    ),
    "option_not_a_level": lambda _: _(
        "вариант «%(option)s» сведения «%(fact)s» не является уровнем резерва"
    ),
    # the schema's own rules
    "not_a_rule_id": lambda _: _("«%(id)s» — не идентификатор правила вида KM-19, TP-3 или OR-5"),
    "op_needs_value": lambda _: _("оператору %(op)s нужно значение (value)"),
    "op_needs_list": lambda _: _("оператору %(op)s нужен список значений"),
    "elapsed_at_combined": lambda _: _("elapsed_at не сочетается с age_at и scale"),
    "op_not_for_elapsed": lambda _: _("оператор %(op)s не сравнивает истёкший срок"),
    "elapsed_at_needs_term": lambda _: _(
        "elapsed_at сравнивается со сроком: value {years: …, months: …, days: …}"
    ),
    "empty_term": lambda _: _("в сроке нужны годы, месяцы или дни"),
    "unknown_country": lambda _: _(
        "«%(country)s» — не код страны производственного календаря (известны: %(known)s)"
    ),
    "deadline_form": lambda _: _(
        "срок задаётся ровно одним способом: after/before с днями, fixed или annual"
    ),
    "deadline_after_and_before": lambda _: _(
        "срок отсчитывается либо после (after), либо до (before)"
    ),
    "deadline_needs_term": lambda _: _("срок от события требует days или months"),
    "deadline_anchor_without_annual": lambda _: _(
        "событие-якорь (anchor) указывается только у ежегодного срока (annual)"
    ),
    "not_a_month_day": lambda _: _("«%(value)s» — не дата вида ММ-ДД"),
    "bad_fact_wording": lambda _: _(
        "формулировка называет значение один раз как {value} и не содержит других фигурных скобок"
    ),
    "fact_needs_choices": lambda _: _("сведению типа %(type)s нужны варианты (choices)"),
    "option_twice": lambda _: _("вариант «%(option)s» указан дважды"),
    "fact_takes_no_choices": lambda _: _("у сведения типа %(type)s не бывает вариантов (choices)"),
    "bad_choices_from": lambda _: _(
        "список из записей (choices_from) бывает только у текстового сведения, которое "
        "указывается в заявлении (type: text, source: application)"
    ),
    "reserved_criterion_id": lambda _: _(
        "идентификатор «%(id)s» занят строкой бюллетеня; назовите критерий иначе"
    ),
    "criterion_needs": lambda _: _("критерию вида %(kind)s нужны поля: %(fields)s"),
    "max_below_min": lambda _: _("максимум (max) меньше минимума (min)"),
    "method_needs": lambda _: _("методу вида %(kind)s нужны поля: %(fields)s"),
    "scaled_test_needs_max_points": lambda _: _(
        "тесту с пересчётом баллов (scaled) нужен max_points"
    ),
    "limit_form": lambda _: _("лимит задаётся ровно одним из полей n и from_case"),
    "tie_break_form": lambda _: _(
        "правило при равенстве баллов называет ровно одно: fact, method или stage"
    ),
    "tie_break_criterion_needs_method": lambda _: _(
        "правилу при равенстве по критерию (criterion) нужен его метод (method)"
    ),
    "intake_needs_closes": lambda _: _(
        "этапу приёма документов нужно событие окончания приёма (closes)"
    ),
    "answer_twice": lambda _: _("вариант ответа указан дважды"),
    "answers_need_for_against": lambda _: _("варианты ответа должны включать for и against"),
    "empty_clause": lambda _: _("пункт регламента для %(rule)s не заполнен"),
    "text_form": lambda _: _("текст задаётся строкой или словарём языков, например {ru: …, kk: …}"),
    "text_unknown_language": lambda _: _(
        "«%(key)s» — не язык текстов регламента (допустимы: %(known)s)"
    ),
    "text_empty_translation": lambda _: _("текст на языке «%(key)s» пуст"),
    "text_lacks_own_language": lambda _: _(
        "в словаре нет текста на языке самого регламента («%(language)s»)"
    ),
    # entered points and results
    "criterion_expects_option": lambda _: _("критерий «%(criterion)s»: нужен вариант из списка"),
    "criterion_one_option": lambda _: _(
        "критерий «%(criterion)s»: можно выбрать только один вариант"
    ),
    "criterion_unknown_option": lambda _: _(
        "критерий «%(criterion)s»: неизвестный вариант «%(option)s»"
    ),
    "criterion_expects_number": lambda _: _("критерий «%(criterion)s»: нужно число"),
    "criterion_not_finite": lambda _: _("критерий «%(criterion)s»: «%(got)s» — не число"),
    "criterion_out_of_range": lambda _: _(
        "критерий «%(criterion)s»: %(value)s вне диапазона %(min)s–%(max)s"
    ),
    "criterion_step": lambda _: _("критерий «%(criterion)s»: %(value)s не кратно %(step)s"),
    "criterion_not_whole": lambda _: _(
        "критерий «%(criterion)s»: %(value)s — не целое число баллов"
    ),
    "points_per_criterion": lambda _: _(
        "в оценочном листе «%(sheet)s» несколько критериев (%(criteria)s): укажите баллы по каждому"
    ),
    "criterion_derived": lambda _: _(
        "баллы по критерию «%(criterion)s» вычисляет система; их нельзя ввести"
    ),
    "unknown_criterion": lambda _: _(
        "неизвестный критерий «%(criterion)s» оценочного листа «%(sheet)s»"
    ),
    "no_test_key": lambda _: _("ответы указаны, но ключа к тесту «%(method)s» нет"),
    "answers_count": lambda _: _("ответов %(answers)s, а вопросов в тесте %(questions)s"),
    "test_result_form": lambda _: _("результату теста нужны correct и questions либо answers"),
    "correct_out_of_range": lambda _: _(
        "правильных ответов (%(correct)s) должно быть от 0 до числа вопросов"
    ),
    "test_questions_count": lambda _: _(
        "в тесте %(questions)s вопросов; для «%(method)s» нужно от %(min)s до %(max)s"
    ),
    "pass_fail_needs_passed": lambda _: _("результату «сдал/не сдал» нужно поле passed"),
    "single_needs_points": lambda _: _("результату с одной оценкой нужны баллы (points)"),
    "method_takes_no_results": lambda _: _("для метода «%(method)s» результаты не вносятся"),
    # the case (a campaign's data)
    "position_fact_twice": lambda _: _("сведение «%(fact)s» о должности указано дважды"),
    "case_for_other_regulation": lambda _: _(
        "данные относятся к регламенту «%(case)s», а не «%(regulation)s»"
    ),
    "no_change_limit": lambda _: _("для сведения «%(fact)s» не установлено ограничение изменений"),
    "member_twice": lambda _: _("член комиссии указан дважды"),
    "method_not_ballot": lambda _: _("метод «%(method)s» не оценивается бюллетенями"),
    "not_a_stage_member": lambda _: _("«%(member)s» не входит в комиссию этапа «%(stage)s»"),
    "second_ballot": lambda _: _(
        "второй бюллетень члена комиссии «%(member)s» по методу «%(method)s»"
    ),
    "commission_not_in_stage": lambda _: _(
        "комиссия «%(commission)s» не работает на этапе «%(stage)s»"
    ),
    "not_a_member": lambda _: _("«%(member)s» не входит в комиссию «%(commission)s»"),
    "not_present": lambda _: _("«%(member)s» не присутствовал на заседании «%(meeting)s»"),
    "voted_twice": lambda _: _("член комиссии «%(member)s» проголосовал по вопросу дважды"),
    "not_a_stage_method": lambda _: _("«%(method)s» — не метод этапа «%(stage)s»"),
    "recused": lambda _: _(
        "член комиссии «%(member)s» заявил конфликт интересов по кандидату «%(candidate)s»"
    ),
    "unknown_notice": lambda _: _("неизвестное уведомление «%(id)s» (уведомления: %(notices)s)"),
    "notice_twice": lambda _: _("уведомление «%(id)s» записано дважды"),
    "event_needed": lambda _: _("нужна дата события «%(event)s»"),
    "unknown_exclusion_ground": lambda _: _(
        "неизвестное основание исключения «%(ground)s» (основания: %(grounds)s)"
    ),
    "no_method_set": lambda _: _(
        "ни один набор методов этапа «%(stage)s» не подходит к сведениям о должности"
    ),
    # the production calendar
    "calendar_error": lambda _: _("дату нельзя определить по производственному календарю"),
    "unknown_calendar_country": lambda _: _(
        "для страны «%(country)s» нет производственного календаря (есть: %(known)s)"
    ),
    "conflicting_overrides": lambda _: _("день %(date)s одновременно объявлен рабочим и выходным"),
    "date_outside_calendar": lambda _: _(
        "дата %(date)s вне производственного календаря %(country)s (%(start)s–%(end)s)"
    ),
    "year_outside_calendar": lambda _: _(
        "год %(year)s вне производственного календаря %(country)s (%(start)s–%(end)s)"
    ),
    "days_outside_calendar": lambda _: _(
        "дата %(date)s плюс %(days)s дн. выходит за производственный календарь %(country)s "
        "(%(start)s–%(end)s)"
    ),
    # the layouts of documents (``forms:``, checked by ``rezerv.documents.binding``)
    "form_layout_unknown": lambda _: _("нет формы документа «%(layout)s»"),
    "form_layout_twice": lambda _: _("форма документа «%(layout)s» указана второй раз"),
    "form_role_unknown": lambda _: _("у форм документов %(layouts)s нет роли «%(role)s»"),
    "form_role_missing": lambda _: _(
        "для формы документа «%(layout)s» не задано значение роли «%(role)s»"
    ),
    "form_role_shape": lambda _: _("роль «%(role)s» принимает %(shape)s"),
    "form_role_wrong_id": lambda _: _(
        "роль «%(role)s» принимает идентификатор вида «%(kind)s»; «%(id)s» в регламенте "
        "не объявлен как таковой"
    ),
    "form_role_text": lambda _: _(
        "роль «%(role)s»: для «%(id)s» нужен непустой текст (строк: %(count)s)"
    ),
    # the command line's options
    "event_option_form": lambda _: _("нужно ИМЯ=ГГГГ-ММ-ДД"),
    "not_a_date": lambda _: _("«%(value)s» — не дата ГГГГ-ММ-ДД"),
    "unknown_event_option": lambda _: _("неизвестное событие (события: %(events)s)"),
}

# pydantic's own error types (``pydantic.<type>``), worded by their family; any other type is
# «недопустимое значение».
_EXPECTED: dict[str, _M] = {
    "string": lambda _: _("ожидается строка"),
    "int": lambda _: _("ожидается целое число"),
    "number": lambda _: _("ожидается число"),
    "bool": lambda _: _("ожидается да/нет (true/false)"),
    "list": lambda _: _("ожидается список"),
    "dict": lambda _: _("ожидается словарь (поле: значение)"),
    "date": lambda _: _("ожидается дата ГГГГ-ММ-ДД"),
    "datetime": lambda _: _("ожидаются дата и время"),
    "time": lambda _: _("ожидается время ЧЧ:ММ"),
}
_FAMILIES = {
    "string": ("string_type", "string_unicode", "string_sub_type"),
    "int": ("int_type", "int_parsing", "int_parsing_size", "int_from_float"),
    "number": ("float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"),
    "bool": ("bool_type", "bool_parsing"),
    "list": ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"),
    "dict": ("dict_type", "model_type", "model_attributes_type", "dataclass_type", "mapping_type"),
    "date": (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ),
    "datetime": ("datetime_type", "datetime_parsing", "datetime_object_invalid"),
    "time": ("time_type", "time_parsing"),
}
_PYDANTIC: dict[str, _M] = {
    **{t: _EXPECTED[family] for family, types in _FAMILIES.items() for t in types},
    "literal_error": lambda _: _("недопустимое значение «%(input)s»; допустимые: %(expected)s"),
    "enum": lambda _: _("недопустимое значение «%(input)s»; допустимые: %(expected)s"),
    "string_pattern_mismatch": lambda _: _("значение не соответствует образцу %(pattern)s"),
    "string_too_short": lambda _: _("строка короче %(min_length)s симв."),
    "string_too_long": lambda _: _("строка длиннее %(max_length)s симв."),
    "too_short": lambda _: _("слишком мало элементов: нужно не менее %(min_length)s"),
    "too_long": lambda _: _("слишком много элементов: допускается не более %(max_length)s"),
    "greater_than": lambda _: _("значение должно быть больше %(gt)s"),
    "greater_than_equal": lambda _: _("значение должно быть не меньше %(ge)s"),
    "less_than": lambda _: _("значение должно быть меньше %(lt)s"),
    "less_than_equal": lambda _: _("значение должно быть не больше %(le)s"),
    "multiple_of": lambda _: _("значение должно быть кратно %(multiple_of)s"),
    "decimal_max_digits": lambda _: _("в числе больше %(max_digits)s цифр"),
    "decimal_max_places": lambda _: _("в числе больше %(decimal_places)s знаков после запятой"),
    "decimal_whole_digits": lambda _: _("в целой части числа больше %(whole_digits)s цифр"),
    "union_tag_invalid": lambda _: _(
        "недопустимое значение «%(tag)s» поля %(discriminator)s; допустимые: %(expected_tags)s"
    ),
    "union_tag_not_found": lambda _: _("не указано поле %(discriminator)s"),
    "none_required": lambda _: _("значение должно быть пустым (null)"),
}
_INVALID: _M = lambda _: _("недопустимое значение")  # noqa: E731

# Every code worded here: those of the tables, any ``pydantic.<type>``, and ``fact_value``.
CODES = frozenset(_MESSAGES) | {"fact_value"}
PYDANTIC_CODES = frozenset(_PYDANTIC)


class _Params(dict[str, Any]):
    """The params as the sentences put them in: a list joined, a missing one empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _params(code: str, params: Mapping[str, Any], _: Translate) -> _Params:
    out = _Params()
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            out[key] = ", ".join(str(v) for v in value)
        elif isinstance(value, Mapping):
            out[key] = ", ".join(f"{k} {v}" for k, v in value.items())
        elif value is None:
            out[key] = ""
        else:
            out[key] = value
    kind = params.get("kind")
    if code in ("unknown_reference", "undeclared") and isinstance(kind, str) and kind in _KINDS:
        out["kind"] = _KINDS[kind](_)
    if code == "form_role_wrong_id" and isinstance(kind, str) and kind in _FORM_KINDS:
        out["kind"] = _FORM_KINDS[kind](_)
    shape = params.get("shape")
    if code == "form_role_shape" and isinstance(shape, str) and shape in _SHAPES:
        out["shape"] = _SHAPES[shape](_)
    value = params.get("type")
    if code in _TYPED and isinstance(value, str) and value in _TYPES:
        out["type"] = _TYPES[value](_)
    wanted = params.get("wanted")
    if isinstance(wanted, (list, tuple)):
        out["wanted"] = _(" или ").join(_TYPES[w](_) if w in _TYPES else str(w) for w in wanted)
    use = params.get("use")
    if isinstance(use, str) and use in _USES:
        out["use"] = _USES[use](_)
    return out


def _code_params(data: Problem | Issue | Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if isinstance(data, (Problem, Issue)):
        return data.code, data.params
    return str(data.get("code") or ""), data.get("params") or {}


# The params that carry an identifier of the regulation (a campaign's data worded for its users
# replaces each by its title, see ``names``).
_ID_PARAMS = ("event", "deadline", "stage", "method", "fact", "outcome", "route", "question")


def problem(
    data: Problem | Issue | Mapping[str, Any],
    gettext: Translate = russian,
    names: Mapping[str, Any] | None = None,
) -> str:
    """The problem as a sentence (lower-case, no full stop, without its place).

    ``names`` (identifier → title, e.g. ``selection.vocabulary.titles``): the identifiers the
    params carry are put in by their titles, for the users of a campaign rather than the
    authors of a file (issue 9 §3)."""
    code, raw = _code_params(data)
    if names:
        raw = {
            k: (str(names[v]) if k in _ID_PARAMS and isinstance(v, str) and v in names else v)
            for k, v in raw.items()
        }
    _ = gettext
    values = _params(code, raw, _)
    if code == "malformed_yaml":
        found = str(raw.get("problem") or "")
        for start, word in _YAML:
            if found.startswith(start):
                return _("ошибка в записи YAML: %(detail)s") % {"detail": word(_)}
    if code == "fact_value":
        sub = _FACT_PROBLEMS.get(str(raw.get("problem")))
        return (sub or _INVALID)(_) % values
    if code.startswith("pydantic."):
        return _PYDANTIC.get(code[len("pydantic.") :], _INVALID)(_) % values
    template = _MESSAGES.get(code)
    if template is None:
        return _INVALID(_) % values
    text = template(_) % values
    if code in _CALENDAR:
        if raw.get("event"):
            return _("событие «%(event)s»: %(problem)s") % {"event": raw["event"], "problem": text}
        if raw.get("deadline"):
            return _("срок «%(deadline)s»: %(problem)s") % {
                "deadline": raw["deadline"],
                "problem": text,
            }
    return text


def located(data: Problem, gettext: Translate = russian) -> str:
    """«Строка 12, поле stages[2].methods: …» — the place in the file, then the problem."""
    reason = problem(data, gettext)
    place = []
    if data.line is not None:
        place.append(gettext("Строка %(line)s") % {"line": data.line})
    if data.path:
        place.append(gettext("поле %(path)s") % {"path": data.path})
    if not place:
        return reason[:1].upper() + reason[1:]
    return f"{', '.join(place)}: {reason}"


def problems(
    error: InputError | Iterable[Problem],
    gettext: Translate = russian,
    *,
    sep: str = "; ",
    names: Mapping[str, Any] | None = None,
) -> str:
    """Every problem of a refused input, each at its place, joined.

    With ``names`` (a campaign's data refused, worded for its users): no place in the case's
    structure, and the identifiers by their titles (see ``problem``)."""
    items = error.problems if isinstance(error, InputError) else list(error)
    if names is not None:
        worded = (problem(p, gettext, names) for p in items)
        return sep.join(w[:1].upper() + w[1:] for w in worded)
    return sep.join(located(p, gettext) for p in items)
