"""The portal's form renderer renders <select> in Python: byte for byte what Django's templates give."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.utils.safestring import mark_safe
from django.utils.translation import override

from events.filters import EventFilterForm
from familie_portal.forms import PortalFormRenderer
from managers.forms import DirectoryFilterForm
from workshops.forms import WorkshopFilterForm

TEMPLATES = DjangoTemplates()
PORTAL = PortalFormRenderer()


class EdgeCases(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "A & B"), ("b<", mark_safe("<b>fett</b>")), (3, 1.5)])
    grouped = forms.ChoiceField(
        choices=[("", "---"), ("Gruppe \"1\"", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        widget=forms.Select(attrs={"class": "a\"b", "required": True, "disabled": False, "data-n": 2}),
    )
    many = forms.MultipleChoiceField(choices=[("1", "eins"), ("2", "zwei")])
    yes_no = forms.NullBooleanField()


def _compare(form):
    rendered = 0
    for field in form:
        widget = field.field.widget
        if not isinstance(widget, forms.Select):
            continue
        context = widget.get_context(field.html_name, field.value(), field.build_widget_attrs({}))
        expected = TEMPLATES.render(widget.template_name, context)
        assert PORTAL.render(widget.template_name, context) == expected, field.name
        rendered += 1
    return rendered


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_selects_render_exactly_as_django_templates(language):
    with override(language):
        assert _compare(EdgeCases()) == 4
        assert _compare(EdgeCases({"plain": "b<", "grouped": "y", "many": ["1", "2"], "yes_no": "true"})) == 4
        assert _compare(EventFilterForm({})) >= 4
        assert _compare(EventFilterForm({"organiser": "iqz", "category": "werkstatt"})) >= 4
        assert _compare(DirectoryFilterForm()) >= 3
        assert _compare(WorkshopFilterForm()) >= 2


def test_a_custom_option_template_falls_back_to_the_templates():
    widget = forms.Select(choices=[("a", "A")])
    widget.option_template_name = "django/forms/widgets/input_option.html"
    context = widget.get_context("x", "a", {})
    assert PORTAL.render(widget.template_name, context) == TEMPLATES.render(widget.template_name, context)


@pytest.mark.django_db
def test_the_portal_uses_it(settings, client: Client):
    assert settings.FORM_RENDERER == "familie_portal.forms.PortalFormRenderer"
    html = client.get("/veranstaltungen/?organiser=iqz").content.decode()
    assert '<option value="iqz" selected>' in html
