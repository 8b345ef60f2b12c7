"""
Site-wide admin changes, one module each (Django's admin autodiscovery imports this one):

- `admin_pages`: reading a page's draft needs change rights on that page (preview, edit,
  structure, copy, duplicate), found by the authorization matrix in tests/authz/.
- `admin_uploads`: every django-filer upload is checked by the portal's image validator first.
"""

from familie_portal import admin_pages, admin_uploads  # noqa: F401
