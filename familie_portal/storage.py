"""
The media storage on an S3-compatible bucket (PORTAL_MEDIA_S3_BUCKET): django-storages' S3Storage with one
rule of the portal. Profile photos and their thumbnails (stored beside them, managers.models) are revalidated
on every use (Cache-Control: no-cache) instead of kept for a week: a photo deleted with a withdrawn consent
(managers.services) must not stay reachable in a cache in front of the bucket (a CDN) or a browser's cache.
nginx says the same for them on the file system (deploy/nginx/familie_portal.conf).
"""

from storages.backends.s3 import S3Storage

# Folders of personal data: a file there may have to disappear for every visitor at once.
REVALIDATED_FOLDERS = ("familienmanager/",)


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if name.startswith(REVALIDATED_FOLDERS):
            parameters["CacheControl"] = "no-cache"
        return parameters
