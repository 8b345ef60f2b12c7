"""
The portal's editorial roles as Django groups.

- IQZ-Redaktion: the state's quality centre; edits all pages, events, workshop reports, profiles.
- Kommunale Redaktion: municipal staff; edits pages (restricted further by django CMS page
  permissions to their municipality's subtree) and their own municipality's data only (enforced
  object by object in each app's admin).

Each app may contribute permissions through a module `<app>.roles` with a dict
`PERMISSIONS = {group_name: [spec, ...]}`; a spec is "app_label" (every permission of the app),
"app_label.model" (every permission of that model) or "app_label.codename" (one permission).
The groups are brought in line with the code after every `migrate` (familie_portal.onboarding.portal_setup).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from familie_portal.app_modules import app_modules

IQZ_GROUP = "IQZ-Redaktion"
MUNICIPAL_GROUP = "Kommunale Redaktion"

# What both roles need to work in the django CMS admin at all.
_CMS_EDITING = [
    "cms.page",
    "cms.pagecontent",
    "cms.placeholder",
    "cms.cmsplugin",
    "djangocms_text",
    "djangocms_versioning.version",
    # The media library, without filer.folderpermission: who may change which folder is the
    # superuser's to decide (with the permission an editor could grant themselves any folder).
    "filer.folder",
    "filer.file",
    "filer.image",
    "filer.clipboard",
    "filer.clipboarditem",
    "easy_thumbnails",
]

PERMISSIONS = {
    IQZ_GROUP: _CMS_EDITING + [
        "djangocms_alias",
        # The version lists of pages and aliases (proxy models with permissions of their own).
        "djangocms_versioning.pagecontentversion",
        "djangocms_versioning.aliascontentversion",
        "cms.pageusergroup",
        "cms.pagepermission",
    ],
    MUNICIPAL_GROUP: _CMS_EDITING + [
        # The version menu and list of their own pages (compare, discard a draft, revert); which pages
        # is decided per page by django CMS page permissions (familie_portal.admin_pages).
        "djangocms_versioning.view_pagecontentversion",
        "djangocms_versioning.change_pagecontentversion",
    ],
}


def _app_permissions() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {name: list(specs) for name, specs in PERMISSIONS.items()}
    for module in app_modules("roles", include_project=False):
        for group_name, specs in getattr(module, "PERMISSIONS", {}).items():
            merged.setdefault(group_name, []).extend(specs)
    return merged


def _resolve(spec: str):
    parts = spec.split(".")
    if len(parts) == 1:
        return Permission.objects.filter(content_type__app_label=parts[0])
    app_label, name = parts
    by_model = Permission.objects.filter(content_type__app_label=app_label, content_type__model=name)
    if by_model.exists():
        return by_model
    return Permission.objects.filter(content_type__app_label=app_label, codename=name)


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    """Create the editorial groups and set exactly the permissions the code declares."""
    groups = {}
    for group_name, specs in _app_permissions().items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permission_ids = set()
        for spec in specs:
            permission_ids.update(_resolve(spec).values_list("id", flat=True))
        group.permissions.set(permission_ids)
        groups[group_name] = group
    return groups

