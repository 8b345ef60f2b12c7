"""
What rich text may hold: the elements the portal's design styles, nothing else.

The editor (djangocms-text's Tiptap, settings.TEXT_EDITOR_TOOLBAR) offers exactly these; the
sanitizer (djangocms-text's nh3 parser, used on save and render of text plugins and HTMLFields)
keeps exactly these, so pasted HTML is cleaned to the same set: no images (the image block places
them, with alt text), no style="" (the visitor CSP would block it), no classes (no developer
styles or colours), no fonts, spans or tables. Unknown tags are dropped and their text kept.
"""

TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "a", "blockquote",
        # django CMS's placeholder for a plugin inside a text
        "cms-plugin"}
ATTRIBUTES = {
    "a": {"href", "title", "target", "rel"},
    "cms-plugin": {"id", "title", "name", "alt", "render-plugin", "type"},
}
# djangocms-text's links to pages and other objects (data-cms-href, resolved on render).
ATTRIBUTE_PREFIXES = {"data-cms-"}


def limit_sanitizer() -> None:
    """Narrow djangocms-text's shared nh3 parser to TAGS/ATTRIBUTES (called once in AppConfig.ready)."""
    from djangocms_text import html

    parser = html.cms_parser
    parser.ALLOWED_TAGS = set(TAGS)
    parser.ALLOWED_ATTRIBUTES = {tag: set(attributes) for tag, attributes in ATTRIBUTES.items()}
    parser.generic_attribute_prefixes = set(ATTRIBUTE_PREFIXES)
    html.cms_additional_attributes.clear()
    html.cms_additional_attributes.update({tag: set(attributes) for tag, attributes in ATTRIBUTES.items()})
