"""What the portal's own django CMS plugins share."""

from django.template.loader import select_template


class TemplateFolderMixin:
    """
    A layout per plugin instance, as djangocms-blog does: `<app>/plugins/<folder>/<name>.html` if a
    designer made one for the instance's `template_folder`, else the standard `render_template`
    (`<app>/plugins/<name>.html`). The folders a plugin offers are a setting of its app.
    """

    def get_render_template(self, context, instance, placeholder):
        folder, name = self.render_template.rsplit("/", 1)
        candidates = [self.render_template]
        if instance.template_folder:
            candidates.insert(0, f"{folder}/{instance.template_folder}/{name}")
        return select_template(candidates)
