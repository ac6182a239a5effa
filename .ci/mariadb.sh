#!/usr/bin/env bash
# Installs, starts and prepares the MariaDB server that passkey-store-jdbc's tests use.
#
# Run as root on Debian (12 or later), with or without systemd; safe to run any number of times.
# Leaves MariaDB listening on 127.0.0.1:3306 with a database and a user for the tests:
#   PASSKEY4J_MARIADB_DATABASE (default passkey4j)
#   PASSKEY4J_MARIADB_USER     (default passkey4j)
#   PASSKEY4J_MARIADB_PASSWORD (default passkey4j)
# The tests read the same variables (and PASSKEY4J_MARIADB_URL, default
# jdbc:mariadb://127.0.0.1:3306/passkey4j), so set them once for both.
set -euo pipefail

DATABASE="${PASSKEY4J_MARIADB_DATABASE:-passkey4j}"
DB_USER="${PASSKEY4J_MARIADB_USER:-passkey4j}"
DB_PASSWORD="${PASSKEY4J_MARIADB_PASSWORD:-passkey4j}"

log() { echo "mariadb.sh: $*"; }

for name in "$DATABASE" "$DB_USER"; do
  if [[ ! "$name" =~ ^[A-Za-z0-9_]+$ ]]; then
    log "refusing name '$name': use letters, digits and _ only" >&2
    exit 2
  fi
done
if [[ "$DB_PASSWORD" == *"'"* || "$DB_PASSWORD" == *"\\"* ]]; then
  log "refusing a password with ' or \\ in it" >&2
  exit 2
fi

if [[ $(id -u) -ne 0 ]]; then
  log "run me as root (I install packages and start a server)" >&2
  exit 2
fi

# ------------------------------------------------------------------ install
if ! command -v mariadbd >/dev/null 2>&1 && [[ ! -x /usr/sbin/mariadbd ]]; then
  log "installing mariadb-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server mariadb-client >/dev/null
fi

# ------------------------------------------------------------------ start
ping_server() { mariadb-admin --protocol=socket --user=root ping >/dev/null 2>&1; }

if ! ping_server; then
  install -d -o mysql -g mysql -m 0755 /run/mysqld
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    log "initialising the data directory"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  log "starting the server"
  if ! service mariadb start >/dev/null 2>&1; then
    # no init script usable here (a bare container): start the server directly, detached
    setsid nohup mariadbd-safe --user=mysql >/dev/null 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 60); do
    ping_server && break
    sleep 1
  done
  if ! ping_server; then
    log "MariaDB did not come up within 60 s; see /var/log/mysql/ or journalctl" >&2
    exit 1
  fi
fi

# ------------------------------------------------------------------ prepare
mariadb --protocol=socket --user=root <<SQL
CREATE DATABASE IF NOT EXISTS \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
CREATE USER IF NOT EXISTS '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}';
ALTER USER '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
ALTER USER '${DB_USER}'@'127.0.0.1' IDENTIFIED BY '${DB_PASSWORD}';
GRANT ALL PRIVILEGES ON \`${DATABASE}\`.* TO '${DB_USER}'@'localhost';
GRANT ALL PRIVILEGES ON \`${DATABASE}\`.* TO '${DB_USER}'@'127.0.0.1';
-- the fault-injection tests end their own sessions with KILL, which needs no extra grant for one's own user
FLUSH PRIVILEGES;
SQL

# ------------------------------------------------------------------ check over TCP, as the tests connect
version=$(mariadb --protocol=tcp --host=127.0.0.1 --port=3306 --user="${DB_USER}" --password="${DB_PASSWORD}" \
  --batch --skip-column-names "${DATABASE}" -e 'SELECT VERSION()')
log "MariaDB ${version} ready on 127.0.0.1:3306, database ${DATABASE}, user ${DB_USER}"
