from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext_lazy as _


class ReviewStepForm(forms.Form):
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)

    def __init__(self, *args, comment_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required


class ApproveForm(ReviewStepForm):
    """Approval, optionally for a later moment (local time; empty or not in the future: at once)."""

    publish_at = forms.SplitDateTimeField(
        label=_("Veröffentlichen am (optional)"), required=False, widget=AdminSplitDateTime,
        help_text=_("Datum und Uhrzeit (Ortszeit). Leer oder schon vorbei: sofort veröffentlichen."),
        error_messages={"invalid_date": _("Bitte ein Datum wie 12.05.2027 eingeben."),
                        "invalid_time": _("Bitte eine Uhrzeit wie 10:00 eingeben."),
                        "incomplete": _("Bitte Datum und Uhrzeit eingeben.")},
    )
