from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewStepForm(forms.Form):
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)

    def __init__(self, *args, comment_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
