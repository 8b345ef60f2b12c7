"""Date and time formats of the portal's languages (settings.FORMAT_MODULE_PATH).

Django's own "en" formats are American ("May 6, 2008, 2 p.m."); the portal writes British English.
Turkish, Ukrainian and Arabic: no leading zeros, the 24-hour clock and weeks from Monday everywhere,
as on the German month grid.
Only output formats are set here; input formats fall back to Django's.
"""
