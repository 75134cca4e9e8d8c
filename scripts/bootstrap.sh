# Sourced by ./run and ./run-tests: make sure .venv exists and matches pyproject.toml.
# Sets PY to the virtual environment's python.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.pm-workload-installed"

python_cmd() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "PM Workload needs Python 3.11 or newer; none was found on PATH." >&2
    return 1
}

if [ ! -x "$PY" ]; then
    base="$(python_cmd)"
    if ! "$base" -m venv "$VENV" 2>/dev/null; then
        # Debian splits venv out of the interpreter package.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
            "$base" -m venv "$VENV"
        else
            echo "Could not create a virtual environment; install python3-venv." >&2
            exit 1
        fi
    fi
fi

# Every package comes pinned, with its hash, from requirements.lock (made by scripts/lock), so
# a developer's machine, CI and the bundle run the same versions. The project itself is then
# installed without resolving anything, with the locked setuptools.
want="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
    echo "Setting up .venv (one-off, about a minute)…" >&2
    log="$VENV/pip-install.log"
    if ! { "$PY" -m pip install --disable-pip-version-check --require-hashes \
               -r "$ROOT/requirements.lock" &&
           "$PY" -m pip install --disable-pip-version-check --no-deps --no-build-isolation \
               --config-settings editable_mode=compat -e "$ROOT"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "Installing the packages failed; the full log is in $log" >&2
        exit 1
    fi
    echo "$want" > "$STAMP"
fi
# Byte-compile the project once per change, so start-up never compiles sources
# (matters where PYTHONDONTWRITEBYTECODE is set; an installed wheel does this too).
"$PY" -m compileall -q -j 0 "$ROOT/app" "$ROOT/ui" "$ROOT/storage" >/dev/null 2>&1 || true

# Qt's libraries need a few system ones; a bare Debian may lack them.
if ! "$PY" -c 'import PySide6.QtGui' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing the system libraries Qt needs…" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libegl1 libxkbcommon0 \
            libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 \
            libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 fonts-dejavu-core >/dev/null
    else
        echo "Qt could not load; install libgl1 libegl1 libxkbcommon0 libfontconfig1." >&2
    fi
fi
