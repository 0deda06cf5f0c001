# Sourced by scripts/*: make sure .venv exists and matches pyproject.toml.
#
# The venv is (re)built when it is missing, when pyproject.toml changed since
# the last install (its hash is kept in .venv/.installed), or when its Python
# is gone. Every script can therefore be the first command on a fresh clone.
#
# RECOVERY_SITE_LOCK=requirements/ci.txt (set by the GitHub workflows) installs
# from that hash-locked file instead of resolving pyproject.toml's ranges: every
# package is pinned and its download checked against a known hash, wheels only,
# and the project itself is installed without touching the index. Unset, the
# default install below is unchanged. requirements/README.md says how to
# refresh the lock.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT"

# MkDocs 1.6 + Material 9.8 print an end-of-life banner on every build; the
# ARCHITECTURE.md explains the plan, so keep build output about the site.
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "error: Python 3.11 or newer is needed (python3.11, python3.12 ...); install it first" >&2
  return 1
}

ensure_venv() {
  local want have="" lock="${RECOVERY_SITE_LOCK:-}"
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -n "$lock" ]; then
    if [ ! -f "$lock" ]; then
      echo "error: RECOVERY_SITE_LOCK=$lock: no such file" >&2
      return 1
    fi
    # A different stamp from the default install's, so switching modes or
    # changing the lock reinstalls.
    want="lock:$want:$(sha256sum "$lock" | cut -d' ' -f1)"
  fi
  [ -f "$VENV/.installed" ] && have="$(cat "$VENV/.installed")"
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c '' 2>/dev/null && [ "$want" = "$have" ]; then
    return 0
  fi
  local python
  python="$(find_python)"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' 2>/dev/null; then
    echo "==> creating .venv with $("$python" --version)"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
  fi
  if [ -n "$lock" ]; then
    echo "==> installing the project and its test tools into .venv from $lock (hash-checked)"
    # No pip upgrade here: it would be the one unchecked download.
    "$VENV/bin/python" -m pip install --quiet --require-hashes --only-binary :all: -r "$lock"
    "$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e .
  else
    echo "==> installing the project and its test tools into .venv (pyproject.toml changed or new)"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  fi
  echo "$want" > "$VENV/.installed"
}

ensure_venv
export PATH="$VENV/bin:$PATH"
