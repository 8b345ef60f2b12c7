#!/usr/bin/env python3
"""
Copies the media bucket to a folder and back: the object storage part of the backup (README "Backups").

    scripts/media_bucket.py download /backup/media-2026-12-01   # bucket -> folder (backup)
    scripts/media_bucket.py upload /backup/media-2026-12-01     # folder -> bucket (restore, or moving
                                                                # MEDIA_ROOT into a new bucket)

Reads the portal's own settings from the environment: PORTAL_MEDIA_S3_BUCKET, AWS_S3_ENDPOINT_URL,
AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Keys are the files' paths below the folder;
a download replaces the folder's content (files no longer in the bucket are removed), an upload writes
every file and leaves other objects alone. The content type goes with each object (a restored page shows
the same images). Thumbnails are copied too, though easy-thumbnails would make them again.
"""

import mimetypes
import os
import sys
from pathlib import Path

import boto3


def _bucket():
    s3 = boto3.resource(
        "s3", endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        region_name=os.environ.get("AWS_S3_REGION_NAME") or None,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
    )
    return s3.Bucket(os.environ["PORTAL_MEDIA_S3_BUCKET"])


def download(folder: Path) -> int:
    bucket, kept = _bucket(), set()
    for item in bucket.objects.all():
        target = folder / item.key
        if not target.resolve().is_relative_to(folder.resolve()):
            raise SystemExit(f"refusing key outside the folder: {item.key}")
        target.parent.mkdir(parents=True, exist_ok=True)
        bucket.download_file(item.key, str(target))
        kept.add(target)
    for path in [p for p in folder.rglob("*") if p.is_file() and p not in kept]:
        path.unlink()
    return len(kept)


def upload(folder: Path) -> int:
    bucket, count = _bucket(), 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        bucket.upload_file(str(path), path.relative_to(folder).as_posix(), ExtraArgs={"ContentType": content_type})
        count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("download", "upload"):
        raise SystemExit(__doc__)
    folder = Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    count = (download if sys.argv[1] == "download" else upload)(folder)
    print(f"{sys.argv[1]}: {count} files, bucket {os.environ['PORTAL_MEDIA_S3_BUCKET']}, folder {folder}")
