"""
Backups: the README's commands, run for real. The test database (with the demo content) is dumped
with pg_dump and restored into a fresh database; the media bucket (an S3-compatible server holding
the demo's files) is copied to a folder with scripts/media_bucket.py and back into a new, empty
store. A server on the restored database and the restored bucket serves the same portal and the
same files.
"""

import os
import re
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.db import connection

from tests.quality.support import ROOT, PostgresCluster, S3Server, Server, database_url, get

pytestmark = [pytest.mark.serial, pytest.mark.django_db]
COUNTED_TABLES = ["cms_page", "cms_pagecontent", "cms_placeholder", "cms_cmsplugin", "djangocms_text_text",
                  "djangocms_versioning_version", "djangocms_alias_aliascontent", "auth_user", "auth_group",
                  "managers_organisation", "managers_municipality"]


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)
                for table in COUNTED_TABLES}


@pytest.fixture
def restored_url(tmp_path):
    cluster = PostgresCluster()
    source = database_url()
    db = connection.settings_dict
    target_name = f"restored_{uuid.uuid4().hex[:8]}"
    target = source.rsplit("/", 1)[0] + "/" + target_name
    dump = tmp_path / "familie_portal.dump"
    # The commands of the README's "Backups" section.
    subprocess.run([cluster.tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", source],
                   check=True, timeout=120)
    subprocess.run([cluster.tool("createdb"), "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], target_name],
                   check=True, timeout=60)
    try:
        subprocess.run([cluster.tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={target}", str(dump)],
                       check=True, timeout=300)
        yield target
    finally:
        subprocess.run([cluster.tool("dropdb"), "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"],
                        "--force", target_name], check=False, timeout=60)


def _media_bucket(command: str, folder, s3: S3Server) -> None:
    subprocess.run([sys.executable, "scripts/media_bucket.py", command, str(folder)], cwd=ROOT,
                   env={**os.environ, **s3.env}, check=True, capture_output=True, timeout=120)


@pytest.fixture
def restored_bucket(tmp_path, settings):
    """The live bucket (the demo's files), backed up to a folder, restored into a new store."""
    live = S3Server()
    restored = None
    try:
        _media_bucket("upload", settings.MEDIA_ROOT, live)
        backup = tmp_path / "media-backup"
        _media_bucket("download", backup, live)
        live.stop()  # the store is lost
        restored = S3Server()
        _media_bucket("upload", backup, restored)
        yield restored, backup
    finally:
        live.stop()
        if restored is not None:
            restored.stop()


def test_restored_dump_and_bucket_serve_the_same_portal(client, restored_url, restored_bucket):
    source_counts = _counts(database_url())
    assert source_counts["cms_pagecontent"] > 0 and source_counts["djangocms_versioning_version"] > 0
    assert _counts(restored_url) == source_counts

    s3, backup = restored_bucket
    bucket = f"{s3.endpoint}/{s3.bucket}/"
    server = Server(env={"DATABASE_URL": restored_url, **s3.env})
    try:
        for path in ["/", "/en/", "/kommunen/bochum/", "/barrierefreiheit/"]:
            status, _, body = get(server.url + path)
            assert status == 200, path
            # Absolute links (canonical, hreflang, Open Graph) name the host that was asked; the test
            # process keeps its media on the file system (/media/…), the restored server in the bucket.
            restored = body.decode().replace(server.url, "http://testserver")
            for url in set(re.findall(re.escape(bucket) + r'[^"\s,]+', restored)):
                status, _, data = get(url)
                assert status == 200, url
                original = backup / url[len(bucket):]
                if original.exists():  # (thumbnails made on the restored server are new)
                    assert data == original.read_bytes(), url
            assert restored.replace(bucket, "/media/") == client.get(path).content.decode(), (
                f"{path} differs on the restored copy")
        assert re.search(re.escape(bucket) + "filer_public/", get(server.url + "/kommunen/bochum/")[2].decode())
    finally:
        server.stop()
