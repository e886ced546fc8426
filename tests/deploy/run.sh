#!/usr/bin/env bash
# `make test-deploy`: the production deployment (deploy/) on loopback, under load, losing one app
# server.  Starts Debian's nginx with TLS (a throwaway self-signed certificate) in front of two
# gunicorn app servers (deploy/gunicorn.conf.py, rezerv.web.settings_production), one background
# worker, a fresh database on the PostgreSQL server at 127.0.0.1:5432 (the primary) and a
# streaming replica of that server (pg_createcluster + pg_basebackup, on a free port); loads the
# demo data; runs tests/deploy/load.py (a bounded load of page views and registrations; kills one
# app server in the middle; checks that no acknowledged write is lost, the load goes on on the
# other server and the replica serves the public pages); stops and removes everything it started.
#
# DEPLOY_REPLICA=0 runs without the replica.  Needs root (apt-get, pg_createcluster) when nginx is
# missing or a replica is wanted; everything listens on 127.0.0.1 only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$ROOT/.venv/bin"
PG_HOST=127.0.0.1
PG_PORT=5432
DEPLOY_REPLICA="${DEPLOY_REPLICA:-1}"
SECONDS_PER_PHASE="${DEPLOY_SECONDS:-8}"
RUN="rzdeploy$$"
WORK="$(mktemp -d "/tmp/rezerv-deploy.XXXXXX")"
DB="rezerv_deploy_$$"
if ! psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
  echo "=== deploy: PostgreSQL at $PG_HOST:$PG_PORT is not reachable: the deployment test is skipped"
  rmdir "$WORK"
  exit 0
fi
PG_VERSION="$(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -Atc 'SHOW server_version_num' | cut -c1-2)"
PIDS=()

say() { echo "=== deploy: $*"; }

