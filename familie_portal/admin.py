"""
Site-wide admin changes, one module each (Django's admin autodiscovery imports this one):

- `admin_pages`: reading a page's draft needs change rights on that page (preview, edit,
  structure, copy, duplicate), found by the authorization matrix in tests/authz/.
- `admin_uploads`: every django-filer upload is checked by the portal's image validator first.

Here: the admin's name as editors know it (not "Django-Verwaltung").
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from familie_portal import admin_pages, admin_uploads  # noqa: F401

admin.site.site_header = _("Familie in NRW – Redaktion")
admin.site.site_title = _("Familie in NRW – Redaktion")
admin.site.index_title = _("Übersicht")
