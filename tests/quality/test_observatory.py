"""
The MDN HTTP Observatory grades the portal A+ when it runs with the production settings behind nginx
with the repository's configuration (deploy/nginx/familie_portal.conf), as deployed.

The scanner (npm package @mdn/mdn-http-observatory, in tests/observatory/) always requests
http://<host>/ and https://<host>/ on the standard ports, so this test runs nginx on port 80
(redirecting) and 443 (TLS with a throwaway self-signed certificate the scanner is told to trust)
in front of one gunicorn server. Binding those ports needs root: elsewhere
the test skips, and under CI=true it fails instead.

The scanner's install step downloads the HSTS preload list; offline, scripts/ensure-browser.sh
installs it without that step and writes an empty list (localhost is not preloaded anyway).
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.quality.support import ROOT, Nginx, Server, database_url

pytestmark = [pytest.mark.serial, pytest.mark.django_db]
SCANNER = ROOT / "tests" / "observatory"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Observatory scan cannot run in CI: {reason}")
    pytest.skip(f"Observatory scan skipped: {reason}")


@pytest.fixture
def certificate(tmp_path):
    if not shutil.which("openssl"):
        _unavailable("openssl is missing")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )
    return key, cert


@pytest.fixture
def production_servers(certificate, tmp_path):
    if os.geteuid() != 0:
        _unavailable("serving on ports 80 and 443 needs root")
    if not (SCANNER / "node_modules" / "@mdn" / "mdn-http-observatory").is_dir() or not shutil.which("node"):
        _unavailable("node or tests/observatory/node_modules is missing (scripts/ensure-browser.sh installs them)")
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        _unavailable("nginx is missing (scripts/ensure-services.sh installs it)")
    key, cert = certificate
    env = {
        "DJANGO_SETTINGS_MODULE": "familie_portal.settings.production",
        "SECRET_KEY": "observatory-" + "x" * 50,
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PORTAL_CLIENT_IP_HEADER": "X-Real-IP",
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env={**os.environ, **env}, check=True, timeout=300)
    # As deployed: gunicorn behind nginx with the repository's configuration (TLS, the redirect).
    server = Server(env=env, settings=env["DJANGO_SETTINGS_MODULE"], ready_path="/livez")
    (tmp_path / "media").mkdir()
    try:
        proxy = Nginx(tmp_path / "nginx", upstreams=[server.port], static_root=tmp_path / "static",
                      media_root=tmp_path / "media", cert=cert, key=key, http_port=80, https_port=443)
    except Exception as error:
        server.stop()
        _unavailable(f"nginx could not start on ports 80/443: {error}")
    yield cert
    proxy.stop()
    server.stop()


def test_observatory_grades_production_settings_a_plus(production_servers, record_property):
    result = subprocess.run(
        ["node", "scan.mjs", "localhost"], cwd=SCANNER, capture_output=True, text=True, timeout=180,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(production_servers)},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    report = json.loads(result.stdout)
    record_property("observatory_grade", report["scan"]["grade"])
    record_property("observatory_score", report["scan"]["score"])
    print(f"\nObservatory: {report['scan']['grade']} ({report['scan']['score']}/100), "
          f"{report['scan']['testsPassed']}/{report['scan']['testsQuantity']} tests passed")
    failed = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    assert failed == {}
    assert report["scan"]["grade"] == "A+"
    assert report["tests"]["redirection"]["result"] == "redirection-to-https"
    assert report["tests"]["content-security-policy"]["result"] == "csp-implemented-with-no-unsafe"
