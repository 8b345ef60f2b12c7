#!/usr/bin/env bash
# Makes the production-stack tests runnable (tests/quality/test_scale_out.py, test_redis_cache.py,
# test_mail.py): nginx, redis-server and openssl from the distribution. Installs them only as root
# (apt-get; `apt-get update` once when the first try fails); otherwise it says loudly what is missing,
# and those tests skip (and fail under CI=true).
set -uo pipefail

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-services: installing ${missing[*]}"
  install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
  install >/dev/null 2>&1 || { apt-get update -qq && install; } \
    || echo "ensure-services: COULD NOT INSTALL ${missing[*]}: the stack tests will skip (and fail under CI=true)" >&2
  # Debian starts the services it installs where systemd runs; the tests start their own instances.
  for service in nginx redis-server; do
    command -v systemctl >/dev/null 2>&1 && systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
else
  echo "************************************************************************************" >&2
  echo "ensure-services: MISSING ${missing[*]} (not root, not installing)." >&2
  echo "The production-stack tests (nginx, Redis) will SKIP. Install: apt-get install ${missing[*]}" >&2
  echo "************************************************************************************" >&2
fi
exit 0
