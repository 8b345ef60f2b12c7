"""
What a production portal needs besides content, and how a municipality joins it.

- `portal_setup()` runs after every `migrate` (familie_portal.apps): the editorial roles
  (familie_portal.roles), the IQZ-Redaktion's global page permission, the media library's root
  folder "Kommunen" and its folder permissions (the IQZ manages every folder, every editor may
  read and pick every file).
- `municipality_onboard()` (`manage.py add_municipality <slug> --editor USERNAME`) gives one of
  the NRW municipalities its page under "Kommunen" in German and English (published; "Kommunen"
  lists every municipality with a public page: managers.cms_apps.MunicipalitiesApphook), its media
  folder "Kommunen/<Name>", and makes the given users its Kommunale Redaktion: group, page
  permission on the municipality's subtree, folder permission, `MunicipalEditor` link.

Both only add what is missing: running them again changes nothing. The demo loader uses the
same functions for its cities.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cms.api import add_plugin, create_page, create_page_content
from cms.models import GlobalPagePermission, Page, PageContent, PagePermission
from cms.models.permissionmodels import ACCESS_PAGE_AND_DESCENDANTS
from cms.utils.apphook_reload import mark_urlconf_as_changed
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.sites.models import Site
from django.db import transaction
from djangocms_versioning.constants import DRAFT
from djangocms_versioning.models import Version
from filer.models import Folder, FolderPermission

from familie_portal import roles
from familie_portal.search.text import html_to_text
from managers.models import MunicipalEditor, Municipality
from managers.municipality_pages import page_reverse_id

LANGUAGES = ("de", "en")
PAGE_TEMPLATE = "pages/content.html"
MUNICIPALITIES_PAGE = "kommunen"  # reverse_id of the parent page of every municipality's page
MUNICIPALITIES_APPHOOK = "MunicipalitiesApphook"  # managers.cms_apps: the list of the municipalities
MEDIA_FOLDER_ROOT = "Kommunen"

MUNICIPALITIES_PAGE_TEXTS = {
    "de": ("Kommunen", "kommunen",
           "<p>Kommunen in Nordrhein-Westfalen stellen hier vor, wie sie familienfreundlich arbeiten. "
           "Jede Seite pflegt die Kommunale Redaktion der jeweiligen Stadt.</p>"),
    "en": ("Municipalities", "municipalities",
           "<p>Municipalities in North Rhine-Westphalia present how they work for families. Each page is "
           "kept by the municipality's own editors.</p>"),
    # In every language of the portal: django CMS serves an apphook only in the languages its page has.
    "tr": ("Belediyeler", "kommunen",
           "<p>Kuzey Ren-Vestfalya’daki belediyeler burada aileler için nasıl çalıştıklarını tanıtıyor. Her sayfayı "
           "ilgili belediyenin kendi editörleri hazırlar.</p>"),
    "uk": ("Громади", "kommunen",
           "<p>Громади Північного Рейну – Вестфалії розповідають тут, як вони працюють для сімей. Кожну сторінку "
           "веде редакція відповідної громади.</p>"),
    "ar": ("البلديات", "kommunen",
           "<p>تعرض البلديات في ولاية شمال الراين - وستفاليا هنا كيف تعمل من أجل الأسر. تتولى هيئة التحرير في كل "
           "بلدية تحرير صفحتها.</p>"),
}
MUNICIPALITY_PAGE_TEXTS = {
    "de": "<p>Hier stellt die Kommunale Redaktion von {name} vor, wie {name} familienfreundlich arbeitet.</p>",
    "en": "<p>On this page the editors of {name} present how {name} works for families.</p>",
}

# The IQZ-Redaktion on every page: everything but granting permissions (the superuser's job).
IQZ_PAGE_RIGHTS = {
    "can_change": True, "can_add": True, "can_delete": True, "can_publish": True,
    "can_change_advanced_settings": True, "can_change_permissions": False, "can_move_page": True,
    "can_view": False, "can_recover_page": True,
}
# A municipality's editors on its subtree: edit, add subpages, publish; no delete, move or
# advanced settings.
MUNICIPAL_PAGE_RIGHTS = {
    "grant_on": ACCESS_PAGE_AND_DESCENDANTS, "can_change": True, "can_add": True,
    "can_delete": False, "can_publish": True, "can_change_advanced_settings": False,
    "can_change_permissions": False, "can_move_page": False, "can_view": False,
}
FOLDER_FULL = {"can_read": FolderPermission.ALLOW, "can_edit": FolderPermission.ALLOW,
               "can_add_children": FolderPermission.ALLOW}


class OnboardingError(Exception):
    """A municipality cannot be onboarded as asked (the message says why, in German)."""


@dataclass(frozen=True)
class Onboarding:
    municipality: Municipality
    page: Page
    folder: Folder
    editors: tuple[MunicipalEditor, ...]


def publish(content, user: AbstractUser) -> None:
    """Publish the draft version of a versioned content object (PageContent, AliasContent, …)."""
    version = Version.objects.get_for_content(content)
    if version.state == DRAFT:
        version.publish(user)


@transaction.atomic
def portal_setup() -> dict[str, Group]:
    """Roles, the IQZ's global page permission and the media library's folder permissions."""
    groups = roles.sync_roles()
    global_permission, _ = GlobalPagePermission.objects.get_or_create(
        group=groups[roles.IQZ_GROUP], defaults=IQZ_PAGE_RIGHTS
    )
    global_permission.sites.add(Site.objects.get_current())
    # folder=None with type ALL: every folder of the media library.
    FolderPermission.objects.get_or_create(
        folder=None, type=FolderPermission.ALL, group=groups[roles.IQZ_GROUP], defaults=FOLDER_FULL
    )
    FolderPermission.objects.get_or_create(
        folder=None, type=FolderPermission.ALL, group=groups[roles.MUNICIPAL_GROUP],
        defaults={"can_read": FolderPermission.ALLOW},
    )
    _folder(MEDIA_FOLDER_ROOT, parent=None)
    # A portal onboarded before "Kommunen" listed its municipalities gets the list at the next migrate.
    municipalities_page = Page.objects.filter(reverse_id=MUNICIPALITIES_PAGE).first()
    if municipalities_page is not None:
        _hook_municipalities_list(municipalities_page)
    from reviews.services import sync_page_publish_rights

    sync_page_publish_rights()
    return groups


def portal_setup_after_migrate(sender, using="default", **kwargs):
    # Permissions are created by auth's post_migrate handler, app by app; familie_portal is the
    # last app in INSTALLED_APPS, so when its signal fires every permission exists (and the Site
    # record, synced just before).
    portal_setup()


def meta_description(html: str) -> str:
    """A meta description from a page's first words (search engines show about 155 characters)."""
    text = html_to_text(html)
    return text if len(text) <= 155 else text[:152].rsplit(" ", 1)[0] + " …"


