"""
Demo content for a newcomer's first run and for the tests, read from `familie_portal/demo.yaml`:
the demo logins, the page tree in German and English - its main sections also in Turkish,
Ukrainian and Arabic - (published through djangocms-versioning), the municipalities onboarded
as in production (familie_portal.onboarding), the site-wide sidebar and footer aliases, and
whatever each app contributes through `<app>.demo.load(stdout=...)` (each reads its own
`<app>/demo.yaml`).

Idempotent: pages are found by reverse_id, users by username, aliases by static code; running
it twice changes nothing. Roles and permissions are not the demo's: they come from `migrate` and
the onboarding of each municipality.
"""

from pathlib import Path

import yaml
from cms.api import add_plugin, create_page, create_page_content
from cms.apphook_pool import apphook_pool
from cms.models import Page, PageContent
from cms.plugin_pool import plugin_pool
from cms.utils.apphook_reload import mark_urlconf_as_changed, reload_urlconf
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from djangocms_alias.models import Alias, AliasContent, Category

from blocks.demo_content import add_demo_blocks
from familie_portal import onboarding
from familie_portal.app_modules import app_modules
from familie_portal.onboarding import LANGUAGES, meta_description, publish
from familie_portal.search import index as search_index
from managers.models import Municipality

__all__ = ["demo_data", "demo_logins", "load_demo_content", "publish"]


def demo_data(module_file: str) -> dict:
    """The demo data next to a module: `events/demo.py` reads `events/demo.yaml`."""
    return yaml.safe_load(Path(module_file).with_suffix(".yaml").read_text(encoding="utf-8"))


def demo_logins() -> list[tuple[str, str]]:
    """(username, role) of every demo login, as the command prints them."""
    data = demo_data(__file__)
    names = dict(Municipality.objects.values_list("slug", "name"))
    editors = {editor: names.get(m["slug"], m["slug"]) for m in data["municipalities"] for editor in m["editors"]}
    return [
        (user["username"], "Superuser" if user.get("superuser")
         else user.get("group") or f"Kommunale Redaktion ({editors.get(user['username'], '–')})")
        for user in data["users"]
    ]


def _add_plugins(placeholder, language, names):
    available = {plugin.__name__ for plugin in plugin_pool.get_all_plugins()}
    for name in names:
        if name in available:
            add_plugin(placeholder, name, language)


def _users(specs) -> dict:
    groups = onboarding.portal_setup()
    User = get_user_model()
    users = {}
    for spec in specs:
        user, created = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "email": f"{spec['username']}@example.org",
                "is_staff": True,
                "is_superuser": spec.get("superuser", False),
            },
        )
        if created:
            user.set_password(settings.PORTAL_DEMO_PASSWORD)
            user.save()
        if spec.get("group"):
            user.groups.add(groups[spec["group"]])
        users[spec["username"]] = user
    return users


def _registered_apphooks() -> dict:
    apphook_pool.discover_apps()
    return {app.__class__.__name__: app for app in apphook_pool.apps.values()}


def _hook(page, apphook_name) -> None:
    page.application_urls = apphook_name
    page.application_namespace = _registered_apphooks()[apphook_name].app_name
    page.save()
    mark_urlconf_as_changed()


def _page_languages(spec) -> list[str]:
    """The languages the demo writes a page in: German and English always, Turkish, Ukrainian and
    Arabic for the main sections (the other pages show the German text there, marked as German)."""
    return [code for code, _name in settings.LANGUAGES if code in spec]


def _create_page(spec, user, page=None, parent=None) -> Page:
    """The page in each of its languages that it does not have yet (under `parent` when new)."""
    for language in _page_languages(spec):
        if page is not None and PageContent.admin_manager.filter(page=page, language=language).exists():
            continue
        texts = spec[language]
        options = {"slug": texts["slug"], "meta_description": meta_description(texts["text"]),
                   "in_navigation": spec.get("in_navigation", False), "created_by": user}
        if page is None:
            page = create_page(texts["title"], spec["template"], language, reverse_id=spec["reverse_id"],
                               parent=parent, **options)
        else:
            create_page_content(language, texts["title"], page, template=spec["template"], **options)
        content = PageContent.admin_manager.get(page=page, language=language)
        # get_or_create: django CMS scans an apphooked page's placeholders from the app's
        # template, which need not declare "content".
        placeholder = content.placeholders.get_or_create(slot="content")[0]
        add_plugin(placeholder, "TextPlugin", language, body=texts["text"])
        _add_plugins(placeholder, language, spec.get("plugins", []))
        publish(content, user)
    return page


def _pages(specs, user) -> dict[str, Page]:
    pages = {}
    for spec in specs:
        parent = pages[spec["parent"]] if spec.get("parent") else None
        page = _create_page(spec, user, Page.objects.filter(reverse_id=spec["reverse_id"]).first(), parent)
        apphook = spec.get("apphook")
        # Hooked only when the app registers it (also after the page was first created).
        if apphook and not page.application_urls and apphook in _registered_apphooks():
            _hook(page, apphook)
        pages[spec["reverse_id"]] = page
    if not pages["start"].is_home:
        pages["start"].set_as_homepage(user)
    return pages


def _municipalities(specs, users, user) -> None:
    for spec in specs:
        result = onboarding.municipality_onboard(
            municipality=Municipality.objects.get(slug=spec["slug"]),
            editors=[users[name] for name in spec["editors"]],
            user=user,
            texts={language: spec[language] for language in LANGUAGES},
        )
        # "Kommunen" comes after the demo's other main pages, also when add_municipality made it first.
        kommunen = result.page.parent
        last = Page.objects.filter(parent=None).order_by("-path").first()
        if last.pk != kommunen.pk:
            kommunen.move_page(last, position="right", user=user)


def _static_alias(spec, user) -> Alias:
    category = Category.objects.filter(translations__name="Portal").first() or Category.objects.create(name="Portal")
    alias, _created = Alias.objects.get_or_create(
        static_code=spec["static_code"], site=None,
        defaults={"category": category, "creation_method": Alias.CREATION_BY_TEMPLATE},
    )
    for language in LANGUAGES:
        if AliasContent.admin_manager.filter(alias=alias, language=language).exists():
            continue
        content = AliasContent.objects.with_user(user).create(alias=alias, name=spec.get("name", spec["static_code"]),
                                                              language=language)
        _add_plugins(content.placeholder, language, spec.get("plugins_before", ()))
        add_plugin(content.placeholder, "TextPlugin", language, body=spec[language])
        _add_plugins(content.placeholder, language, spec.get("plugins_after", ()))
        publish(content, user)
    return alias


@transaction.atomic
def load_demo_content(stdout=None) -> dict:
    data = demo_data(__file__)
    users = _users(data["users"])
    admin = users["admin"]
    for module in app_modules("demo", include_project=False):
        module.load(stdout=stdout)
    pages = _pages(data["pages"], admin)
    _municipalities(data["municipalities"], users, admin)
    for spec in data["aliases"]:
        _static_alias(spec, admin)
    add_demo_blocks(admin)  # content blocks on "Qualifizierung" and the Bochum page
    # Apps may bulk-create demo rows (no signals): index everything public once at the end,
    # with the apphooks just set already in this process's URLconf (the index stores URLs).
    reload_urlconf()
    search_index.rebuild()
    return {"users": users, "pages": pages}
