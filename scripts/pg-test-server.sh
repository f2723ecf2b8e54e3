#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: no systemd, no Debian default cluster.
#
#   scripts/pg-test-server.sh start    initdb a new cluster in a temp dir, start it on 127.0.0.1
#                                      (port 54329, or the next free one), create the database
#                                      cuijiao_test owned by the superuser "app" (trust auth).
#                                      The last line printed is CUIJIAO_TEST_PG_URL=postgresql+psycopg://…
#   scripts/pg-test-server.sh stop     stop it and delete its temp dir
#   scripts/pg-test-server.sh status   print the URL and exit 0 if running, exit 3 if not
#
# Works as root (initdb/pg_ctl run as the "postgres" user through runuser) and as a normal user
# (they run as that user). Needs the PostgreSQL server binaries (Debian: apt-get install postgresql);
# this script does not install them (scripts/run-tests.sh does).
#
# Environment:
#   CUIJIAO_PG_PORT   first port to try (default 54329)
#   CUIJIAO_PG_STATE  state file remembering the running server (default: a per-user file in /tmp);
#                     run-tests.sh uses its own so parallel runs do not collide
#   CUIJIAO_PG_BIN    directory holding initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DBNAME=cuijiao_test
DBUSER=app
STATE="${CUIJIAO_PG_STATE:-${TMPDIR:-/tmp}/cuijiao-pg-test-$(id -u).state}"

usage() {
    echo "usage: $0 start|stop|status" >&2
    exit 2
}

find_pg_bin() {
    if [[ -n "${CUIJIAO_PG_BIN:-}" ]]; then
        printf '%s\n' "$CUIJIAO_PG_BIN"
        return 0
    fi
    local d
    d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    if [[ -n "$d" && -x "$d/initdb" ]]; then
        printf '%s\n' "$d"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir)"
        [[ -x "$d/initdb" ]] && { printf '%s\n' "$d"; return 0; }
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# as_pg cmd...: run as the postgres user when we are root (initdb/pg_ctl refuse root), else as us.
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_is_free() {
    local port="$1"
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$port" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
    else
        # Something answering means busy.
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 1; fi
        return 0
    fi
}

pick_port() {
    local p="${1:-54329}" last=$((${1:-54329} + 60))
    while ((p <= last)); do
        if port_is_free "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
        p=$((p + 1))
    done
    return 1
}

url_for() { printf 'postgresql+psycopg://%s@127.0.0.1:%s/%s\n' "$DBUSER" "$1" "$DBNAME"; }

# Loads PGDIR/PGPORT/PGBIN from the state file; returns 1 if there is none.
load_state() {
    [[ -f "$STATE" ]] || return 1
    PGDIR="$(sed -n 's/^PGDIR=//p' "$STATE")"
    PGPORT="$(sed -n 's/^PGPORT=//p' "$STATE")"
    PGBIN="$(sed -n 's/^PGBIN=//p' "$STATE")"
    [[ -n "$PGDIR" && -n "$PGBIN" ]]
}

server_running() {
    [[ -d "$PGDIR/data" ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1
}

cmd_start() {
    if load_state && server_running; then
        info "test PostgreSQL already running (data in $PGDIR)"
        echo "CUIJIAO_PG_DIR=$PGDIR"
        echo "CUIJIAO_PG_PORT=$PGPORT"
        echo "CUIJIAO_TEST_PG_URL=$(url_for "$PGPORT")"
        return 0
    fi
    [[ -f "$STATE" ]] && cmd_stop >/dev/null 2>&1 || true

    PGBIN="$(find_pg_bin)" || die "PostgreSQL server binaries (initdb, pg_ctl) not found. Debian: apt-get install postgresql"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as (install Debian's postgresql package)"
        command -v runuser >/dev/null 2>&1 || die "runuser not found (package util-linux)"
        # Under /tmp, not $TMPDIR: the postgres user must be able to reach the directory.
        PGDIR="$(mktemp -d /tmp/cuijiao-pg.XXXXXX)"
        chown postgres:postgres "$PGDIR"
    else
        PGDIR="$(mktemp -d "${TMPDIR:-/tmp}/cuijiao-pg.XXXXXX")"
    fi
    chmod 700 "$PGDIR"
    local t0=$SECONDS
    {
        echo "PGDIR=$PGDIR"
        echo "PGBIN=$PGBIN"
        echo "PGPORT="
    } >"$STATE"

    if ! as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U "$DBUSER" --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$PGDIR/initdb.log" 2>&1; then
        cat "$PGDIR/initdb.log" >&2
        cmd_stop >/dev/null 2>&1 || true
        die "initdb failed"
    fi

    # Start on the first free port; if another process grabs it meanwhile, try the next one.
    local try port="${CUIJIAO_PG_PORT:-54329}" started=""
    for try in 1 2 3 4 5; do
        port="$(pick_port "$port")" || break
        if as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
            -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >"$PGDIR/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
        warn "PostgreSQL did not start on port $port (attempt $try); server log:"
        tail -n 20 "$PGDIR/server.log" >&2 2>/dev/null || true
        as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
        port=$((port + 1))
    done
    if [[ -z "$started" ]]; then
        cmd_stop >/dev/null 2>&1 || true
        die "could not start the test PostgreSQL server"
    fi
    PGPORT="$port"
    sed -i "s/^PGPORT=.*/PGPORT=$PGPORT/" "$STATE"

    if ! as_pg "$PGBIN/createdb" -h "$PGDIR" -p "$PGPORT" -U "$DBUSER" "$DBNAME" 1>&2; then
        cmd_stop >/dev/null 2>&1 || true
        die "createdb $DBNAME failed"
    fi
    info "test PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PGPORT in $((SECONDS - t0)) s (data in $PGDIR)"
    echo "CUIJIAO_PG_DIR=$PGDIR"
    echo "CUIJIAO_PG_PORT=$PGPORT"
    echo "CUIJIAO_TEST_PG_URL=$(url_for "$PGPORT")"
}

cmd_stop() {
    if ! load_state; then
        info "no test PostgreSQL server recorded in $STATE"
        rm -f "$STATE"
        return 0
    fi
    if [[ -d "$PGDIR/data" ]]; then
        if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        fi
        if server_running; then
            # Last resort: the postmaster we started (first line of postmaster.pid).
            local pid
            pid="$(head -n 1 "$PGDIR/data/postmaster.pid" 2>/dev/null || true)"
            [[ "$pid" =~ ^[0-9]+$ ]] && kill -9 "$pid" 2>/dev/null || true
            sleep 1
        fi
    fi
    case "$PGDIR" in
        */cuijiao-pg.*) rm -rf -- "$PGDIR" ;;
        *) warn "not deleting unexpected directory $PGDIR" ;;
    esac
    rm -f "$STATE"
    info "test PostgreSQL stopped, $PGDIR removed"
}

cmd_status() {
    if load_state && server_running; then
        echo "running: data in $PGDIR"
        echo "CUIJIAO_TEST_PG_URL=$(url_for "$PGPORT")"
        return 0
    fi
    echo "not running"
    return 3
}

[[ $# -eq 1 ]] || usage
case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
