import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _german_outside_requests():
    # A request to /en/… leaves English active in the worker thread; reverse() and
    # get_absolute_url() in the next test would then build English addresses.
    with translation.override("de"):
        yield
