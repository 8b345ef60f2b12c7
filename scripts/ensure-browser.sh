#!/usr/bin/env bash
# Makes the browser suite (tests/browser) runnable: the distribution's Chromium and node, a Java
# runtime for the HTML checker (vnu-jar, tests/quality/test_valid_html.py), and
# tests/browser/node_modules from package-lock.json (`npm ci`). Installs packages only as root;
# otherwise it says what is missing, and the browser test skips loudly (and fails under CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browser: installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
      || echo "ensure-browser: could not install ${missing[*]}" >&2
  else
    echo "ensure-browser: missing ${missing[*]} (not root, not installing): the browser suite will skip" >&2
  fi
fi

if command -v npm >/dev/null 2>&1; then
  stamp=tests/browser/node_modules/.installed
  if [ ! -f "$stamp" ] || [ tests/browser/package-lock.json -nt "$stamp" ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) && touch "$stamp" \
      || echo "ensure-browser: npm ci failed: the browser suite will skip" >&2
  fi
fi
# The MDN HTTP Observatory scanner (tests/quality/test_observatory.py). Its install step would download
# the HSTS preload list, which this machine cannot: install without scripts, with an empty list.
if command -v npm >/dev/null 2>&1; then
  stamp=tests/observatory/node_modules/.installed
  if [ ! -f "$stamp" ] || [ tests/observatory/package-lock.json -nt "$stamp" ]; then
    (cd tests/observatory && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
      && echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json) && touch "$stamp" \
      || echo "ensure-browser: npm ci in tests/observatory failed: the Observatory test will skip" >&2
  fi
fi
command -v openssl >/dev/null 2>&1 || echo "ensure-browser: openssl is missing: the Observatory test will skip" >&2
exit 0
