"""
Forms render through Django's own widget templates (settings.FORM_RENDERER = TemplatesSetting):
a template under templates/django/forms/widgets/ overrides Django's.

`FlatSelect` is only a name for Django's `Select`, kept while events/filters.py still imports it;
new code uses `forms.Select`.
"""

from django import forms

FlatSelect = forms.Select
