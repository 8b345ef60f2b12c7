from django import template

from familie_portal import editorial

register = template.Library()


@register.inclusion_tag("admin/includes/start_page.html", takes_context=True)
def editor_start_page(context):
    """The signed-in editor's start page (familie_portal.editorial), above the admin's app list."""
    request = context["request"]
    return {"page": editorial.start_page(request.user), "request": request}
