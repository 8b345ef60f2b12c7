"""Keep the search index in step with what is public (and give scheduled pages their address)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from djangocms_versioning.signals import post_version_operation

from familie_portal.content import rows_changed
from familie_portal.search import index
from familie_portal.search.registry import provider_for, providers


def on_version_operation(sender, operation, obj, **kwargs):
    """Publish, unpublish or archive of a versioned content (e.g. a CMS page)."""
    provider = provider_for(sender)
    if provider is not None:
        index.index_object(provider, obj.content)


def route_scheduled_page(sender, operation, obj, **kwargs):
    """
    A page version published with a later start (djangocms-timed-publishing) gets its address now.
    django CMS 5.1 derives a page's URL on publish from the content visible at that moment, which for a
    scheduled version is none: the page would never resolve, even after its start. Its URL comes from the
    version's own slug instead; until the start the page view finds no visible content and answers 404,
    from the start on it serves the page, without anything running at that minute.
    """
    from cms.models import PageContent
    from django.utils import timezone
    from djangocms_timed_publishing.models import TimedPublishingInterval
    from djangocms_versioning.constants import OPERATION_PUBLISH

    if operation != OPERATION_PUBLISH or not isinstance(obj.content, PageContent):
        return
    visibility = TimedPublishingInterval.objects.filter(version=obj).first()
    if visibility is None or visibility.start is None or visibility.start <= timezone.now():
        return
    content = obj.content
    page, language = content.page, content.language
    data = page.get_url_data(content.slug, content.overwrite_url, language)
    if page.urls.filter(language=language).exists():
        page.update_urls(language, **data)
    else:
        page.urls.create(page=page, site_id=page.site_id, language=language, **data)
    page.urls_cache = {}


def on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex_instance(instance)


def on_delete(sender, instance, **kwargs):
    provider = provider_for(sender)
    if provider is not None:
        index.remove_object(sender, instance.pk)
    else:
        index.reindex_instance(instance)


def on_m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        index.reindex_instance(instance)


def on_rows_changed(sender, pks, **kwargs):
    """QuerySet.update()/bulk writes (familie_portal.content): reindex what the rows feed."""
    if any(issubclass(sender, model) for provider in providers() for model, _resolve in provider.watched()):
        for instance in sender._default_manager.filter(pk__in=pks):
            index.reindex_instance(instance)


def connect() -> None:
    # First the address of a scheduled page, then the search (which indexes a page by its address).
    post_version_operation.connect(route_scheduled_page, dispatch_uid="timed-page-url")
    post_version_operation.connect(on_version_operation, dispatch_uid="search-version-operation")
    rows_changed.connect(on_rows_changed, dispatch_uid="search-rows-changed")
    for provider in providers():
        for model, _resolve in provider.watched():
            uid = f"search-{model._meta.label_lower}"
            post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}-delete")
            for m2m in model._meta.many_to_many:
                m2m_changed.connect(on_m2m_changed, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-{m2m.name}")
