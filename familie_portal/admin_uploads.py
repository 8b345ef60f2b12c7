"""
Site-wide admin changes.

django-filer's upload endpoint (used by the media library, the clipboard and every image/file
field's drop zone) checks an upload with the portal's validator BEFORE filer builds its model
form: filer reads the image header there and would answer an oversized image in English with its
own limit. Refused uploads never reach filer, so no File row and no stored file is left behind.
The same validator also runs inside filer (settings: FILER_ADD_FILE_VALIDATORS) for its other
upload paths.
"""

import mimetypes

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path
from django.utils.datastructures import MultiValueDict
from filer.admin.clipboardadmin import UPLOAD_ERROR, ClipboardAdmin, ajax_upload
from filer.models import Clipboard
from filer.utils.files import UploadException, handle_upload

from familie_portal.validators import validate_filer_upload


def _error(request, message):
    messages.error(request, message)
    return JsonResponse({"error": str(message)}, status=400)  # the answer filer's uploader shows


def checked_ajax_upload(request, folder_id=None):
    if request.method != "POST" or not request.user.has_perm("filer.add_file"):
        return ajax_upload(request, folder_id=folder_id)  # filer answers (403 / 400)
    if not request.FILES and request.headers.get("x-requested-with") == "XMLHttpRequest":
        # A raw upload (file name in ?qqfile=): read it with filer's own reader and hand it on
        # as the one uploaded file, so filer takes the same path as for a multipart upload.
        try:
            upload = handle_upload(request)[0]
        except UploadException:
            return _error(request, UPLOAD_ERROR)
        request._files = MultiValueDict({"file": [upload]})
    if len(request.FILES) == 1:
        upload = next(iter(request.FILES.values()))
        try:
            validate_filer_upload(upload.name, upload, request.user, mimetypes.guess_type(upload.name)[0])
        except ValidationError as error:
            return _error(request, " ".join(error.messages))
    return ajax_upload(request, folder_id=folder_id)


class PortalClipboardAdmin(ClipboardAdmin):
    def get_urls(self):
        upload = self.admin_site.admin_view(checked_ajax_upload)
        # Same names as filer's own patterns, listed first: reverse() and requests find these.
        return [
            path("operations/upload/<int:folder_id>/", upload, name="filer-ajax_upload"),
            path("operations/upload/no_folder/", upload, name="filer-ajax_upload"),
        ] + super().get_urls()


admin.site.unregister(Clipboard)
admin.site.register(Clipboard, PortalClipboardAdmin)