def _folder(name: str, *, parent: Folder | None) -> Folder:
    folder = Folder.objects.filter(name=name, parent=parent).order_by("pk").first()
    return folder or Folder.objects.create(name=name, parent=parent)


def _page(reverse_id: str, texts: Mapping[str, tuple[str, str, str]], *, parent: Page | None,
          user: AbstractUser) -> Page:
    """The page with this reverse_id, created and published in every language of `texts` it lacks."""
    page = Page.objects.filter(reverse_id=reverse_id).first()
    for language in texts:
        title, slug, body = texts[language]
        if page is None:
            page = create_page(title, PAGE_TEMPLATE, language, slug=slug, parent=parent, in_navigation=True,
                               meta_description=meta_description(body), reverse_id=reverse_id, created_by=user)
        elif PageContent.admin_manager.filter(page=page, language=language).exists():
            continue
        else:
            create_page_content(language, title, page, slug=slug, template=PAGE_TEMPLATE, in_navigation=True,
                                meta_description=meta_description(body), created_by=user)
        content = PageContent.admin_manager.get(page=page, language=language)
        placeholder = content.placeholders.get_or_create(slot="content")[0]
        add_plugin(placeholder, "TextPlugin", language, body=body)
        publish(content, user)
    return page


def _hook_municipalities_list(page: Page) -> None:
    """"Kommunen" lists the onboarded municipalities below its own text (an apphook: the page stays
    editable, the municipalities' pages stay its subpages)."""
    if page.application_urls == MUNICIPALITIES_APPHOOK:
        return
    page.application_urls = MUNICIPALITIES_APPHOOK
    page.application_namespace = "municipalities"
    page.save(update_fields=["application_urls", "application_namespace"])
    mark_urlconf_as_changed()


