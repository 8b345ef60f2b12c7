#!/usr/bin/env bash
# The whole test suite: lint, Django checks, migrations in sync, pytest. Expects DATABASE_URL
# (scripts/with-postgres.sh provides a throwaway PostgreSQL); extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
export DJANGO_SETTINGS_MODULE=familie_portal.settings.test

echo "== ruff"
"$bin/ruff" check .
echo "== manage.py check"
"$bin/python" manage.py check --fail-level WARNING
echo "== makemigrations --check"
"$bin/python" manage.py makemigrations --check --dry-run >/dev/null \
  || { "$bin/python" manage.py makemigrations --check --dry-run; exit 1; }
echo "== pytest"
"$bin/python" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
