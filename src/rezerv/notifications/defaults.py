"""The shipped texts of the messages, per kind and language (Russian, Kazakh, English), and the
variables each kind offers its text.  An administrator replaces a text (``MessageTemplate``) for
every regulation or for one; a kind without a text of its own uses these.

The texts are Django templates rendered as plain text (no HTML escaping)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    title: Promise
    variables: tuple[str, ...]
    texts: dict[str, tuple[str, str]]  # language -> (subject, body)


REFUSED = "application.refused"
ADMITTED = "application.admitted"
RESULTS = "decision.results"
PASSWORD_RESET = "account.password_reset"
INVITATION = "notice.invitation"
MATERIALS = "notice.materials"
RESERVE_INCLUDED = "reserve.included"
TERM_ENDING = "reserve.term_ending"
COMPETITION_INVITATION = "reserve.competition_invitation"
DEADLINE_SOON = "deadline.soon"
DEADLINE_MISSED = "deadline.missed"
EMAIL_CONFIRM = "account.email_confirm"
FIX_SUPPLIED = "application.fix_supplied"
PLAN_ITEM_DUE = "reserve.plan_item_due"
TEST_OPENS = "test.window_opens"
TEST_CLOSES = "test.window_closes"

KINDS: dict[str, Kind] = {
    REFUSED: Kind(
        _("Отказ в допуске к участию (с причинами и правом на обжалование)"),
        ("name", "campaign", "refusal_text", "link"),
        {
            "ru": (
                "Отказ в допуске к участию: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "По Вашему заявлению на участие в отборе «{{ campaign }}» принято решение "
                "об отказе в допуске.\n\n{{ refusal_text }}\n\n"
                "Вы вправе обжаловать это решение в порядке, установленном законодательством.\n"
                "Заявление в личном кабинете: {{ link }}\n",
            ),
            "kk": (
                "Қатысуға жіберуден бас тарту: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуіне қатысу туралы өтінішіңіз бойынша қатысуға "
                "жіберуден бас тарту туралы шешім қабылданды.\n\n{{ refusal_text }}\n\n"
                "Сіз бұл шешімге заңнамада белгіленген тәртіппен шағымдануға құқылысыз.\n"
                "Жеке кабинеттегі өтініш: {{ link }}\n",
            ),
            "en": (
                "Not admitted: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "Your application to «{{ campaign }}» has not been admitted.\n\n"
                "{{ refusal_text }}\n\n"
                "You have the right to appeal this decision as the law provides.\n"
                "Your application: {{ link }}\n",
            ),
        },
    ),
    ADMITTED: Kind(
        _("Допуск к участию"),
        ("name", "campaign", "link"),
        {
            "ru": (
                "Вы допущены к участию: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Вы допущены к участию в отборе «{{ campaign }}». О дате, месте и времени "
                "следующего этапа Вам сообщат дополнительно.\n"
                "Заявление в личном кабинете: {{ link }}\n",
            ),
            "kk": (
                "Сіз қатысуға жіберілдіңіз: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "Сіз «{{ campaign }}» іріктеуіне қатысуға жіберілдіңіз. Келесі кезеңнің күні, "
                "орны және уақыты туралы сізге қосымша хабарланады.\n"
                "Жеке кабинеттегі өтініш: {{ link }}\n",
            ),
            "en": (
                "You are admitted: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "You are admitted to «{{ campaign }}». You will be told the date, place and "
                "time of the next stage.\n"
                "Your application: {{ link }}\n",
            ),
        },
    ),
    RESULTS: Kind(
        _("Результаты отбора"),
        ("name", "campaign", "outcome", "link"),
        {
            "ru": (
                "Результаты отбора: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Сообщаем о результатах отбора «{{ campaign }}»: {{ outcome }}.\n\n"
                "Благодарим Вас за участие. Решение может быть обжаловано в порядке, "
                "установленном законодательством.\n"
                "Заявление в личном кабинете: {{ link }}\n",
            ),
            "kk": (
                "Іріктеу нәтижелері: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуінің нәтижелері туралы хабарлаймыз: {{ outcome }}.\n\n"
                "Қатысқаныңыз үшін рахмет. Шешімге заңнамада белгіленген тәртіппен "
                "шағымдануға болады.\n"
                "Жеке кабинеттегі өтініш: {{ link }}\n",
            ),
            "en": (
                "Results: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "The results of «{{ campaign }}» for you: {{ outcome }}.\n\n"
                "Thank you for taking part. The decision may be appealed as the law provides.\n"
                "Your application: {{ link }}\n",
            ),
        },
    ),
    PASSWORD_RESET: Kind(
        _("Восстановление пароля"),
        ("name", "link"),
        {
            "ru": (
                "Восстановление пароля",
                "Здравствуйте, {{ name }}!\n\n"
                "Кто-то (возможно, Вы) запросил смену пароля учётной записи. Чтобы задать "
                "новый пароль, откройте ссылку:\n{{ link }}\n\n"
                "Если Вы не запрашивали смену пароля, ничего не делайте: пароль останется "
                "прежним.\n",
            ),
            "kk": (
                "Құпиясөзді қалпына келтіру",
                "Сәлеметсіз бе, {{ name }}!\n\n"
                "Біреу (мүмкін, сіз) есептік жазбаның құпиясөзін өзгертуді сұрады. Жаңа "
                "құпиясөз орнату үшін сілтемені ашыңыз:\n{{ link }}\n\n"
                "Егер сіз құпиясөзді өзгертуді сұрамаған болсаңыз, ештеңе істемеңіз: құпиясөз "
                "бұрынғыдай қалады.\n",
            ),
            "en": (
                "Password reset",
                "Hello {{ name }},\n\n"
                "Someone (perhaps you) asked to change the password of your account. To set a "
                "new password, open the link:\n{{ link }}\n\n"
                "If you did not ask for it, do nothing: your password stays as it is.\n",
            ),
        },
    ),
}

EVENT_KINDS: dict[str, Kind] = {
    INVITATION: Kind(
        _("Приглашение на следующий этап: дата, место и список кандидатов"),
        ("name", "campaign", "date", "time", "place", "candidates", "link"),
        {
            "ru": (
                "Приглашение на следующий этап: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Приглашаем Вас на следующий этап отбора «{{ campaign }}».\n"
                "Дата: {{ date }}\nВремя: {{ time }}\nМесто: {{ place }}\n\n"
                "Список кандидатов, допущенных к участию:\n{{ candidates }}\n\n"
                "Заявление в личном кабинете: {{ link }}\n",
            ),
            "kk": (
                "Келесі кезеңге шақыру: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "Сізді «{{ campaign }}» іріктеуінің келесі кезеңіне шақырамыз.\n"
                "Күні: {{ date }}\nУақыты: {{ time }}\nОрны: {{ place }}\n\n"
                "Қатысуға жіберілген кандидаттардың тізімі:\n{{ candidates }}\n\n"
                "Жеке кабинеттегі өтініш: {{ link }}\n",
            ),
            "en": (
                "Invitation to the next stage: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "You are invited to the next stage of «{{ campaign }}».\n"
                "Date: {{ date }}\nTime: {{ time }}\nPlace: {{ place }}\n\n"
                "The candidates admitted:\n{{ candidates }}\n\n"
                "Your application: {{ link }}\n",
            ),
        },
    ),
    MATERIALS: Kind(
        _("Материалы кандидатов членам комиссии перед заседанием"),
        ("name", "campaign", "date", "time", "place", "count", "link"),
        {
            "ru": (
                "Материалы к заседанию комиссии: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "К заседанию комиссии по отбору «{{ campaign }}» ({{ date }}, {{ time }}, "
                "{{ place }}) Вам доступны материалы кандидатов (кандидатов: {{ count }}). "
                "Просим ознакомиться с ними до заседания:\n{{ link }}\n",
            ),
            "kk": (
                "Комиссия отырысына материалдар: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуі бойынша комиссия отырысына ({{ date }}, {{ time }}, "
                "{{ place }}) кандидаттардың материалдары қолжетімді (кандидаттар: {{ count }}). "
                "Отырысқа дейін танысып шығуыңызды сұраймыз:\n{{ link }}\n",
            ),
            "en": (
                "Materials for the commission's meeting: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "The candidates' materials for the commission's meeting on «{{ campaign }}» "
                "({{ date }}, {{ time }}, {{ place }}) are open to you (candidates: {{ count }}). "
                "Please read them before the meeting:\n{{ link }}\n",
            ),
        },
    ),
    RESERVE_INCLUDED: Kind(
        _("Включение в резерв"),
        ("name", "campaign", "since", "until", "link"),
        {
            "ru": (
                "Вы включены в резерв: {{ campaign }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "По итогам отбора «{{ campaign }}» Вы включены в резерв"
                "{% if since %} с {{ since }}{% endif %}{% if until %} по {{ until }}{% endif %}.\n"
                "Личный кабинет: {{ link }}\n",
            ),
            "kk": (
                "Сіз резервке енгізілдіңіз: {{ campaign }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуінің қорытындысы бойынша сіз"
                "{% if since %} {{ since }} бастап{% endif %}{% if until %} {{ until }} дейін"
                "{% endif %} резервке енгізілдіңіз.\n"
                "Жеке кабинет: {{ link }}\n",
            ),
            "en": (
                "You are included in the reserve: {{ campaign }}",
                "Dear {{ name }},\n\n"
                "Following «{{ campaign }}» you are included in the reserve"
                "{% if since %} from {{ since }}{% endif %}{% if until %} until {{ until }}"
                "{% endif %}.\n"
                "Your account: {{ link }}\n",
            ),
        },
    ),
    TERM_ENDING: Kind(
        _("Окончание срока нахождения в резерве"),
        ("name", "campaign", "until", "link"),
        {
            "ru": (
                "Срок нахождения в резерве заканчивается {{ until }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Срок Вашего нахождения в резерве по итогам отбора «{{ campaign }}» "
                "заканчивается {{ until }}. По его истечении Вы будете исключены из резерва.\n"
                "Личный кабинет: {{ link }}\n",
            ),
            "kk": (
                "Резервте болу мерзімі {{ until }} аяқталады",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуінің қорытындысы бойынша резервте болу мерзіміңіз "
                "{{ until }} аяқталады. Ол өткен соң сіз резервтен шығарыласыз.\n"
                "Жеке кабинет: {{ link }}\n",
            ),
            "en": (
                "Your term in the reserve ends on {{ until }}",
                "Dear {{ name }},\n\n"
                "Your term in the reserve following «{{ campaign }}» ends on {{ until }}. "
                "When it is over you will be excluded from the reserve.\n"
                "Your account: {{ link }}\n",
            ),
        },
    ),
    PLAN_ITEM_DUE: Kind(
        _("Срок пункта плана индивидуальной подготовки"),
        ("name", "campaign", "item", "due", "link"),
        {
            "ru": (
                "Срок пункта плана подготовки — {{ due }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Срок выполнения пункта Вашего плана индивидуальной подготовки "
                "«{{ item }}» (резерв по итогам отбора «{{ campaign }}») — {{ due }}. "
                "Отчёт о выполнении можно представить в личном кабинете: {{ link }}\n",
            ),
            "kk": (
                "Даярлық жоспары тармағының мерзімі — {{ due }}",
                "Құрметті {{ name }}!\n\n"
                "Жеке даярлық жоспарыңыздың «{{ item }}» тармағын орындау мерзімі "
                "(«{{ campaign }}» іріктеуінің қорытындысы бойынша резерв) — {{ due }}. "
                "Орындалғаны туралы есепті жеке кабинетте беруге болады: {{ link }}\n",
            ),
            "en": (
                "Development plan item due {{ due }}",
                "Dear {{ name }},\n\n"
                "The item «{{ item }}» of your individual development plan (reserve following "
                "«{{ campaign }}») is due on {{ due }}. "
                "You can report on it in your account: {{ link }}\n",
            ),
        },
    ),
    TEST_OPENS: Kind(
        _("Открытие тестирования"),
        ("name", "campaign", "test", "opens", "closes", "link"),
        {
            "ru": (
                "Тестирование открыто: {{ test }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "По отбору «{{ campaign }}» открыто тестирование «{{ test }}»: "
                "с {{ opens }} по {{ closes }}.\nПройти тест: {{ link }}\n",
            ),
            "kk": (
                "Тестілеу ашылды: {{ test }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуі бойынша «{{ test }}» тестілеуі ашылды: "
                "{{ opens }} бастап {{ closes }} дейін.\nТесттен өту: {{ link }}\n",
            ),
            "en": (
                "The test is open: {{ test }}",
                "Dear {{ name }},\n\n"
                "In «{{ campaign }}» the test «{{ test }}» is open from {{ opens }} "
                "to {{ closes }}.\nTake the test: {{ link }}\n",
            ),
        },
    ),
    TEST_CLOSES: Kind(
        _("Завершение тестирования"),
        ("name", "campaign", "test", "closes", "link"),
        {
            "ru": (
                "Тестирование завершается {{ closes }}: {{ test }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "По отбору «{{ campaign }}» тестирование «{{ test }}» завершается "
                "{{ closes }}; Вы его ещё не прошли.\nПройти тест: {{ link }}\n",
            ),
            "kk": (
                "Тестілеу {{ closes }} аяқталады: {{ test }}",
                "Құрметті {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуі бойынша «{{ test }}» тестілеуі {{ closes }} "
                "аяқталады; сіз оны әлі тапсырған жоқсыз.\nТесттен өту: {{ link }}\n",
            ),
            "en": (
                "The test closes {{ closes }}: {{ test }}",
                "Dear {{ name }},\n\n"
                "In «{{ campaign }}» the test «{{ test }}» closes {{ closes }}; "
                "you have not taken it yet.\nTake the test: {{ link }}\n",
            ),
        },
    ),
    COMPETITION_INVITATION: Kind(
        _("Приглашение члена резерва к участию в конкурсе на вакантную должность"),
        ("name", "position", "campaign", "link"),
        {
            "ru": (
                "Приглашение к участию в конкурсе: {{ position }}",
                "Уважаемый(ая) {{ name }}!\n\n"
                "Вы состоите в резерве и соответствуете требованиям к должности "
                "«{{ position }}». Приглашаем Вас принять участие в конкурсе «{{ campaign }}».\n"
                "Объявление и подача документов: {{ link }}\n",
            ),
            "kk": (
                "Конкурсқа қатысуға шақыру: {{ position }}",
                "Құрметті {{ name }}!\n\n"
                "Сіз резервте тұрсыз және «{{ position }}» лауазымына қойылатын талаптарға "
                "сәйкессіз. Сізді «{{ campaign }}» конкурсына қатысуға шақырамыз.\n"
                "Хабарландыру және құжаттарды тапсыру: {{ link }}\n",
            ),
            "en": (
                "Invitation to a competition: {{ position }}",
                "Dear {{ name }},\n\n"
                "You are in the reserve and meet the requirements of the position "
                "«{{ position }}». You are invited to take part in the competition "
                "«{{ campaign }}».\n"
                "Announcement and application: {{ link }}\n",
            ),
        },
    ),
    DEADLINE_SOON: Kind(
        _("Напоминание о приближающемся сроке"),
        ("name", "campaign", "deadline", "due", "link"),
        {
            "ru": (
                "Срок {{ due }}: {{ deadline }}",
                "Здравствуйте, {{ name }}!\n\n"
                "Напоминаем: по отбору «{{ campaign }}» срок «{{ deadline }}» истекает "
                "{{ due }}.\nСроки отбора: {{ link }}\n",
            ),
            "kk": (
                "Мерзімі {{ due }}: {{ deadline }}",
                "Сәлеметсіз бе, {{ name }}!\n\n"
                "Еске саламыз: «{{ campaign }}» іріктеуі бойынша «{{ deadline }}» мерзімі "
                "{{ due }} аяқталады.\nІріктеу мерзімдері: {{ link }}\n",
            ),
            "en": (
                "Due {{ due }}: {{ deadline }}",
                "Hello {{ name }},\n\n"
                "A reminder: in «{{ campaign }}» the deadline «{{ deadline }}» is {{ due }}.\n"
                "The campaign's deadlines: {{ link }}\n",
            ),
        },
    ),
    DEADLINE_MISSED: Kind(
        _("Срок пропущен"),
        ("name", "campaign", "deadline", "due", "link"),
        {
            "ru": (
                "Срок пропущен: {{ deadline }}",
                "Здравствуйте, {{ name }}!\n\n"
                "По отбору «{{ campaign }}» срок «{{ deadline }}» истёк {{ due }}, "
                "а исполнение не отмечено.\nСроки отбора: {{ link }}\n",
            ),
            "kk": (
                "Мерзім өтіп кетті: {{ deadline }}",
                "Сәлеметсіз бе, {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуі бойынша «{{ deadline }}» мерзімі {{ due }} өтті, "
                "ал орындалуы белгіленбеген.\nІріктеу мерзімдері: {{ link }}\n",
            ),
            "en": (
                "Deadline missed: {{ deadline }}",
                "Hello {{ name }},\n\n"
                "In «{{ campaign }}» the deadline «{{ deadline }}» passed on {{ due }} and "
                "nothing is recorded as done.\nThe campaign's deadlines: {{ link }}\n",
            ),
        },
    ),
    EMAIL_CONFIRM: Kind(
        _("Подтверждение адреса электронной почты"),
        ("name", "link", "days"),
        {
            "ru": (
                "Подтверждение адреса электронной почты",
                "Здравствуйте, {{ name }}!\n\n"
                "Чтобы подтвердить адрес электронной почты учётной записи, откройте ссылку "
                "(она действует дней: {{ days }}):\n{{ link }}\n\n"
                "Если Вы не регистрировались, ничего не делайте.\n",
            ),
            "kk": (
                "Электрондық пошта мекенжайын растау",
                "Сәлеметсіз бе, {{ name }}!\n\n"
                "Есептік жазбаның электрондық пошта мекенжайын растау үшін сілтемені ашыңыз "
                "(ол жарамды күндер: {{ days }}):\n{{ link }}\n\n"
                "Егер сіз тіркелмеген болсаңыз, ештеңе істемеңіз.\n",
            ),
            "en": (
                "Confirm your e-mail address",
                "Hello {{ name }},\n\n"
                "To confirm the e-mail address of your account, open the link (valid for days: "
                "{{ days }}):\n{{ link }}\n\n"
                "If you did not register, do nothing.\n",
            ),
        },
    ),
    FIX_SUPPLIED: Kind(
        _("Документы представлены после отказа: повторное рассмотрение"),
        ("name", "campaign", "candidate", "document", "link"),
        {
            "ru": (
                "Документы после отказа: {{ campaign }}",
                "Здравствуйте, {{ name }}!\n\n"
                "Кандидат {{ candidate }}, которому отказано в приёме документов по отбору "
                "«{{ campaign }}», в установленный срок представил документ: {{ document }}. "
                "Рассмотрите заявление повторно:\n{{ link }}\n",
            ),
            "kk": (
                "Бас тартудан кейінгі құжаттар: {{ campaign }}",
                "Сәлеметсіз бе, {{ name }}!\n\n"
                "«{{ campaign }}» іріктеуі бойынша құжаттарды қабылдаудан бас тартылған "
                "{{ candidate }} кандидат белгіленген мерзімде құжат ұсынды: {{ document }}. "
                "Өтінішті қайта қараңыз:\n{{ link }}\n",
            ),
            "en": (
                "Documents after a refusal: {{ campaign }}",
                "Hello {{ name }},\n\n"
                "The candidate {{ candidate }}, refused in «{{ campaign }}», supplied a document "
                "within the term: {{ document }}. Please consider the application again:\n"
                "{{ link }}\n",
            ),
        },
    ),
}
KINDS.update(EVENT_KINDS)


def kind_title(key: str) -> str:
    """The kind of a message as the audit log keeps it: its title, in Russian."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return str(KINDS[key].title) if key in KINDS else key
