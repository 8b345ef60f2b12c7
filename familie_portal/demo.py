"""
Demo content for a newcomer's first run and for the tests: users, roles, the page tree in German
and English (published through djangocms-versioning), the site-wide sidebar and footer aliases,
and whatever each app contributes through `<app>.demo.load(stdout=...)`.

Idempotent: pages are found by reverse_id, users by username, aliases by static code; running
it twice changes nothing.
"""

from cms.api import add_plugin, create_page, create_page_content
from cms.apphook_pool import apphook_pool
from cms.models import GlobalPagePermission, Page, PageContent, PagePermission
from cms.plugin_pool import plugin_pool
from cms.utils.apphook_reload import mark_urlconf_as_changed, reload_urlconf
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.db import transaction
from djangocms_alias.models import Alias, AliasContent, Category
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version
from filer.models import Folder, FolderPermission

from blocks.demo_content import add_demo_blocks
from familie_portal import roles
from familie_portal.app_modules import app_modules
from familie_portal.demo_pages import FOOTER, PAGES, SIDEBAR
from familie_portal.search import index as search_index
from familie_portal.search.text import html_to_text
from managers.models import Kreis, MunicipalEditor, Municipality, Organisation, Regierungsbezirk

LANGUAGES = ("de", "en")

# The two cities of the original page, with their official keys. The full list of NRW
# municipalities is loaded by the managers app; these records are the same rows (matched by AGS).
DEMO_PLACES = [
    # (Regierungsbezirk key, name), (Kreis key, name), (AGS, name, slug, lat, lon)
    (("059", "Arnsberg"), ("05911", "Bochum"), ("05911000", "Bochum", "bochum", "51.481845", "7.216236")),
    (("055", "Münster"), ("05513", "Gelsenkirchen"),
     ("05513000", "Gelsenkirchen", "gelsenkirchen", "51.517744", "7.085717")),
]

DEMO_USERS = [
    # username, first name, last name, group, municipality AGS, superuser
    ("admin", "Ada", "Admin", None, None, True),
    ("iqz", "Ingrid", "Quell", roles.IQZ_GROUP, None, False),
    ("bochum", "Berta", "Bochum", roles.MUNICIPAL_GROUP, "05911000", False),
    ("gelsenkirchen", "Gerd", "Gelsen", roles.MUNICIPAL_GROUP, "05513000", False),
]


def publish(content, user) -> None:
    """Publish the draft version of a versioned content object (PageContent, AliasContent, …)."""
    version = Version.objects.get_for_content(content)
    if version.state == DRAFT:
        version.publish(user)


def _add_plugins(placeholder, language, names):
    available = {plugin.__name__ for plugin in plugin_pool.get_all_plugins()}
    for name in names:
        if name in available:
            add_plugin(placeholder, name, language)


def ensure_places() -> dict[str, Municipality]:
    places = {}
    for (rb_key, rb_name), (kreis_key, kreis_name), (ags, name, slug, lat, lon) in DEMO_PLACES:
        rb, _ = Regierungsbezirk.objects.get_or_create(key=rb_key, defaults={"name": rb_name, "slug": rb_name.lower()})
        kreis, _ = Kreis.objects.get_or_create(
            key=kreis_key,
            defaults={"name": kreis_name, "slug": slug, "regierungsbezirk": rb, "is_kreisfreie_stadt": True},
        )
        places[ags], _ = Municipality.objects.get_or_create(
            ags=ags, defaults={"name": name, "slug": slug, "kreis": kreis, "latitude": lat, "longitude": lon}
        )
    return places


def ensure_organisations(places) -> dict[str, Organisation]:
    """The IQZ (organiser of the Werkstattreihe) and the two cities of the original page."""
    iqz, _ = Organisation.objects.get_or_create(
        slug="iqz",
        defaults={
            "name": "Informations- und Qualifizierungszentrum für Kommunen",
            "short_name": "IQZ",
            "kind": Organisation.Kind.STATE,
        },
    )
    organisations = {"iqz": iqz}
    for place in places.values():
        organisations[place.slug], _ = Organisation.objects.get_or_create(
            slug=f"stadt-{place.slug}",
            defaults={"name": f"Stadt {place.name}", "kind": Organisation.Kind.MUNICIPALITY, "municipality": place},
        )
    return organisations


