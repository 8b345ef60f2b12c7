"""The filter form's <select>s: Django's own widget templates, one query per list."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from events.filters import EventFilterForm


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"municipality": "bochum", "organiser": "iqz"}, {"category": "gibt-es-nicht"}])
def test_filter_selects_are_djangos_and_cost_one_query_each(data, django_assert_num_queries):
    form = EventFilterForm(data)
    form.is_valid()
    for name in ("category", "target", "organiser", "municipality"):
        bound = form[name]
        with django_assert_num_queries(1):
            ours = str(bound)
        attrs = bound.build_widget_attrs({})  # what BoundField.as_widget() passes, the id last
        attrs.setdefault("id", bound.auto_id)
        stock = forms.Select(choices=list(form.fields[name].choices))
        assert ours == stock.render(bound.html_name, bound.value(), attrs=attrs, renderer=DjangoTemplates())
    if "municipality" in data:
        assert '<option value="bochum" selected>Bochum</option>' in str(form["municipality"])


