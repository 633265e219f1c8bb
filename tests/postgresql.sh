#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a free port of loopback:
#   tests/postgresql.sh start DIR   prints the connection string the tests take as MILESTONES_POSTGRESQL
#   tests/postgresql.sh stop DIR
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql). As root, the
# cluster runs as the postgres account, since PostgreSQL refuses to run as root.
# POSTGRESQL_CPUS (a taskset list, say 1) keeps the cluster on those cores (benchmarks/load.sh).
set -euo pipefail
action=${1:?usage: postgresql.sh start|stop DIR}
dir=${2:?usage: postgresql.sh start|stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] || bin=$(dirname "$(command -v pg_ctl)")
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # Tests make a database each: allow plenty of connections; durability is not needed here.
    pinned=()
    [ -n "${POSTGRESQL_CPUS:-}" ] && pinned=(taskset -c "$POSTGRESQL_CPUS")
    as_owner ${pinned[@]+"${pinned[@]}"} "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
*)
    echo "usage: postgresql.sh start|stop DIR" >&2
    exit 2
    ;;
esac
