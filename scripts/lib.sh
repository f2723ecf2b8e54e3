# shellcheck shell=bash
# Shared helpers for the scripts in scripts/. Source it, do not run it:
#     source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sourcing it sets REPO_ROOT, cds there, and defines:
#   info / warn / die                 messages on stderr, prefixed with [cuijiao]
#   run_logged "what" cmd...          run quietly, output to $CUIJIAO_SETUP_LOG, shown on failure
#   ensure_debian_packages "why" pkg… install missing Debian packages (root + apt-get only)
#   ensure_venv                       create $VENV (default .venv) and pip install -e '.[test]'
#                                     when pyproject.toml changed since the last install
#   have_display                      true if a GUI can be shown (Linux: $DISPLAY/$WAYLAND_DISPLAY)
#
# Environment overrides:
#   CUIJIAO_VENV=/path        use another virtual environment (default: <repo>/.venv)
#   CUIJIAO_PYTHON=python3.12 interpreter used to create the venv (default: first python3.x >= 3.11)
#   CUIJIAO_FORCE_INSTALL=1   reinstall the project into the venv even if pyproject.toml is unchanged
#   CUIJIAO_SKIP_APT=1        never call apt-get (only print what is missing)
#   CUIJIAO_SETUP_LOG=/path   where the quiet install steps write their output

if [[ -n "${_CUIJIAO_LIB_LOADED:-}" ]]; then
    return 0
fi
_CUIJIAO_LIB_LOADED=1

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export REPO_ROOT
cd "$REPO_ROOT" || return 1

VENV="${CUIJIAO_VENV:-$REPO_ROOT/.venv}"
# Make a relative override absolute (it is taken relative to the repo root).
case "$VENV" in /*) ;; *) VENV="$REPO_ROOT/$VENV" ;; esac
export VENV

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1

# Runtime libraries PySide6's wheels expect from the system (xcb platform plugin, EGL/GL,
# fontconfig, D-Bus, GLib) and CJK fonts so Chinese text does not render as boxes.
# shellcheck disable=SC2034  # used by the scripts that source this file
QT_RUNTIME_PACKAGES=(
    libegl1 libgl1 libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libfontconfig1 libdbus-1-3
)
# shellcheck disable=SC2034
CJK_FONT_PACKAGES=(fonts-wqy-microhei fonts-noto-cjk)

info() { printf '[cuijiao] %s\n' "$*" >&2; }
warn() { printf '[cuijiao] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[cuijiao] ERROR: %s\n' "$*" >&2
    exit 1
}

is_root() { [[ "$(id -u)" == 0 ]]; }
is_ci() { [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]; }
is_linux() { [[ "$(uname -s)" == Linux ]]; }
can_apt() { is_root && command -v apt-get >/dev/null 2>&1 && [[ "${CUIJIAO_SKIP_APT:-}" != 1 ]]; }

# The quiet install steps log here; a top-level script run starts a fresh log, scripts it calls
# append to the same file.
if [[ -z "${CUIJIAO_SETUP_LOG:-}" ]]; then
    CUIJIAO_SETUP_LOG="${TMPDIR:-/tmp}/cuijiao-setup-$(id -u).log"
    : >"$CUIJIAO_SETUP_LOG" 2>/dev/null || CUIJIAO_SETUP_LOG="$(mktemp -t cuijiao-setup.XXXXXX)"
fi
export CUIJIAO_SETUP_LOG

setup_log() { printf '%s\n' "$CUIJIAO_SETUP_LOG"; }

# run_logged "what it does" cmd args...: output goes to the setup log; on failure the tail of
# the log is printed and the command's exit code is returned.
run_logged() {
    local what="$1" log rc=0
    shift
    log="$(setup_log)"
    {
        printf '\n===== %s: %s\n$ %s\n' "$(date '+%F %T')" "$what" "$*"
    } >>"$log"
    "$@" </dev/null >>"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
        printf '[cuijiao] ERROR: %s failed (exit %d). Last lines of %s:\n' "$what" "$rc" "$log" >&2
        tail -n 60 "$log" | sed 's/^/    /' >&2
    fi
    return "$rc"
}

# Prints the given Debian packages that are not installed (one per line). On systems without
# dpkg-query prints nothing (we cannot tell, and those systems get packages another way).
missing_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local installed
    installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null |
        awk '$2 == "ii" {print $1}' | sed 's/:.*//' | sort -u)" || true
    local p
    for p in "$@"; do
        grep -qxF "$p" <<<"$installed" || printf '%s\n' "$p"
    done
}

_CUIJIAO_APT_UPDATED="${_CUIJIAO_APT_UPDATED:-}"
apt_update_once() {
    [[ -n "$_CUIJIAO_APT_UPDATED" ]] && return 0
    info "apt-get update (log: $(setup_log))"
    run_logged "apt-get update" apt-get update ||
        { sleep 5 && run_logged "apt-get update (retry)" apt-get update; } || return 1
    _CUIJIAO_APT_UPDATED=1
    export _CUIJIAO_APT_UPDATED
}

