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


def kind_title(key: str) -> str:
    """The kind of a message as the audit log keeps it: its title, in Russian."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return str(KINDS[key].title) if key in KINDS else key
