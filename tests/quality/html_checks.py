"""Parse rendered HTML (html.parser, as a browser would tokenize it) and list what could run script."""

import json
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.conf import settings

JSON_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
DANGEROUS_TAGS = {"iframe", "frame", "object", "embed", "applet", "base", "frameset"}


def _is_script_url(value: str) -> bool:
    compact = "".join(ch for ch in value if ch > " ").lower()  # browsers ignore controls/whitespace
    return compact.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg+xml"))


class _Collector(HTMLParser):
    # Raw-text elements as a browser with scripting on sees them: markup inside <noscript> or
    # <xmp> is text, and whatever follows their end tag is live ("mutation XSS" hides there).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "noscript", "xmp", "iframe", "noembed", "noframes")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.vectors: list[str] = []
        self.inline_styles: list[str] = []
        self.json_scripts: list[str] = []
        self._json_script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            script_type = (attributes.get("type") or "").strip().lower()
            src = attributes.get("src")
            if script_type in JSON_SCRIPT_TYPES:
                self._json_script = []
            elif src is None:
                self.vectors.append("inline <script>")
            elif not src.startswith(settings.STATIC_URL):
                self.vectors.append(f"<script src={src!r}>")
        if tag in DANGEROUS_TAGS:
            self.vectors.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.vectors.append("<meta http-equiv=refresh>")
        if tag == "style":
            self.inline_styles.append("<style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.vectors.append(f"<{tag} {name}=…>")
            elif name == "srcdoc":
                self.vectors.append(f"<{tag} srcdoc=…>")
            elif name in URL_ATTRIBUTES and value and _is_script_url(value):
                self.vectors.append(f"<{tag} {name}={value[:40]!r}>")
            elif name == "style":
                self.inline_styles.append(f"<{tag} style=…>")


    def handle_data(self, data):
        if self._json_script is not None:
            self._json_script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json_script is not None:
            self.json_scripts.append("".join(self._json_script))
            self._json_script = None


def inspect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def script_vectors(html: str) -> list[str]:
    """Every way this HTML could execute script (empty list: none)."""
    return inspect(html).vectors


def inline_styles(html: str) -> list[str]:
    """<style> elements and style="" attributes (blocked by style-src 'self')."""
    return inspect(html).inline_styles


def json_script_problems(html: str) -> list[str]:
    """JSON(-LD) <script> blocks whose content is not one JSON document: text broke out of the block
    (an early `</script>`) or the data was built by string concatenation."""
    problems = []
    for block in inspect(html).json_scripts:
        try:
            json.loads(block)
        except ValueError as exc:
            problems.append(f"{exc}: {block[:80]!r}")
    return problems


def feed_markup(xml: str) -> list[str]:
    """What a feed reader renders as HTML: RSS item descriptions, Atom summaries and content.

    The XML is parsed first, so entity-escaped markup (`&lt;script&gt;`) comes back as the markup
    a reader would see.
    """
    root = ElementTree.fromstring(xml)  # noqa: S314 - the portal's own feed, from a test client
    atom = "{http://www.w3.org/2005/Atom}"
    parts = [element.text or "" for element in root.iter("description")]
    for name in ("summary", "content"):
        parts += [element.text or "" for element in root.iter(atom + name)]
    return parts


def feed_items(xml: str) -> int:
    root = ElementTree.fromstring(xml)  # noqa: S314 - the portal's own feed, from a test client
    return len(list(root.iter("item"))) + len(list(root.iter("{http://www.w3.org/2005/Atom}entry")))
