"""Helpers for the quality tests that leave the test process: database URL, PostgreSQL control, servers."""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """URL of the test database pytest-django created (it holds the committed demo content)."""
    db = connection.settings_dict
    if "postgresql" not in db["ENGINE"]:
        pytest.skip("needs PostgreSQL (run through scripts/with-postgres.sh)")
    user = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresCluster:
    """The throwaway cluster of scripts/with-postgres.sh (PORTAL_TEST_PGDATA / PORTAL_TEST_PGBIN)."""

    def __init__(self):
        self.data = os.environ.get("PORTAL_TEST_PGDATA")
        self.bin = os.environ.get("PORTAL_TEST_PGBIN")
        if not (self.data and self.bin):
            pytest.skip("needs the throwaway cluster of scripts/with-postgres.sh (PORTAL_TEST_PGDATA/PGBIN)")
        self.log = os.environ.get("PORTAL_TEST_PGLOG", "/dev/null")

    def _run(self, *args, timeout=60, check=True):
        command = [os.path.join(self.bin, args[0]), *args[1:]]
        if os.geteuid() == 0:  # the cluster belongs to `postgres`; initdb/pg_ctl refuse root
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=timeout)

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", self.data, "status", check=False).returncode == 0

    def tool(self, name: str) -> str:
        return os.path.join(self.bin, name)

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def start(self):
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "30", "start")


def get(url: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "familie-portal-tests"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (local server)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Server:
    """gunicorn serving the portal in a subprocess (the test process keeps its own connections)."""

    def __init__(self, *, env: dict, workers: int = 1, threads: int = 1, settings="familie_portal.settings.test",
                 ready_path: str = "/healthz"):
        self.port = free_port()
        self.ready_path = ready_path
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **env}
        self.log_path = Path(tempfile.gettempdir()) / f"familie-portal-gunicorn-{self.port}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "familie_portal.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--threads", str(threads), "--timeout", "60", "--access-logfile", "-"],
            cwd=ROOT, env=full_env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log()}")
            try:
                status, _, _ = get(self.url + self.ready_path, timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s: {self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()
        self.log_path.unlink(missing_ok=True)  # its tail is in the failure message where it matters


def unavailable(what: str):
    """A service the test needs is missing: skip loudly, but fail under CI=true (scripts/ensure-services.sh)."""
    message = f"{what} (scripts/ensure-services.sh installs it as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"missing in CI: {message}")
    pytest.skip(f"SKIPPED LOUDLY: {message}")


def program(name: str) -> str:
    import shutil

    path = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.path.exists(p)),
                                      None)
    if path is None:
        unavailable(f"{name} is not installed")
    return path


def wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


class RedisServer:
    """redis-server as the shared cache runs it: no persistence (a cache), evicting least recently used keys."""

    def __init__(self, port: int | None = None):
        self.binary = program("redis-server")
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def pause(self):
        """Hung, not gone: connections stay open, commands time out (and the data is kept)."""
        import signal

        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        import signal

        self.process.send_signal(signal.SIGCONT)


HOST = "localhost"


def render_nginx_conf(values: dict[str, str]) -> str:
    """What `envsubst '${PORTAL_...}'` does with the repository's file (README "Deployment")."""
    text = (ROOT / "deploy" / "nginx" / "familie_portal.conf").read_text()
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = set(re.findall(r"\$\{(PORTAL_[A-Z_]+)\}", text.split("\nupstream", 1)[1]))
    assert not left, f"placeholders without a value: {left}"
    return text


class Nginx:
    """nginx with deploy/nginx/familie_portal.conf in front of `upstreams`, on free ports unless given."""

    def __init__(self, tmp, *, upstreams: list[int], static_root, media_root, cert, key, http_port=None,
                 https_port=None):
        self.binary = program("nginx")
        tmp.mkdir(parents=True, exist_ok=True)
        self.http_port, self.https_port = http_port or free_port(), https_port or free_port()
        self.origin = f"https://{HOST}" + ("" if self.https_port == 443 else f":{self.https_port}")
        site = render_nginx_conf({
            "PORTAL_SERVER_NAME": HOST,
            "PORTAL_PUBLIC_ORIGIN": self.origin,
            "PORTAL_HTTP_PORT": str(self.http_port),
            "PORTAL_HTTPS_PORT": str(self.https_port),
            "PORTAL_TLS_CERT": str(cert),
            "PORTAL_TLS_KEY": str(key),
            "PORTAL_UPSTREAM_SERVERS": " ".join(f"server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;"
                                                for port in upstreams),
            "PORTAL_STATIC_ROOT": str(static_root),
            "PORTAL_MEDIA_ROOT": str(media_root),
            "PORTAL_LOG_DIR": str(tmp),
            "PORTAL_PROXY_CACHE_DIR": str(tmp / "proxy-cache"),
        })
        (tmp / "familie_portal.conf").write_text(site)
        # The distribution's nginx.conf, reduced to what a throwaway instance needs.
        user = "user root;" if os.geteuid() == 0 else ""
        (tmp / "nginx.conf").write_text(f"""
            {user}
            daemon off;
            worker_processes 1;
            pid {tmp}/nginx.pid;
            error_log {tmp}/error.log warn;
            events {{ worker_connections 256; }}
            http {{
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                sendfile on;
                client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
                fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
                include {tmp}/familie_portal.conf;
            }}
        """)
        self.tmp = tmp
        test = subprocess.run([self.binary, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                              capture_output=True, text=True, check=False)
        assert test.returncode == 0, test.stderr
        self.process = subprocess.Popen([self.binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.https_port)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def access_log(self, expect: str = "") -> str:
        """The access log, once it holds `expect` (nginx writes a line after the response went out)."""
        path = self.tmp / "familie_portal.access.log"
        deadline = time.monotonic() + 3
        while True:
            text = path.read_text() if path.exists() else ""
            if expect in text or time.monotonic() > deadline:
                return text
            time.sleep(0.05)


def public_media_policy(bucket: str) -> str:
    """The bucket policy of the README: everyone may read the media, except the media library's private files."""
    import json

    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "NotResource": [f"arn:aws:s3:::{bucket}/filer_private/*", f"arn:aws:s3:::{bucket}/filer_private_thumbnails/*"],
    }]})


class S3Server:
    """An S3-compatible object store for the media: moto's server mode (`python -m moto.server`), a real
    HTTP server in its own process speaking the S3 API, in memory. One bucket, made with boto3."""

    def __init__(self, bucket: str = "familie-portal-media"):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.bucket = bucket
        self.env = {
            "PORTAL_MEDIA_S3_BUCKET": bucket, "AWS_S3_ENDPOINT_URL": self.endpoint, "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "portal-test", "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, timeout=60)
        self.client().create_bucket(Bucket=bucket)
        self.client().put_bucket_policy(Bucket=bucket, Policy=public_media_policy(bucket))

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id="portal-test", aws_secret_access_key="portal-test-secret")

    def objects(self) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
