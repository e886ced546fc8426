"""Production settings: the base settings, made to fail closed.

``DJANGO_SETTINGS_MODULE=rezerv.web.settings_production``.  Refuses to start (ImproperlyConfigured,
naming the variable) without ``REZERV_SECRET_KEY`` (at least 50 characters) and
``REZERV_ALLOWED_HOSTS``; DEBUG is off whatever the environment says; HTTPS only (HSTS, secure
cookies, the scheme taken from nginx's ``X-Forwarded-Proto``); static files collected
(``manage.py collectstatic``) and served by whitenoise with hashed, compressed names; sessions in
the database, so any app server serves any request; uploads through Django's storage API (local
disk under ``REZERV_MEDIA_ROOT``, or S3-compatible object storage with ``REZERV_S3_BUCKET`` and
django-storages installed: ``pip install 'rezerv[s3]'``).  ``deploy/`` runs it (README,
«Production»).
"""

from __future__ import annotations

import copy
import os

from django.core.exceptions import ImproperlyConfigured

from rezerv.web.settings import *  # noqa: F403 (the base settings, then what production changes)
from rezerv.web.settings import DATABASES as _BASE_DATABASES
from rezerv.web.settings import MIDDLEWARE, VAR_DIR


def required(name: str) -> str:
    """The environment variable ``name``, or ImproperlyConfigured naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: the production settings (rezerv.web.settings_production) "
            f"need it in the environment (see deploy/rezerv.env.example)"
        )
    return value


DEBUG = False
SECRET_KEY = required("REZERV_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured(
        "REZERV_SECRET_KEY is too weak: give at least 50 random characters, e.g. "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`'
    )
ALLOWED_HOSTS = [h.strip() for h in required("REZERV_ALLOWED_HOSTS").split(",") if h.strip()]
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("REZERV_ALLOWED_HOSTS must name the site's hosts (no '*')")
# Forms posted from https://<host>/ (Django checks the Origin header over HTTPS).
CSRF_TRUSTED_ORIGINS = [
    f"https://*{h}" if h.startswith(".") else f"https://{h}" for h in ALLOWED_HOSTS
]

# HTTPS: nginx terminates TLS and says so in X-Forwarded-Proto (deploy/nginx/rezerv.conf sets
# it; it must never pass the client's own header through).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("REZERV_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("REZERV_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("REZERV_HSTS_SUBDOMAINS", "1") == "1"
# The header only allows submitting the domain to the browsers' preload list; it submits nothing.
SECURE_HSTS_PRELOAD = os.environ.get("REZERV_HSTS_PRELOAD", "1") == "1"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Officials give a second factor (an authenticator app's code) after the password.
REZERV_SECOND_FACTOR_REQUIRED = os.environ.get("REZERV_SECOND_FACTOR_REQUIRED", "1") == "1"

# Stateless app servers: sessions in the shared database (the base settings' default, said here
# so that no one swaps in a per-process cache), no local state but the storage below.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Static files: collected into STATIC_ROOT by `manage.py collectstatic`, served by whitenoise
# from every app server (hashed names, gzip/brotli, far-future caching); nginx may serve the same
# folder directly (deploy/nginx/rezerv.conf).
STATIC_ROOT = os.environ.get("REZERV_STATIC_ROOT", str(VAR_DIR / "static"))
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]

# Uploaded files (applications' documents, document templates, spreadsheets being imported) go
# through Django's storage API only: local disk by default (one node, or a shared mount),
# S3-compatible object storage for several nodes.
_S3_BUCKET = os.environ.get("REZERV_S3_BUCKET", "")
if _S3_BUCKET:
    _s3_options = {
        "bucket_name": _S3_BUCKET,
        "endpoint_url": os.environ.get("REZERV_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("REZERV_S3_REGION") or None,
        "access_key": os.environ.get("REZERV_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("REZERV_S3_SECRET_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Connections kept between requests (gunicorn's sync workers: one connection per worker), checked
# before reuse so that a restarted database server costs one error-free reconnect.
DATABASES = copy.deepcopy(_BASE_DATABASES)
for _db in DATABASES.values():
    _db["CONN_MAX_AGE"] = int(os.environ.get("REZERV_CONN_MAX_AGE", "60"))
    _db["CONN_HEALTH_CHECKS"] = True
