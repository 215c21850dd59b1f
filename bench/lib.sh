# Shared by bench/run.sh and bench/reconcile.sh (sourced): the tools they install, a free port,
# a throw-away PostgreSQL on loopback. Callers keep PIDS (processes to stop) and call
# stop_postgres from their exit trap.

need() { command -v "$1" >/dev/null 2>&1; }

install_tools() {
  local missing=()
  need wrk || missing+=(wrk)
  ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
  need python3 || missing+=(python3)
  need curl || missing+=(curl)
  need unzip || missing+=(unzip)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

psql_() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

# A PostgreSQL of its own (a throw-away data folder, loopback only) with an empty database
# coursesync; sets PGPORT and PGDATA_DIR.
start_postgres() {
  PGPORT=$(free_port)
  PGDATA_DIR=$(mktemp -d /tmp/coursesync-bench-pg.XXXXXX)
  chown postgres "$PGDATA_DIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w start \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c log_destination=stderr" >/dev/null
  psql_ -c "CREATE DATABASE coursesync"
}

stop_postgres() {
  if [ -n "${PGDATA_DIR:-}" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true; fi
}
