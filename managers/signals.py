"""A profile's photo files (original and thumbnails) go with the profile or the replaced (or removed) photo,
and a deleted profile's history keeps no photo or contact data (managers.services).

Files are removed only once the transaction commits: a rolled-back delete keeps its photo.
"""

import posixpath

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from managers.models import FamilyManager
from managers.services import scrub_history_now_and_on_commit


def _delete_photo_on_commit(field_file, *, keep_for=None) -> None:
    if not field_file:
        return
    # A draft of a published profile shares its photo (familie_portal.drafts): the file goes with
    # the last profile row naming it.
    if FamilyManager.objects.filter(photo=field_file.name).exclude(pk=keep_for).exists():
        return

    def delete():
        field_file.delete_thumbnails()
        _delete_unlisted_thumbnails(field_file)
        field_file.delete(save=False)

    transaction.on_commit(delete)


def _delete_unlisted_thumbnails(field_file) -> None:
    """
    Thumbnail files of the photo that easy-thumbnails' table does not list: its default namer stores
    them beside the original as "<photo name>.<options>.<extension>", and a photo's name is random, so
    every file starting with it belongs to this photo. CI runs left such a file in the bucket twice
    (the table no longer named it), and a deleted person's picture must not stay reachable.
    """
    storage = field_file.thumbnail_storage
    directory, name = posixpath.split(field_file.name)
    try:
        files = storage.listdir(directory)[1]
    except FileNotFoundError:  # a local folder that is gone already
        return
    for file_name in files:
        if file_name.startswith(f"{name}."):
            storage.delete(posixpath.join(directory, file_name))


@receiver(post_delete, sender=FamilyManager)
def delete_photo_with_profile(sender, instance, **kwargs):
    # post_delete fires for queryset (bulk) deletes too, unlike Model.delete().
    _delete_photo_on_commit(instance.photo, keep_for=instance.pk)
    # A deletion request: a recovered entry must not bring the photo or the contact data back.
    scrub_history_now_and_on_commit(instance.pk)


@receiver(pre_save, sender=FamilyManager)
def delete_replaced_photo(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = FamilyManager.objects.filter(pk=instance.pk).values_list("photo", flat=True).first()
    if old and old != instance.photo.name:
        _delete_photo_on_commit(FamilyManager(pk=instance.pk, photo=old).photo, keep_for=instance.pk)
