"""Parse rendered HTML (html.parser, as a browser would tokenize it) and list what could run script."""

from html.parser import HTMLParser

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
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            script_type = (attributes.get("type") or "").strip().lower()
            src = attributes.get("src")
            if script_type in JSON_SCRIPT_TYPES:
                pass
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
