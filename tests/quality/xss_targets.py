"""
Extension point of the stored-XSS test: every model field that takes text or URLs from editors
and is rendered publicly, and how to put a payload there and find the page that shows it.

Apps add a `Target` for their models (e.g. Event.description, Report.body, Organisation.website):
`store(payloads, user)` saves the payloads through the model's normal save path (the way the
admin does; published) and returns the public URLs that render them.

`test_every_text_field_is_covered` fails when a TextField/HTMLField/URLField of a local app is
neither in a Target's `fields` nor in NOT_RENDERED with a reason - a new field cannot be forgotten.
"""

from collections.abc import Callable
from dataclasses import dataclass

from cms.api import add_plugin, create_page, create_page_content
from cms.models import PageContent

from familie_portal.demo import publish


@dataclass(frozen=True)
class Target:
    name: str
    fields: tuple[str, ...]  # "app_label.Model.field"
    store: Callable[[list[str], object], list[str]]


def _text_plugins(payloads, user):
    """All payloads as text plugins on one new page, German and English."""
    page = create_page("XSS-Test Text", "pages/content.html", "de", slug="xss-test-text", created_by=user)
    create_page_content("en", "XSS test text", page, slug="xss-test-text", template="pages/content.html",
                        created_by=user)
    for language in ("de", "en"):
        content = PageContent.admin_manager.get(page=page, language=language)
        placeholder = content.get_placeholders().get(slot="content")
        for payload in payloads:
            add_plugin(placeholder, "TextPlugin", language, body=payload)
        publish(content, user)
    return ["/xss-test-text/", "/en/xss-test-text/"]


def _page_attributes(payloads, user):
    """Title, page title, menu title and meta description of pages (head, navigation, breadcrumb)."""
    parent = create_page("XSS-Test Titel", "pages/content.html", "de", slug="xss-test-titel", created_by=user,
                         in_navigation=True)
    publish(PageContent.admin_manager.get(page=parent, language="de"), user)
    urls = ["/xss-test-titel/"]
    for index, payload in enumerate(payloads):
        text = payload[:255]
        child = create_page(text, "pages/content.html", "de", slug=f"x{index}", parent=parent, created_by=user,
                            in_navigation=True, page_title=text, menu_title=text, meta_description=text)
        publish(PageContent.admin_manager.get(page=child, language="de"), user)
        urls.append(f"/xss-test-titel/x{index}/")
    return urls


TARGETS: list[Target] = [
    Target("text plugin", ("djangocms_text.Text.body",), _text_plugins),
    Target("page title, menu title, meta description",
           ("cms.PageContent.title", "cms.PageContent.page_title", "cms.PageContent.menu_title",
            "cms.PageContent.meta_description"), _page_attributes),
    # Apps: Target("event", ("events.Event.description", ...), _events), ...
]

# Text/URL fields of local apps that are never rendered on a public page, or not yet (with why).
NOT_RENDERED: dict[str, str] = {
    "managers.Organisation.website": "no public page yet: the managers app adds its Target with its pages",
}
