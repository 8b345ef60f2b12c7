"""
The search results list, built in Python: ten cards of a type, a date, a linked title and a
passage with the matches marked. The template loop over every passage part cost more than the
search itself once the query was fast; the output is exactly what the template gave
(tests/familie_portal/test_search_rendering.py compares them). Everything is escaped.
"""

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def passage_html(parts) -> SafeString:
    """(text, is_match) parts of text.snippet(): the text escaped, matches in <mark>."""
    return mark_safe(  # noqa: S308 - every part is escaped
        "".join(f"<mark>{escape(part)}</mark>" if hit else escape(part) for part, hit in parts)
    )


def result_item(document) -> SafeString:
    """One result: `document` with `kind_label` and `passage` (text.snippet()) set."""
    meta = format_html('<span class="badge">{}</span>', document.kind_label)
    if document.date:
        moment = timezone.localtime(document.date) if timezone.is_aware(document.date) else document.date
        meta += format_html(' · <time datetime="{}">{}</time>', moment.isoformat(), date_format(moment, "j. F Y"))
    passage = format_html("<p>{}</p>", passage_html(document.passage)) if document.passage else ""
    return format_html(
        '    <li class="card">\n'
        '      <p class="meta">{}</p>\n'
        '      <h2><a href="{}">{}</a></h2>\n'
        "      {}\n"
        "    </li>",
        meta, document.url, document.title, passage,
    )


def result_items(documents) -> SafeString:
    return mark_safe("\n".join(result_item(document) for document in documents))  # noqa: S308 - escaped above
