"""A profile's photo files (original and thumbnails) go with the profile or the replaced photo.

Files are removed only once the transaction commits: a rolled-back delete keeps its photo.
"""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from managers.models import FamilyManager


def _delete_photo_on_commit(field_file, *, keep_for=None) -> None:
    if not field_file:
        return
    # A draft of a published profile shares its photo (familie_portal.drafts): the file goes with
    # the last profile row naming it.
    if FamilyManager.objects.filter(photo=field_file.name).exclude(pk=keep_for).exists():
        return

    def delete():
        field_file.delete_thumbnails()
        field_file.delete(save=False)

    transaction.on_commit(delete)


@receiver(post_delete, sender=FamilyManager)
def delete_photo_with_profile(sender, instance, **kwargs):
    # post_delete fires for queryset (bulk) deletes too, unlike Model.delete().
    _delete_photo_on_commit(instance.photo, keep_for=instance.pk)


@receiver(pre_save, sender=FamilyManager)
def delete_replaced_photo(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = FamilyManager.objects.filter(pk=instance.pk).values_list("photo", flat=True).first()
    if old and old != instance.photo.name:
        _delete_photo_on_commit(FamilyManager(pk=instance.pk, photo=old).photo, keep_for=instance.pk)