free_port() {
  "$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null
  sleep 1
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done
  if [ -n "${REPLICA_PORT:-}" ]; then pg_dropcluster --stop "$PG_VERSION" "$RUN" 2>/dev/null; fi
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null
  if [ "$rc" -ne 0 ]; then
    say "failed (exit $rc); the logs:"
    for log in "$WORK"/*.log; do echo "--- $log"; tail -n 25 "$log"; done
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT INT TERM

# --- nginx: Debian's, installed like `make browser` installs chromium
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  say "installing Debian's nginx"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# --- the primary: a fresh database on the local server
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $DB"
PRIMARY_URL="postgres://postgres@$PG_HOST:$PG_PORT/$DB"
SECRET="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export DJANGO_SETTINGS_MODULE=rezerv.web.settings_production
export REZERV_SECRET_KEY="$SECRET"
export REZERV_ALLOWED_HOSTS="localhost,127.0.0.1"
export REZERV_REGISTRATIONS_PER_HOUR=0  # the load test registers many accounts from one address
export REZERV_VAR_DIR="$WORK/var"
export REZERV_STATIC_ROOT="$WORK/static"
export DATABASE_URL="$PRIMARY_URL"
unset DATABASE_REPLICA_URL
mkdir -p "$WORK/var"
say "migrating $DB, loading the demo data, collecting the static files"
started=$(date +%s)
"$BIN/python" "$ROOT/manage.py" migrate --noinput -v0
"$BIN/python" "$ROOT/manage.py" seed_demo >"$WORK/seed.log" 2>&1
"$BIN/python" "$ROOT/manage.py" collectstatic --noinput -v0
say "ready in $(( $(date +%s) - started )) s"

# --- the replica: a second cluster, a base backup of the primary, streaming
REPLICA_DSN=""
if [ "$DEPLOY_REPLICA" = 1 ]; then
  if ! psql "host=$PG_HOST port=$PG_PORT user=postgres replication=true" -Atc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
    # Debian's pg_hba.conf lets no one replicate; loopback with trust, like its other lines.
    HBA="$(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -Atc 'SHOW hba_file')"
    say "allowing replication from 127.0.0.1 in $HBA"
    echo "host replication all 127.0.0.1/32 trust  # rezerv make test-deploy" >>"$HBA"
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qAtc "SELECT pg_reload_conf()" >/dev/null
    sleep 1
  fi
  REPLICA_PORT="$(free_port)"
  say "replica: cluster $PG_VERSION/$RUN on port $REPLICA_PORT (pg_createcluster + pg_basebackup)"
  pg_createcluster "$PG_VERSION" "$RUN" -p "$REPLICA_PORT" >"$WORK/replica-create.log" 2>&1
  DATA="/var/lib/postgresql/$PG_VERSION/$RUN"
  # the replica's own access rules: loopback only, trust, as the local server's
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' \
    >"/etc/postgresql/$PG_VERSION/$RUN/pg_hba.conf"
  rm -rf "${DATA:?}"/*
  su postgres -c "pg_basebackup -h $PG_HOST -p $PG_PORT -U postgres -D $DATA -R -X stream -c fast" \
    >"$WORK/replica-basebackup.log" 2>&1
  pg_ctlcluster "$PG_VERSION" "$RUN" start >"$WORK/replica-start.log" 2>&1
  for _ in $(seq 1 60); do
    if [ "$(psql -h "$PG_HOST" -p "$REPLICA_PORT" -U postgres -d "$DB" -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; then
      break
    fi
    sleep 0.5
  done
  [ "$(psql -h "$PG_HOST" -p "$REPLICA_PORT" -U postgres -d "$DB" -Atc 'SELECT pg_is_in_recovery()')" = t ]
  export DATABASE_REPLICA_URL="postgres://postgres@$PG_HOST:$REPLICA_PORT/$DB"
  REPLICA_DSN="host=$PG_HOST port=$REPLICA_PORT user=postgres dbname=$DB"
fi

# --- two app servers and the worker, each in its own process group (killed as one)
APP1="$(free_port)"
APP2="$(free_port)"
start_group() {  # name, command...
  local name=$1
  shift
  setsid "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
}
for port in "$APP1" "$APP2"; do
  GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=2 GUNICORN_PROC_NAME="rezerv-$RUN-$port" \
    start_group "app-$port" "$BIN/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" --chdir "$ROOT"
done
APP1_PGID="${PIDS[0]}"
start_group worker "$BIN/python" "$ROOT/manage.py" db_worker --no-reload
for port in "$APP1" "$APP2"; do
  for _ in $(seq 1 120); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/" || true)"
    [ "$code" = 200 ] && break
    sleep 0.5
  done
  [ "$code" = 200 ] || { say "app server on $port did not answer 200 (got $code)"; exit 1; }
done
say "app servers on 127.0.0.1:$APP1 and :$APP2, worker started"

# --- nginx with TLS in front of both, the site's shared part from deploy/nginx/
NGINX_PORT="$(free_port)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" >/dev/null 2>&1
mkdir -p "$WORK/nginx-temp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  client_body_temp_path $WORK/nginx-temp/body;
  proxy_temp_path $WORK/nginx-temp/proxy;
  fastcgi_temp_path $WORK/nginx-temp/fastcgi;
  uwsgi_temp_path $WORK/nginx-temp/uwsgi;
  scgi_temp_path $WORK/nginx-temp/scgi;
  include $ROOT/deploy/nginx/rezerv-log.conf;
  access_log $WORK/nginx-access.log rezerv_noquery;
  upstream rezerv_app {
    server 127.0.0.1:$APP1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$APP2 max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    server_name localhost;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    # for the test only: which app server answered
    add_header X-Rezerv-Upstream \$upstream_addr always;
    include $ROOT/deploy/nginx/rezerv-proxy.conf;
  }
}
EOF
"$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK" >"$WORK/nginx-t.log" 2>&1 || { cat "$WORK/nginx-t.log"; exit 1; }
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
say "nginx on https://localhost:$NGINX_PORT/"

# --- a few facts of the deployment itself
headers="$(curl -s -D - -o /dev/null --cacert "$WORK/tls.crt" "https://localhost:$NGINX_PORT/")"
echo "$headers" | grep -qi '^strict-transport-security: max-age=31536000' || { say "no HSTS header"; exit 1; }
css="$(curl -s --cacert "$WORK/tls.crt" "https://localhost:$NGINX_PORT/" | grep -o '/static/web/site\.[0-9a-f]*\.css' | head -1)"
[ -n "$css" ] || { say "no hashed static file name on the home page"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/tls.crt" "https://localhost:$NGINX_PORT$css")" = 200 ] \
  || { say "whitenoise did not serve $css"; exit 1; }
big="$(curl -s -o /dev/null -w '%{http_code}' --cacert "$WORK/tls.crt" -X POST -H 'Content-Type: application/octet-stream' \
  --data-binary @<(head -c $((53 * 1024 * 1024)) /dev/zero) "https://localhost:$NGINX_PORT/accounts/register/")"
[ "$big" = 413 ] || { say "a 53 MB body got $big, not 413"; exit 1; }
plain="$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: localhost' "http://127.0.0.1:$APP2/")"
[ "$plain" = 301 ] || { say "plain HTTP to an app server got $plain, not the redirect to HTTPS"; exit 1; }
say "HSTS sent, $css served by whitenoise, a 53 MB body refused (413), plain HTTP redirected"

# --- the load, the kill, the checks
"$BIN/python" "$ROOT/tests/deploy/load.py" \
  --port "$NGINX_PORT" --cafile "$WORK/tls.crt" \
  --primary "host=$PG_HOST port=$PG_PORT user=postgres dbname=$DB" \
  --replica "$REPLICA_DSN" \
  --kill-pgid "$APP1_PGID" --killed-upstream "127.0.0.1:$APP1" \
  --seconds "$SECONDS_PER_PHASE"