# ensure_debian_packages "why" pkg...: returns 0 when all are present (or were installed),
# 1 when some are missing and could not be installed (a message says what to run).
ensure_debian_packages() {
    local why="$1"
    shift
    is_linux || return 0
    command -v dpkg-query >/dev/null 2>&1 || {
        info "not a Debian/Ubuntu system: make sure these (or your distribution's equivalents) are installed for $why: $*"
        return 0
    }
    local missing=()
    mapfile -t missing < <(missing_debian_packages "$@")
    ((${#missing[@]} == 0)) && return 0
    if ! can_apt; then
        local sudo=""
        is_root || sudo="sudo "
        warn "missing Debian packages for $why: ${missing[*]}"
        warn "install them with: ${sudo}apt-get install --no-install-recommends ${missing[*]}"
        return 1
    fi
    apt_update_once || return 1
    info "installing Debian packages for $why: ${missing[*]}"
    local t0=$SECONDS
    run_logged "apt-get install ${missing[*]}" \
        apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" || return 1
    info "installed in $((SECONDS - t0)) s"
}

# Prints the interpreter to build the venv with (Python >= 3.11), or fails.
find_python() {
    local candidates=() c
    if [[ -n "${CUIJIAO_PYTHON:-}" ]]; then
        candidates=("$CUIJIAO_PYTHON")
    else
        candidates=(python3 python3.13 python3.12 python3.11 python)
    fi
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 &&
            "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

_venv_works() {
    [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import sys, pip' >/dev/null 2>&1
}

# Creates $VENV if it is missing or broken.
_create_venv() {
    local py
    py="$(find_python)" || die "Python 3.11 or newer is needed (python3 --version says: $(python3 --version 2>&1 || echo 'not found')). Install it, or set CUIJIAO_PYTHON=/path/to/python3.11"
    if ! "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        # Debian/Ubuntu ship venv's ensurepip separately.
        local ver
        ver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
        if can_apt; then
            apt_update_once || die "apt-get update failed"
            local pkgs=() p
            for p in python3-venv "python${ver}-venv"; do
                if [[ -n "$(missing_debian_packages "$p")" ]] && apt-cache show "$p" >/dev/null 2>&1; then
                    pkgs+=("$p")
                fi
            done
            ((${#pkgs[@]} > 0)) ||
                die "$py has no working 'venv' module, and python3-venv/python${ver}-venv are installed or unknown to apt-get; use another Python (CUIJIAO_PYTHON=...)"
            info "installing ${pkgs[*]} (the Python 'venv' module is missing)"
            run_logged "apt-get install ${pkgs[*]}" \
                apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${pkgs[@]}" ||
                die "could not install ${pkgs[*]}"
        else
            die "$py has no working 'venv' module. On Debian/Ubuntu run: sudo apt-get install python3-venv python${ver}-venv  (then run this script again)"
        fi
    fi
    info "creating virtual environment $VENV with $py ($("$py" --version 2>&1))"
    if [[ -e "$VENV" ]]; then
        warn "$VENV exists but is broken; recreating it"
        run_logged "python -m venv --clear $VENV" "$py" -m venv --clear "$VENV" || die "could not create $VENV"
    else
        run_logged "python -m venv $VENV" "$py" -m venv "$VENV" || die "could not create $VENV"
    fi
    _venv_works || die "the new virtual environment $VENV does not work (see $(setup_log))"
}

_install_stamp_value() {
    {
        cat "$REPO_ROOT/pyproject.toml"
        printf '\nrepo=%s\n' "$REPO_ROOT"
        "$VENV/bin/python" -c 'import sys; print(sys.version)'
    } | sha256sum | cut -d' ' -f1
}

# Creates the venv if needed and installs the project (editable, with test extras) when
# pyproject.toml changed since the last successful install.
ensure_venv() {
    _venv_works || _create_venv
    local stamp="$VENV/.cuijiao-install-stamp" want have=""
    want="$(_install_stamp_value)"
    [[ -f "$stamp" ]] && have="$(cat "$stamp")"
    if [[ "$want" == "$have" && "${CUIJIAO_FORCE_INSTALL:-}" != 1 ]] &&
        "$VENV/bin/python" -c 'import importlib.metadata as m; m.distribution("cuijiao-desktop")' >/dev/null 2>&1; then
        return 0
    fi
    info "installing the project into $VENV (pip install -e '.[test]'; log: $(setup_log))"
    local t0=$SECONDS
    rm -f "$stamp"
    run_logged "pip install -e .[test]" \
        "$VENV/bin/python" -m pip install --progress-bar off -e "${REPO_ROOT}[test]" ||
        die "pip install failed; fix the problem above and run the script again"
    printf '%s\n' "$want" >"$stamp"
    info "project installed in $((SECONDS - t0)) s"
}

have_display() {
    is_linux || return 0
    [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]
}
