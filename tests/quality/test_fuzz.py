"""
Hostile input: Hypothesis generates requests - random paths under every public prefix, malformed
and non-UTF-8 query strings, odd methods, huge values, garbage headers and bodies - and none may
answer with a server error. Derandomized (same requests on every run, in CI too).
"""

import string
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.quality.urls import FUZZ_PREFIXES

pytestmark = pytest.mark.django_db

EXAMPLES_PER_KIND = 520  # 4 kinds -> 2,080 requests
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_KIND,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "CONNECT", "X-FUZZ"]
SPECIAL = ["..", ".", "%", "%00", "%ff", "%c0%af", "\x00", "\u202e", "😀", "ä", "//", "\\", "~", ";", "'", '"',
           "<", ">",
           "%2e%2e", "%2F", "?", "#", "&", "=", "+", " ", "\t", "\n", "2008", "-1", "0", "99999999999999999999",
           "1e9", "NaN", "page", "werkstattreihe", "admin", "en", "de", "feed", "ical", "json"]

raw_bytes = st.binary(max_size=40).map(lambda b: quote_from_bytes(b, safe="/"))
segment = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(alphabet=string.ascii_letters + string.digits + "-_.", min_size=1, max_size=20),
    st.text(max_size=15).map(lambda t: quote_from_bytes(t.encode("utf-8", "surrogatepass"), safe="")),
    raw_bytes,
)
paths = st.builds(
    lambda prefix, parts, slash: prefix + "/".join(parts) + ("/" if slash else ""),
    st.sampled_from(FUZZ_PREFIXES), st.lists(segment, max_size=5), st.booleans(),
)
query_values = st.one_of(
    st.sampled_from(["", "1", "0", "-1", "2", "999999999999", "abc", "%", "%ff%fe", "%00", "1%00", "[]", "{}",
                     "2008-02-30", "9999-99-99", "x" * 5000, "ä" * 1000, "..%2f..%2f"]),
    raw_bytes,
    st.text(max_size=30).map(lambda t: quote_from_bytes(t.encode("utf-8", "surrogatepass"), safe="")),
)
query_keys = st.sampled_from(["page", "q", "year", "month", "day", "date", "kreis", "kategorie", "organiser",
                              "language", "edit", "structure", "preview", "toolbar_off", "next", "redirect",
                              "format", "lang", "p", "page[]", "a" * 300, "", "%ff"])
queries = st.lists(st.tuples(query_keys, query_values), max_size=6).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
)
garbage = st.one_of(st.binary(max_size=300), st.sampled_from([b"\xff\xfe\x00", b"{", b"a=" + b"x" * 100_000]))
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.sampled_from(["", "xx", "*", "de;q=abc", "en-US,en;q=0.9", "ä" * 50, "x" * 4000]),
        "HTTP_COOKIE": st.sampled_from(["", "sessionid=abc", "django_language=xx", "csrftoken=" + "a" * 64,
                                        "sessionid=%ff%fe", "=;=;;", "django_language=../../etc"]),
        "HTTP_REFERER": st.sampled_from(["javascript:alert(1)", "http://[::1", "%ff"]),
        "HTTP_X_FORWARDED_FOR": st.sampled_from(["1.2.3.4", "garbage", "::1, ::2"]),
        "HTTP_IF_MODIFIED_SINCE": st.sampled_from(["yesterday", "Sat, 29 Oct 1994 19:43:31 GMT", "0"]),
        "HTTP_RANGE": st.sampled_from(["bytes=0-1", "bytes=-", "bytes=999999-1"]),
        "CONTENT_TYPE": st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data",
                                         "multipart/form-data; boundary=x", "application/json", "text/plain"]),
    },
)

counter = {"requests": 0}


def send(client, method, path, query="", body=b"", extra=None):
    counter["requests"] += 1
    extra = dict(extra or {})
    content_type = extra.pop("CONTENT_TYPE", "application/octet-stream")
    response = client.generic(method, f"{path}?{query}" if query else path, data=body, content_type=content_type,
                              **extra)
    assert response.status_code < 500, (method, path, query, extra, response.status_code)
    return response


def kind_paths(client):
    @FUZZ_SETTINGS
    @given(path=paths)
    def run(path):
        send(client, "GET", path)

    run()


def kind_queries(client):
    @FUZZ_SETTINGS
    @given(path=st.sampled_from(FUZZ_PREFIXES), query=queries)
    def run(path, query):
        send(client, "GET", path, query)

    run()


def kind_methods(client):
    @FUZZ_SETTINGS
    @given(method=st.sampled_from(METHODS), path=paths, body=garbage)
    def run(method, path, body):
        send(client, method, path, body=body)

    run()


def kind_headers(client):
    @FUZZ_SETTINGS
    @given(method=st.sampled_from(["GET", "POST"]), path=paths, query=queries, extra=headers, body=garbage)
    def run(method, path, query, extra, body):
        send(client, method, path, query, body, extra)

    run()


@pytest.mark.parametrize("kind", [kind_paths, kind_queries, kind_methods, kind_headers], ids=lambda k: k.__name__)
def test_no_server_errors(client, kind):
    before = counter["requests"]
    kind(client)
    sent = counter["requests"] - before
    print(f"\nfuzz {kind.__name__}: {sent} requests, 0 server errors")
    assert sent >= EXAMPLES_PER_KIND * 0.95, "Hypothesis ran (nearly) every example"


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/kommunen/%00/", {}),  # NUL reaches PostgreSQL as a page slug -> DataError before the fix
        ("/?q=%00", {}),
        ("/", {"HTTP_COOKIE": "sessionid=a\x00b"}),
    ],
)
def test_nul_bytes_are_a_bad_request(client, path, extra):
    assert client.get(path, **extra).status_code == 400


def test_unparsable_form_body_on_a_404_is_a_bad_request(client):
    """The CMS toolbar reads request.POST while rendering the 404 page; a broken body must not become a 500."""
    response = client.generic("POST", "/en//", data=b"\x00", content_type="multipart/form-data")
    assert response.status_code == 400
    response = client.generic("POST", "/..", data=b"a=" + b"x" * 100_000,
                              content_type="multipart/form-data; boundary=x")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/suche/?q=%00",
        "/werkstattreihe/?year=%00",
        "/veranstaltungen/?category=%00",
        "/veranstaltungen/archiv/?category=%00",
        "/familienmanager/?q=%00",
    ],
)
def test_nul_bytes_in_app_query_strings_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
