"""
Backups: the README's pg_dump / pg_restore commands, run for real. The test database (with the
demo content) is dumped, restored into a fresh database, and a server on the restored copy
serves the same portal.
"""

import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from tests.quality.support import PostgresCluster, Server, database_url, get

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


def test_restored_dump_serves_the_same_portal(client, restored_url):
    source_counts = _counts(database_url())
    assert source_counts["cms_pagecontent"] > 0 and source_counts["djangocms_versioning_version"] > 0
    assert _counts(restored_url) == source_counts

    from django.conf import settings

    # The same uploaded files as the test process (the demo's blocks), as a restore brings the media back too.
    server = Server(env={"DATABASE_URL": restored_url, "PORTAL_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT)})
    try:
        for path in ["/", "/en/", "/kommunen/bochum/", "/barrierefreiheit/"]:
            status, _, body = get(server.url + path)
            assert status == 200, path
            # Absolute links (canonical, hreflang, Open Graph) name the host that was asked.
            restored = body.decode().replace(server.url, "http://testserver")
            assert restored == client.get(path).content.decode(), f"{path} differs on the restored copy"
    finally:
        server.stop()