def ensure_users(places) -> dict:
    groups = roles.sync_roles()
    User = get_user_model()
    users = {}
    for username, first, last, group, ags, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        if created:
            user.set_password(settings.PORTAL_DEMO_PASSWORD)
            user.save()
        if group:
            user.groups.add(groups[group])
        if ags:
            MunicipalEditor.objects.get_or_create(user=user, defaults={"municipality": places[ags]})
        users[username] = user
    return users


def ensure_global_page_permissions(groups=None) -> None:
    """IQZ editors may edit every page; municipal editors get page permissions per subtree."""
    group = roles.sync_roles()[roles.IQZ_GROUP] if groups is None else groups[roles.IQZ_GROUP]
    permission, _ = GlobalPagePermission.objects.get_or_create(
        group=group,
        defaults={
            "can_change": True, "can_add": True, "can_delete": True, "can_publish": True,
            "can_change_advanced_settings": True, "can_change_permissions": False, "can_move_page": True,
            "can_view": False, "can_recover_page": True,
        },
    )
    permission.sites.add(Site.objects.get_current())


def _create_page(spec, parent, user) -> Page:
    title, slug, _body = spec["de"]
    apphook = spec.get("apphook")
    registered = apphook and apphook in _registered_apphooks()
    page = create_page(
        title,
        spec["template"],
        "de",
        slug=slug,
        meta_description=_description(spec["de"][2]),
        parent=parent,
        in_navigation=spec.get("in_navigation", False),
        reverse_id=spec["reverse_id"],
        created_by=user,
    )
    if registered:
        _hook(page, apphook)
    en_title, en_slug, _ = spec["en"]
    create_page_content("en", en_title, page, slug=en_slug, template=spec["template"],
                        meta_description=_description(spec["en"][2]),
                        in_navigation=spec.get("in_navigation", False), created_by=user)
    for language in LANGUAGES:
        content = PageContent.admin_manager.get(page=page, language=language)
        # get_or_create: django CMS scans an apphooked page's placeholders from the app's
        # template, which need not declare "content".
        placeholder = content.placeholders.get_or_create(slot="content")[0]
        add_plugin(placeholder, "TextPlugin", language, body=spec[language][2])
        _add_plugins(placeholder, language, spec.get("plugins", []))
        publish(content, user)
    return page


def _description(html: str) -> str:
    """A meta description from a page's first words (search engines show about 155 characters)."""
    text = html_to_text(html)
    return text if len(text) <= 155 else text[:152].rsplit(" ", 1)[0] + " …"


def _registered_apphooks() -> set[str]:
    apphook_pool.discover_apps()
    return {app.__class__.__name__ for app in apphook_pool.apps.values()}


def _hook(page, apphook_name) -> None:
    app = next(a for a in apphook_pool.apps.values() if a.__class__.__name__ == apphook_name)
    page.application_urls = apphook_name
    page.application_namespace = app.app_name
    page.save()
    mark_urlconf_as_changed()


def ensure_pages(users) -> dict[str, Page]:
    admin = users["admin"]
    pages = {}
    for spec in PAGES:
        page = Page.objects.filter(reverse_id=spec["reverse_id"]).first()
        if page is None:
            page = _create_page(spec, pages.get(spec.get("parent")), admin)
        elif spec.get("apphook") and not page.application_urls and spec["apphook"] in _registered_apphooks():
            # An app registered its apphook after the page was first created.
            _hook(page, spec["apphook"])
        pages[spec["reverse_id"]] = page
    if not pages["start"].is_home:
        pages["start"].set_as_homepage(admin)
    return pages


