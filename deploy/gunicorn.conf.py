"""gunicorn configuration of one rezerv app server (``gunicorn -c deploy/gunicorn.conf.py``).

Every value can be changed by the environment (the systemd unit and docker compose set them).
The app server keeps nothing of its own between requests (sessions and jobs in the database,
files in Django's storage), so nginx may send any request to any of several such servers.
"""

import multiprocessing
import os

wsgi_app = "rezerv.web.wsgi:application"
raw_env = [
    "DJANGO_SETTINGS_MODULE=" + os.environ.get(
        "DJANGO_SETTINGS_MODULE", "rezerv.web.settings_production"
    )
]
# Loopback by default: nginx in front terminates TLS and spreads the load.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
# Sync workers: the pages are CPU and database bound; 2 x cores + 1 is gunicorn's advice.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# A request that takes longer is killed and its worker replaced (nginx's proxy_read_timeout is
# longer, so nginx reports it as 502/504 rather than waiting for nothing).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after this many requests (bounds the growth of a long-lived process).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only nginx on this machine may say which scheme and client a request came with.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Errors to stderr (journald, docker); no access log here: nginx keeps it, without query strings.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "rezerv")
# Bodies: nginx already limits them (client_max_body_size); headers as gunicorn's defaults.
limit_request_line = 8190
