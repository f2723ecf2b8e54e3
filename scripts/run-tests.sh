#!/usr/bin/env bash
# Run the test suite:  ./scripts/run-tests.sh [pytest args...]
#
# 1. installs the Debian packages the tests need, when missing and when run as root with apt-get
#    (Qt's runtime libraries, CJK fonts, poppler-utils, postgresql); otherwise says what is missing;
# 2. creates .venv and runs pip install -e '.[test]' when pyproject.toml changed (quiet; log shown
#    on failure);
# 3. starts a throwaway PostgreSQL server (scripts/pg-test-server.sh) on 127.0.0.1 and exports
#    CUIJIAO_TEST_PG_URL; it is stopped and deleted on exit, whatever happens;
# 4. runs .venv/bin/python -m pytest with QT_QPA_PLATFORM=offscreen and exits with pytest's code.
#
# Without PostgreSQL (not root, no apt-get) the tests marked `postgres` skip, with a warning;
# with CI=true that is an error. Set CUIJIAO_TEST_PG_URL yourself to use your own server instead.
# CUIJIAO_VENV=/path uses another virtual environment (see scripts/lib.sh for more settings).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T_START=$SECONDS

# --- 1. system packages --------------------------------------------------------------------
if ! ensure_debian_packages "the tests" \
    "${QT_RUNTIME_PACKAGES[@]}" "${CJK_FONT_PACKAGES[@]}" poppler-utils postgresql libreoffice-calc-nogui; then
    if is_ci; then
        die "CI=true and the Debian packages above could not be installed"
    fi
    warn "continuing without them: some tests may fail or skip"
fi

# --- 2. virtual environment ----------------------------------------------------------------
ensure_venv

# --- 3. PostgreSQL ---------------------------------------------------------------------------
PG_STATE=""
# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
    local rc=$?
    if [[ -n "$PG_STATE" ]]; then
        CUIJIAO_PG_STATE="$PG_STATE" "$REPO_ROOT/scripts/pg-test-server.sh" stop >/dev/null 2>&1 ||
            warn "could not stop the test PostgreSQL server (state in $PG_STATE)"
        rm -f "$PG_STATE"
        PG_STATE=""
    fi
    return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n "${CUIJIAO_TEST_PG_URL:-}" ]]; then
    info "using the PostgreSQL server from the environment: CUIJIAO_TEST_PG_URL=$CUIJIAO_TEST_PG_URL"
else
    PG_STATE="$(mktemp "${TMPDIR:-/tmp}/cuijiao-pg-state.XXXXXX")"
    pg_out=""
    if pg_out="$(CUIJIAO_PG_STATE="$PG_STATE" "$REPO_ROOT/scripts/pg-test-server.sh" start)"; then
        CUIJIAO_TEST_PG_URL="$(printf '%s\n' "$pg_out" | sed -n 's/^CUIJIAO_TEST_PG_URL=//p' | tail -n 1)"
    fi
    if [[ -n "${CUIJIAO_TEST_PG_URL:-}" ]]; then
        export CUIJIAO_TEST_PG_URL
        info "CUIJIAO_TEST_PG_URL=$CUIJIAO_TEST_PG_URL"
    else
        rm -f "$PG_STATE"
        PG_STATE=""
        unset CUIJIAO_TEST_PG_URL
        if is_ci; then
            die "CI=true but the test PostgreSQL server could not be started (see above)"
        fi
        warn "no PostgreSQL server for the tests: the tests marked 'postgres' will be SKIPPED."
        warn "install PostgreSQL (Debian: sudo apt-get install postgresql) or set CUIJIAO_TEST_PG_URL"
    fi
fi

# --- 4. pytest -------------------------------------------------------------------------------
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
info "setup took $((SECONDS - T_START)) s; running pytest $*"
rc=0
"$VENV/bin/python" -m pytest "$@" </dev/null || rc=$?
case "$rc" in
    0) info "tests passed (total $((SECONDS - T_START)) s)" ;;
    5) printf '[cuijiao] ERROR: pytest collected no tests (exit 5): that counts as a failure\n' >&2 ;;
    *) printf '[cuijiao] ERROR: pytest exited with code %d (total %d s)\n' "$rc" "$((SECONDS - T_START))" >&2 ;;
esac
exit "$rc"
