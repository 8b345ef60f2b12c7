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

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0
echo "== pytest (parallel)"
run_pytest -n "${PYTEST_WORKERS:-2}" -m "not serial" --junitxml="$reports/parallel.xml" "$@" || status=$?
echo "== pytest (serial: outage, backup, servers, browser)"
run_pytest -p no:xdist -m serial --junitxml="$reports/serial.xml" "$@" || status=$?

# One closing line for both runs.
"$bin/python" - "$reports"/*.xml <<'PY'
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - pytest's own report

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for path in sys.argv[1:]:
    for suite in ET.parse(path).getroot().iter("testsuite"):  # noqa: S314
        for key in totals:
            totals[key] += int(suite.get(key, 0))
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"total: {passed} passed, {failed} failed, {totals['skipped']} skipped")
PY
exit "$status"