def ensure_municipal_page_permissions(pages, users) -> None:
    from cms.models.permissionmodels import ACCESS_PAGE_AND_DESCENDANTS

    for spec in PAGES:
        ags = spec.get("municipality")
        if not ags:
            continue
        for editor in MunicipalEditor.objects.filter(municipality__ags=ags).select_related("user"):
            PagePermission.objects.get_or_create(
                user=editor.user,
                page=pages[spec["reverse_id"]],
                defaults={
                    "grant_on": ACCESS_PAGE_AND_DESCENDANTS, "can_change": True, "can_add": True,
                    "can_delete": False, "can_publish": True, "can_change_advanced_settings": False,
                    "can_change_permissions": False, "can_move_page": False, "can_view": False,
                },
            )


MEDIA_FOLDER_ROOT = "Kommunen"


def ensure_filer_permissions() -> None:
    """Media library (FILER_ENABLE_PERMISSIONS): the IQZ manages every folder, every editor may read
    (choose) every file, and each city's editors manage their folder "Kommunen/<city>"."""
    groups = roles.sync_roles()
    full = {"can_read": FolderPermission.ALLOW, "can_edit": FolderPermission.ALLOW,
            "can_add_children": FolderPermission.ALLOW}
    FolderPermission.objects.get_or_create(folder=None, type=FolderPermission.ALL, group=groups[roles.IQZ_GROUP],
                                           defaults=full)
    FolderPermission.objects.get_or_create(folder=None, type=FolderPermission.ALL,
                                           group=groups[roles.MUNICIPAL_GROUP],
                                           defaults={"can_read": FolderPermission.ALLOW})
    root, _ = Folder.objects.get_or_create(name=MEDIA_FOLDER_ROOT, parent=None)
    for editor in MunicipalEditor.objects.select_related("user", "municipality"):
        folder, _ = Folder.objects.get_or_create(name=editor.municipality.name, parent=root)
        FolderPermission.objects.get_or_create(folder=folder, type=FolderPermission.ALL, user=editor.user,
                                               defaults=full)


def ensure_static_alias(static_code, texts, user, plugins_before=(), plugins_after=()) -> Alias:
    category = Category.objects.filter(translations__name="Portal").first() or Category.objects.create(name="Portal")
    alias, created = Alias.objects.get_or_create(
        static_code=static_code, site=None,
        defaults={"category": category, "creation_method": Alias.CREATION_BY_TEMPLATE},
    )
    for language in LANGUAGES:
        if AliasContent.admin_manager.filter(alias=alias, language=language).exists():
            continue
        content = AliasContent.objects.with_user(user).create(alias=alias, name=static_code, language=language)
        placeholder = content.placeholder
        _add_plugins(placeholder, language, plugins_before)
        add_plugin(placeholder, "TextPlugin", language, body=texts[language])
        _add_plugins(placeholder, language, plugins_after)
        publish(content, user)
    return alias


def _load_app_content(stdout) -> None:
    for module in app_modules("demo", include_project=False):
        module.load(stdout=stdout)


@transaction.atomic
def load_demo_content(stdout=None) -> dict:
    places = ensure_places()
    ensure_organisations(places)
    users = ensure_users(places)
    ensure_global_page_permissions()
    _load_app_content(stdout)
    pages = ensure_pages(users)
    ensure_municipal_page_permissions(pages, users)
    ensure_filer_permissions()
    admin = users["admin"]
    ensure_static_alias("sidebar", SIDEBAR, admin, SIDEBAR.get("plugins", ()), SIDEBAR.get("plugins_after", ()))
    ensure_static_alias("footer", FOOTER, admin)
    add_demo_blocks(admin)  # content blocks on "Qualifizierung" and the Bochum page
    # Apps may bulk-create demo rows (no signals): index everything public once at the end,
    # with the apphooks just set already in this process's URLconf (the index stores URLs).
    reload_urlconf()
    search_index.rebuild()
    return {"users": users, "pages": pages}
