# Sourced by scripts/*: make sure .venv exists and matches pyproject.toml.
#
# The venv is (re)built when it is missing, when pyproject.toml changed since
# the last install (its hash is kept in .venv/.installed), or when its Python
# is gone. Every script can therefore be the first command on a fresh clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT"

# MkDocs 1.6 + Material 9.8 print an end-of-life banner on every build; the
# README explains the plan, so keep build output about the site.
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
  local want have=""
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
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
  echo "==> installing the project and its test tools into .venv (pyproject.toml changed or new)"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  echo "$want" > "$VENV/.installed"
}

ensure_venv
export PATH="$VENV/bin:$PATH"
