"""schema.org JSON-LD in a page: the one place that puts JSON inside a <script> element."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

# json.dumps leaves these alone; inside <script> they could end the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class _ScriptJson:
    """JSON as format_html() puts it inside a <script>: its HTML form (`__html__`) is the JSON with
    <, > and & escaped as Django's `json_script` escapes them, so nothing in it can end the element."""

    def __init__(self, data: dict):
        self.data = data

    def __html__(self) -> str:
        return json.dumps(self.data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)


def json_ld_script(data: dict) -> SafeString:
    """`<script type="application/ld+json">` holding `data`."""
    return format_html('<script type="application/ld+json">{}</script>', _ScriptJson(data))
