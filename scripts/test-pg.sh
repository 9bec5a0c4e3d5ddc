#!/usr/bin/env bash
# Run the store tests against a real, throwaway PostgreSQL server.
#
#   scripts/test-pg.sh [PYTEST ARGS...]      (or: make test-pg)
#
# Installs the PostgreSQL server from the system packages if initdb/pg_ctl are
# missing (Debian/Ubuntu, as root), creates a cluster in a temporary folder,
# starts it on a free port of 127.0.0.1 with trust authentication, points
# ALONGSIDE_TEST_DATABASE_URL at it, runs `pytest -q tests/store`, and always
# stops the server and deletes the folder afterwards. The exit status is
# pytest's (or 1 if the server could not be set up).
#
# Environment:
#   PG_BINDIR   use the PostgreSQL programs in this folder
#   PY          the Python to run pytest with (default .venv/bin/python)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PY:-.venv/bin/python}

say() { printf 'test-pg: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --- the PostgreSQL server programs ------------------------------------------

has_server() { [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]; }

find_bindir() {
    local dir
    # Debian/Ubuntu keep the server outside PATH, one folder per major version.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        has_server "$dir" && { echo "$dir"; return 0; }
    done
    if command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        has_server "$dir" && { echo "$dir"; return 0; }
    fi
    return 1
}

install_server() {
    [ "$(id -u)" = 0 ] || die "the PostgreSQL server (initdb, pg_ctl) is not installed; install it \
(e.g. sudo apt-get install postgresql) or set PG_BINDIR"
    command -v apt-get >/dev/null 2>&1 || die "the PostgreSQL server is not installed and \
apt-get is not available to install it; install it or set PG_BINDIR"
    say "installing the PostgreSQL server (apt-get install postgresql)"
    local log candidate updated=no
    log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    apt_install() {
        apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef \
            -o Dpkg::Options::=--force-confold postgresql >>"$log" 2>&1
    }
    candidate=$(apt-cache policy postgresql 2>/dev/null | awk '/Candidate:/ {print $2}')
    if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
        apt-get update -q >>"$log" 2>&1 || { cat "$log" >&2; die "apt-get update failed"; }
        updated=yes
    fi
    if ! apt_install; then
        # The package lists may be stale (a 404 on download): refresh once and retry.
        if [ "$updated" = no ] && apt-get update -q >>"$log" 2>&1 && apt_install; then
            :
        else
            cat "$log" >&2
            rm -f "$log"
            die "apt-get install postgresql failed (output above)"
        fi
    fi
    rm -f "$log"
}

"$PY" -c 'import psycopg' 2>/dev/null || die "$PY cannot import psycopg; run 'make test-pg' \
(it installs the test extra) or: $PY -m pip install -e '.[test]'"

if [ -n "${PG_BINDIR:-}" ]; then
    has_server "$PG_BINDIR" || die "PG_BINDIR=$PG_BINDIR does not hold initdb, pg_ctl and postgres"
    BINDIR=$PG_BINDIR
elif ! BINDIR=$(find_bindir); then
    install_server
    BINDIR=$(find_bindir) || die "PostgreSQL was installed but initdb/pg_ctl were not found"
fi
if [ -x "$BINDIR/pg_isready" ]; then
    PG_ISREADY=$BINDIR/pg_isready
else
    PG_ISREADY=$(command -v pg_isready) || die "pg_isready not found (PostgreSQL client programs)"
fi

# --- the throwaway cluster -----------------------------------------------------

# initdb and postgres refuse to run as root: as root, run them as the `postgres`
# system user (created by the package, or here if it is missing).
PGUSER_OS=
if [ "$(id -u)" = 0 ]; then
    PGUSER_OS=postgres
    if ! id -u "$PGUSER_OS" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS" \
            || die "cannot create the system user '$PGUSER_OS' to run PostgreSQL"
    fi
fi

TMP=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$TMP" ] && [ -d "$TMP" ]; then
        if [ -f "$TMP/data/postmaster.pid" ]; then
            as_pg "$BINDIR/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$TMP"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a command as the cluster's owner, from the cluster's folder (the project
# folder may not be readable by that user).
as_pg() {
    if [ -n "$PGUSER_OS" ]; then
        (cd "$TMP" && runuser -u "$PGUSER_OS" -- "$@")
    else
        (cd "$TMP" && "$@")
    fi
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/alongside-pg.XXXXXX")
if [ -n "$PGUSER_OS" ]; then
    chown "$PGUSER_OS" "$TMP"
    if ! runuser -u "$PGUSER_OS" -- test -w "$TMP"; then
        # $TMPDIR is not reachable by that user: fall back to /tmp.
        rm -rf "$TMP"
        TMP=$(mktemp -d /tmp/alongside-pg.XXXXXX)
        chown "$PGUSER_OS" "$TMP"
    fi
fi

if ! as_pg "$BINDIR/initdb" -D "$TMP/data" -U postgres -A trust -E UTF8 --locale=C \
        --no-sync >"$TMP/initdb.log" 2>&1; then
    cat "$TMP/initdb.log" >&2
    die "initdb failed (output above)"
fi

free_port() {
    "$PY" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Another process may take the free port before the server binds it: retry.
started=no
for attempt in 1 2 3; do
    PORT=$(free_port)
    if as_pg "$BINDIR/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w -t 60 -s start -o \
            "-c listen_addresses=127.0.0.1 -p $PORT -k '$TMP' -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off" >/dev/null 2>&1; then
        started=yes
        break
    fi
done
if [ "$started" = no ]; then
    cat "$TMP/server.log" >&2 2>/dev/null || true
    die "the PostgreSQL server did not start (log above)"
fi

ready=no
for _ in $(seq 1 60); do
    if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres; then
        ready=yes
        break
    fi
    sleep 0.5
done
if [ "$ready" = no ]; then
    cat "$TMP/server.log" >&2 2>/dev/null || true
    die "the PostgreSQL server on 127.0.0.1:$PORT did not become ready (log above)"
fi

# --- the tests -----------------------------------------------------------------

export ALONGSIDE_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
say "PostgreSQL $("$BINDIR/postgres" -V | awk '{print $3}') on 127.0.0.1:$PORT; \
running the store tests"
status=0
"$PY" -m pytest -q tests/store "$@" || status=$?
if [ "$status" != 0 ]; then
    say "store tests failed on PostgreSQL (pytest exit status $status)"
fi
exit "$status"