def _acting_user(user: AbstractUser | None) -> AbstractUser:
    if user is not None:
        return user
    user = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise OnboardingError("Es gibt noch keinen Superuser: zuerst `manage.py createsuperuser` ausführen.")
    return user


@dataclass(frozen=True)
class OnboardingSetup:
    """What every municipality's onboarding needs and shares: read or created once per run."""

    user: AbstractUser
    group: Group
    parent: Page
    media_root: Folder


def onboarding_setup(user: AbstractUser | None = None) -> OnboardingSetup:
    """The roles, the "Kommunen" page and media folder, and who publishes (default: the first superuser)."""
    user = _acting_user(user)
    with transaction.atomic():
        group = portal_setup()[roles.MUNICIPAL_GROUP]
        parent = _page(MUNICIPALITIES_PAGE, MUNICIPALITIES_PAGE_TEXTS, parent=None, user=user)
        _hook_municipalities_list(parent)
    return OnboardingSetup(user=user, group=group, parent=parent, media_root=_folder(MEDIA_FOLDER_ROOT, parent=None))


def editor_conflict(editor: AbstractUser, municipality: Municipality) -> str | None:
    """Why `editor` cannot edit for `municipality` (already another's), or None."""
    link = MunicipalEditor.objects.filter(user=editor).select_related("municipality").first()
    if link is not None and link.municipality_id != municipality.pk:
        return f"{editor.get_username()} gehört schon zur Kommunalen Redaktion von {link.municipality.name}."
    return None


@transaction.atomic
def municipality_onboard(
    *,
    municipality: Municipality,
    editors: Iterable[AbstractUser] = (),
    user: AbstractUser | None = None,
    texts: Mapping[str, str] | None = None,
    setup: OnboardingSetup | None = None,
) -> Onboarding:
    """Give `municipality` its page, media folder and Kommunale Redaktion (`editors`: users).

    `user` publishes the pages (default: the first superuser); `texts` (HTML per language) is
    the first text of a newly created page. Existing pages, folders and permissions are kept.
    `setup` (`onboarding_setup()`), when many municipalities are onboarded in one run, saves
    reading the roles, the parent page and the media root again for each of them.
    """
    editors = list(editors)
    for editor in editors:
        if problem := editor_conflict(editor, municipality):
            raise OnboardingError(problem)
    setup = setup or onboarding_setup(user)
    user, group, parent = setup.user, setup.group, setup.parent
    bodies = texts or {language: text.format(name=municipality.name) for language, text in
                       MUNICIPALITY_PAGE_TEXTS.items()}
    page = _page(
        page_reverse_id(municipality.slug),
        {language: (municipality.name, municipality.slug, bodies[language]) for language in LANGUAGES},
        parent=parent,
        user=user,
    )
    folder = _folder(municipality.name, parent=setup.media_root)
    links = []
    for editor in editors:
        if not editor.is_staff:
            editor.is_staff = True
            editor.save(update_fields=["is_staff"])
        editor.groups.add(group)
        # Publishing pages alone only without review (reviews.services.may_publish_alone).
        PagePermission.objects.get_or_create(user=editor, page=page, defaults={
            **MUNICIPAL_PAGE_RIGHTS, "can_publish": not municipality.review_required})
        FolderPermission.objects.get_or_create(folder=folder, type=FolderPermission.ALL, user=editor,
                                               defaults=FOLDER_FULL)
        links.append(MunicipalEditor.objects.get_or_create(user=editor, defaults={"municipality": municipality})[0])
    return Onboarding(municipality=municipality, page=page, folder=folder, editors=tuple(links))
