"""
Writes that skip `save()` still tell the portal. Django sends `post_save`/`post_delete` for saves and
deletes, but not for `QuerySet.update()`, `bulk_update()` or `bulk_create()` (admin bulk actions,
imports, management commands). Every content model of the portal's apps uses `ContentQuerySet`
(a system check enforces it), which sends `rows_changed` after such a write; the cache generation
and the search index listen to it as they listen to saves (familie_portal.apps).
"""

from django.apps import apps
from django.core import checks
from django.db import models
from django.dispatch import Signal

# sender: the model class; pks: the primary keys of the rows written.
rows_changed = Signal()

# The apps whose models hold what visitors see; plugin models are written through django CMS.
CONTENT_APPS = ("events", "workshops", "managers")


class ContentQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        if pks:
            rows_changed.send(sender=self.model, pks=pks)
        return count

    update.alters_data = True

    # bulk_update() writes through update() (above).

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            rows_changed.send(sender=self.model, pks=[obj.pk for obj in created if obj.pk is not None])
        return created

    bulk_create.alters_data = True


ContentManager = models.Manager.from_queryset(ContentQuerySet)


@checks.register()
def check_content_querysets(app_configs=None, **kwargs) -> list:
    """Every content model writes through ContentQuerySet, or a bulk action could leave pages stale."""
    from cms.models import CMSPlugin

    errors = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, CMSPlugin) or model._meta.auto_created:
                continue
            if not isinstance(model._default_manager.all(), ContentQuerySet):
                errors.append(checks.Error(
                    f"{model._meta.label}'s default manager does not use familie_portal.content.ContentQuerySet.",
                    hint="objects = ContentManager() (or derive the model's QuerySet from ContentQuerySet).",
                    obj=model, id="familie_portal.E001",
                ))
    return errors
