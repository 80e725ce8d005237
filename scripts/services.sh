#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and RabbitMQ answer on loopback: installs the Debian packages that are missing and
# starts what is not running. Idempotent; safe to run before every build. Needs root (or sudo) only to install.
set -euo pipefail

PG_PORT=5432 REDIS_PORT=6379 AMQP_PORT=5672
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

log() { echo "[services] $*"; }
as_postgres() { # psql as the postgres OS user, whether we are root or a sudoer
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "psql -Atc \"$1\""; else sudo -u postgres psql -Atc "$1"; fi
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port name seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do listening "$1" && return 0; sleep 0.5; done
  log "$2 did not open port $1 within $3 s"; return 1
}

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! listening $PG_PORT; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then log "no PostgreSQL cluster found under /etc/postgresql"; exit 1; fi
  log "starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || $SUDO pg_ctlcluster "$version" main start
  wait_port $PG_PORT PostgreSQL 30
fi
# NDC connects as postgres over TCP without a password (NDC_PG_URL default). A fresh Debian cluster asks for one
# on TCP: trust loopback connections, as a development box does; production sets NDC_PG_URL with a password.
if ! psql -h 127.0.0.1 -U postgres -d postgres -w -Atc 'select 1' >/dev/null 2>&1; then
  hba=$(as_postgres 'show hba_file')
  log "allowing trust auth for loopback in $hba"
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  as_postgres 'select pg_reload_conf()' >/dev/null
  sleep 1
fi

if ! listening $REDIS_PORT; then
  log "starting Redis"
  $SUDO mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ndc.log
  wait_port $REDIS_PORT Redis 15
fi

if ! listening $AMQP_PORT; then
  log "starting RabbitMQ"
  $SUDO rabbitmq-server -detached >/dev/null 2>&1 || true
  # rabbitmqctl await_startup exits at once while the node is still booting: poll the port instead
  wait_port $AMQP_PORT RabbitMQ 90
fi
log "PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, RabbitMQ :$AMQP_PORT are up"
