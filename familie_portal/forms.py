"""
The form renderer of the portal (settings.FORM_RENDERER): Django's default renderer, except that a
plain <select> is rendered in Python.

Django renders every <option> through two template includes; the filter forms of the public lists
offer every organiser, municipality and Kreis of NRW (about 400 options each), which made the
<select>s alone cost 20-30 ms per page. The output here is byte for byte what Django's templates
produce (tests/familie_portal/test_forms_renderer.py compares them); anything unusual - another
option template, a select template overridden by an app - falls back to the templates.
"""

import html

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeData, mark_safe


class PlainChoices(BaseChoiceIterator):
    """(value, label) pairs that are already what Django normalises choices to. Django leaves a choice
    iterator as it is; a plain list of ~400 municipalities is normalised twice (field and widget), ~1 ms."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


def _flat_attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {html.escape(str(name))}" if value is True else f' {html.escape(str(name))}="{html.escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def flat_select(name: str, attrs: dict, choices, selected) -> SafeData:
    """A single <select> of flat (value, label) choices, written in one pass: byte for byte what Django's
    select.html and select_option.html give (the first option whose value is in `selected` is selected)."""
    parts = [f'<select name="{html.escape(name)}"{_flat_attrs(attrs)}>']
    has_selected = False
    for value, label in choices:
        value = "" if value is None else str(value)
        is_selected = not has_selected and value in selected
        has_selected |= is_selected
        parts.append(
            f'\n  <option value="{html.escape(value)}"{" selected" if is_selected else ""}>'
            f"{html.escape(str(label))}</option>\n"
        )
    parts.append("\n</select>")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every value is escaped


class FlatSelect(forms.Select):
    """
    Django's <select> for long flat choice lists (the ~400 places of NRW in the filters): Django builds
    a dict of attributes per <option> before a template (or the renderer below) writes it, which was
    most of a filter form's cost. Option groups fall back to Django's own rendering.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(iter(self.choices))  # not list(choices): its len() would be a COUNT query
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        return flat_select(name, self.build_attrs(self.attrs, attrs), choices, self.format_value(value))


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
_BUILTIN_SUFFIX = "django/forms/templates/" + SELECT_TEMPLATE


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE and self._select_is_builtin:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)

    @property
    def _select_is_builtin(self) -> bool:
        """True unless an app overrides Django's select template (then its template must render)."""
        if not hasattr(self, "_builtin"):
            origin = self.get_template(SELECT_TEMPLATE).origin.name
            self._builtin = str(origin).replace("\\", "/").endswith(_BUILTIN_SUFFIX)
        return self._builtin


_context = Context(autoescape=True)


def _out(value) -> str:
    """`{{ value }}` in a template: localized, escaped unless safe."""
    if type(value) is str:  # the common case, without the template machinery (same result)
        return html.escape(value)
    if isinstance(value, SafeData):
        return str(value)
    return render_value_in_context(value, _context)


def _stringformat(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    if type(value) is str:
        return html.escape(value)
    text = "%s" % (value,)  # noqa: UP031 - exactly what the filter does
    return _out(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308 - safe input stays safe


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_stringformat(value)}"')
    return "".join(parts)


def render_select(widget: dict) -> str | None:
    """django/forms/widgets/select.html with select_option.html, or None if an option needs its template."""
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_stringformat(option["value"])}"{_attrs(option["attrs"])}>'
                f'{_out(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every value above is escaped
