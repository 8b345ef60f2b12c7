#!/usr/bin/env bash
# The whole test suite: lint, Django checks, migrations in sync, pytest. Expects DATABASE_URL
# (scripts/with-postgres.sh provides a throwaway PostgreSQL); extra arguments go to pytest.
#
# pytest runs twice: first everything except the `serial` group on 2 workers, then the `serial`
# group alone (tests that stop/restart PostgreSQL, dump/restore it, or start app servers and a
# browser - they must not run beside other tests on the shared cluster).
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

# pytest exits 5 when a selection holds no test (e.g. ARGS name only parallel tests): not a failure.
run_pytest() {
  local rc=0
  "$bin/python" -m pytest "$@" || rc=$?
  [ "$rc" = 5 ] && rc=0
  return "$rc"
}

echo "== pytest (parallel)"
run_pytest -n "${PYTEST_WORKERS:-2}" -m "not serial" "$@"
echo "== pytest (serial: outage, backup, servers, browser)"
run_pytest -p no:xdist -m serial "$@"
