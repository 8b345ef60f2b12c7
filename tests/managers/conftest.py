import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _german():
    # reverse() follows the thread's active language; a request to /en/ in an earlier test on the
    # same worker must not turn these tests' URLs English.
    with translation.override("de"):
        yield
