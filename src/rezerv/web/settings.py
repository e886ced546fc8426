"""Django settings.  SQLite is the embedded default; DATABASE_URL selects PostgreSQL."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Django's generic classes (ModelForm[Campaign], ...) subscriptable at run time, as the annotations
# checked by mypy with django-stubs write them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("REZERV_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("REZERV_SECRET_KEY", "dev-only-insecure-key-change-in-production")
# Off unless asked for (REZERV_DEBUG=1 on a developer's machine): a user never sees Django's
# debug page, only the site's own error pages (templates/4xx.html, 500.html).
DEBUG = os.environ.get("REZERV_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("REZERV_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "rezerv.selection",
    "rezerv.assessment",
    "rezerv.documents",
    "rezerv.spreadsheets",
    "rezerv.web",
    "django_tasks",
    "django_tasks_db",
    "rezerv.notifications",
    "rezerv.works",
    "axes",  # failed logins and lockouts (rezerv.web.login_security)
    # the second factor: authenticator apps (TOTP) and recovery codes (rezerv.web.second_factor)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

AUTHENTICATION_BACKENDS = [
    "rezerv.web.login_security.RequestAxesBackend",  # first: refuses a locked-out login
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rezerv.web.middleware.ChosenLanguageMiddleware",  # Russian unless chosen: not LocaleMiddleware
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a body larger than REZERV_MAX_REQUEST_BYTES refused from its Content-Length, unread (no
    # middleware above reads the body)
    "rezerv.web.middleware.RequestSizeMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor given
    "django.contrib.messages.middleware.MessageMiddleware",
    "rezerv.replica.ReplicaMiddleware",  # after auth: public pages read the replica, if any
    "rezerv.web.login_security.SessionTimeoutMiddleware",
    "rezerv.web.second_factor.SecondFactorMiddleware",  # the code after the password
    "rezerv.web.reauth.ReauthMiddleware",  # personal-data exports need a recent password
    "rezerv.web.conflicts.ConflictMiddleware",  # a unique-constraint race: 409, not 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks
]

ROOT_URLCONF = "rezerv.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGES, untranslated names
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rezerv.notifications.context.unread",  # the menu's count of unread messages
            ]
        },
    }
]
WSGI_APPLICATION = "rezerv.web.wsgi.application"

SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'rezerv.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing: every transaction takes the
    # write lock when it begins (a deferred one that reads first and then writes gets
    # «database is locked» at once, whatever the timeout), and a waiting writer waits 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# A streaming replica of the PostgreSQL primary (DATABASE_REPLICA_URL): the public pages and the
# marked reports read from it, never a read that must see the reader's own write (rezerv.replica).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=0)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # the tests' replica is the test database
    DATABASE_ROUTERS = ["rezerv.replica.ReplicaRouter"]
REZERV_REPLICA_PUBLIC_VIEWS = os.environ.get("REZERV_REPLICA_PUBLIC_VIEWS", "home,announcement")
REZERV_REPLICA_REPORT_VIEWS = os.environ.get("REZERV_REPLICA_REPORT_VIEWS", "")
REZERV_REPLICA_PIN_SECONDS = int(os.environ.get("REZERV_REPLICA_PIN_SECONDS", "30"))

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
# Formats Django lacks (Kazakh: 20.09.2026, 43,17); Russian and English are Django's own.
FORMAT_MODULE_PATH = ["rezerv.web.formats"]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MEDIA_ROOT = Path(os.environ.get("REZERV_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
# Office files are refused when they unpack to more than this (a «zip bomb»: selection.file_safety)
# and an XLSX import likewise (spreadsheets.reader); REZERV_CLAMD_SOCKET (a Unix socket path or
# host:port of clamd) has every upload scanned by ClamAV, and refused when it is unreachable.
REZERV_MAX_UNPACKED_BYTES = int(os.environ.get("REZERV_MAX_UNPACKED_BYTES", 100 * 1024 * 1024))
REZERV_CLAMD_SOCKET = os.environ.get("REZERV_CLAMD_SOCKET", "")
# An XLSX being imported (its rows streamed) may unpack to at most this much.
REZERV_MAX_IMPORT_UNPACKED_BYTES = int(
    os.environ.get("REZERV_MAX_IMPORT_UNPACKED_BYTES", 1024 * 1024 * 1024)
)
# Uploaded files (through Django's storage API only) readable by the application's user alone.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
REZERV_MAX_UPLOAD_BYTES = int(os.environ.get("REZERV_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# A whole request (an application with its documents) at most this large, refused from its
# Content-Length before the body is read (rezerv.web.middleware.RequestSizeMiddleware); nginx's
# client_max_body_size (deploy/nginx) is the same figure in front.
REZERV_MAX_REQUEST_BYTES = int(
    os.environ.get("REZERV_MAX_REQUEST_BYTES", 5 * REZERV_MAX_UPLOAD_BYTES + 1024 * 1024)
)
# Form fields (not files) held in memory at most this large; files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file, never held whole in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"
LOCALE_PATHS = [BASE_DIR / "src" / "rezerv" / "locale"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "rezerv.web.errors.csrf_failure"
CSRF_COOKIE_HTTPONLY = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # the session only: no HTTP Basic (a password on every request, outside the lockout)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # every list a page at a time, the body still the page's array (issue 14)
    "DEFAULT_PAGINATION_CLASS": "rezerv.api.pagination.ListPagination",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "rezerv API",
    "DESCRIPTION": "Кампании, заявления, бюллетени и результаты отбора",
    "VERSION": "0.1.0",
    "ENUM_NAME_OVERRIDES": {
        "CampaignStatusEnum": "rezerv.selection.models.Campaign.STATUSES",
        "ApplicationStatusEnum": "rezerv.selection.models.Application.STATUSES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background jobs (django-tasks with its database backend: no broker; `manage.py db_worker` runs
# them, `make demo` starts one beside the web server).  The jobs live in the same database as
# everything else, so a job enqueued in a transaction exists exactly when its data does.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The engine's result of a campaign (selection/result_cache.py) is computed in the request for
# a campaign of up to REZERV_INLINE_RESULT_LIMIT applications; a larger one is recomputed on the
# worker while the pages show the last stored result marked as being recomputed, with the
# progress. A recomputation without news for REZERV_RESULT_JOB_STALE_SECONDS (its worker lost)
# is asked for again.
REZERV_INLINE_RESULT_LIMIT = int(os.environ.get("REZERV_INLINE_RESULT_LIMIT", "2000"))
REZERV_RESULT_JOB_STALE_SECONDS = int(os.environ.get("REZERV_RESULT_JOB_STALE_SECONDS", "900"))

# Mail (rezerv.notifications): SMTP when REZERV_EMAIL_HOST is set; otherwise every message is
# written as a file to var/mail/ (the demo), so nothing leaves the machine by accident.
EMAIL_HOST = os.environ.get("REZERV_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("REZERV_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("REZERV_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("REZERV_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("REZERV_EMAIL_TLS", "0") == "1"
    EMAIL_TIMEOUT = int(os.environ.get("REZERV_EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
# The address of the site as the messages link to it.
REZERV_SITE_URL = os.environ.get("REZERV_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("REZERV_FROM_EMAIL", "rezerv@localhost")
# The outbox: a message that the mail server refuses is tried again after
# REZERV_MAIL_RETRY_SECONDS × the attempts so far, REZERV_MAIL_ATTEMPTS times in all; then it is
# failed and shown to the administrator (/desk/jobs/).
REZERV_MAIL_ATTEMPTS = int(os.environ.get("REZERV_MAIL_ATTEMPTS", "5"))
REZERV_MAIL_RETRY_SECONDS = float(os.environ.get("REZERV_MAIL_RETRY_SECONDS", "60"))
# The owner of an open deadline is reminded this many days before it (and on the day it is
# missed): the daily job ``deadline_reminders``.
REZERV_DEADLINE_REMINDER_DAYS = int(os.environ.get("REZERV_DEADLINE_REMINDER_DAYS", "3"))
# Password reset: at most this many requests per hour for one e-mail address and for one IP
# address (Django's cache; rezerv.notifications.password_reset).
REZERV_PASSWORD_RESET_PER_HOUR = int(os.environ.get("REZERV_PASSWORD_RESET_PER_HOUR", "3"))
# Registration: at most this many attempts (posted forms) per hour from one IP address (Django's
# cache, like the password reset's; 0: no limit). Beyond it the form answers 429 and creates
# nothing (rezerv.web.login_security.registration_throttled).
REZERV_REGISTRATIONS_PER_HOUR = int(os.environ.get("REZERV_REGISTRATIONS_PER_HOUR", "20"))
# The link confirming a new account's e-mail address is valid this many days (the letters are
# throttled like the password reset's).
REZERV_EMAIL_CONFIRM_DAYS = int(os.environ.get("REZERV_EMAIL_CONFIRM_DAYS", "3"))

# Login security (rezerv.web.login_security).  django-axes counts failed logins in the database
# (its own tables) for a username from an IP address: after REZERV_LOGIN_FAILURE_LIMIT (5) within
# REZERV_LOGIN_COOLOFF_MINUTES (15) the login is refused until that time has passed since the
# last failure; a successful login clears the count.
# Passwords chosen at registration, on a change and on a reset (Django's validators): at least
# REZERV_PASSWORD_MIN_LENGTH (10) characters, not like the username, name or e-mail, not one of
# the 20,000 common passwords, not digits only.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "first_name", "last_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("REZERV_PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("REZERV_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("REZERV_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "rezerv.web.login_security.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
# Sessions end after REZERV_SESSION_IDLE_SECONDS without a request (30 min) and
# REZERV_SESSION_ABSOLUTE_SECONDS after the login (12 h), whichever comes first.
REZERV_SESSION_IDLE_SECONDS = int(os.environ.get("REZERV_SESSION_IDLE_SECONDS", str(30 * 60)))
REZERV_SESSION_ABSOLUTE_SECONDS = int(
    os.environ.get("REZERV_SESSION_ABSOLUTE_SECONDS", str(12 * 60 * 60))
)
SESSION_COOKIE_AGE = REZERV_SESSION_ABSOLUTE_SECONDS
# Re-authentication (rezerv.web.reauth): a decision, a vote record or an export of personal data
# needs the password entered (at login or on /accounts/confirm/) within this many minutes.
REZERV_REAUTH_MINUTES = int(os.environ.get("REZERV_REAUTH_MINUTES", "15"))
# The second factor (rezerv.web.second_factor): with REZERV_SECOND_FACTOR_REQUIRED=1,
# administrators, HR officers, secretaries and commission members enrol an authenticator app
# before anything else and give its code after the password at every login. Off by default so
# that the demo's logins work with the password alone; the production settings turn it on.
# Anyone who has enrolled gives the code whatever this says.
REZERV_SECOND_FACTOR_REQUIRED = os.environ.get("REZERV_SECOND_FACTOR_REQUIRED", "0") == "1"
OTP_TOTP_ISSUER = os.environ.get("REZERV_OTP_ISSUER", "rezerv")
# Behind HTTPS (REZERV_HTTPS=1): cookies only over HTTPS, HSTS for a year.  Off by default:
# `make demo` serves http://127.0.0.1:8000.
if os.environ.get("REZERV_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("REZERV_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
