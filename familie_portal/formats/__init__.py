"""Date and time formats of the portal's languages (settings.FORMAT_MODULE_PATH).

Django's own "en" formats are American ("May 6, 2008, 2 p.m."); the portal writes British English.
Only output formats are set here; input formats fall back to Django's.
"""
