# Sourced by scripts/*: make sure .venv exists with the generator installed.
#
# The generator comes from requirements.txt (the released package), or from
# RECOVERY_SITE_PACKAGE when set: a path to a wheel or checkout, or a URL, e.g.
#   RECOVERY_SITE_PACKAGE=../recovery-site ./scripts/serve
# .venv is rebuilt when requirements.txt or RECOVERY_SITE_PACKAGE changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

want="$(sha256sum requirements.txt | cut -d' ' -f1):${RECOVERY_SITE_PACKAGE:-}"
have=""
[ -f "$VENV/.installed" ] && have="$(cat "$VENV/.installed")"
if ! { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c '' 2>/dev/null && [ "$want" = "$have" ]; }; then
  python=""
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python="$(command -v "$candidate")"
      break
    fi
  done
  if [ -z "$python" ]; then
    echo "error: Python 3.11 or newer is needed; install it first" >&2
    exit 1
  fi
  [ -x "$VENV/bin/python" ] || "$python" -m venv "$VENV"
  echo "==> installing the generator into .venv"
  if [ -n "${RECOVERY_SITE_PACKAGE:-}" ]; then
    "$VENV/bin/python" -m pip install --quiet "$RECOVERY_SITE_PACKAGE"
  else
    "$VENV/bin/python" -m pip install --quiet -r requirements.txt
  fi
  echo "$want" > "$VENV/.installed"
fi
export PATH="$VENV/bin:$PATH"
