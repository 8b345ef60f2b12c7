"""A municipality's review setting reaches django CMS's page permissions of its editors at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from managers.models import Municipality


@receiver(post_save, sender=Municipality, dispatch_uid="reviews_sync_page_publish_rights")
def _municipality_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from reviews.services import sync_page_publish_rights

    sync_page_publish_rights(instance)
