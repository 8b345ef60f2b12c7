"""
Withdrawing or deleting an event that people registered for (events/admin.py, EventAdmin): nothing
happens without the editor's confirmation, the confirmation names the events and how many people are
affected, and after it everyone confirmed or waiting for a coming date is told by mail as for a cancelled
date (registrations.services.event_registrations_cancel).

- Bulk "zurück in den Entwurf": a page listing each affected event with its counts (`unpublish_view`
  is called by the action; "post" in the POST confirms, as Django's own bulk delete does).
- Delete, single and bulk: Django's confirmation pages, with the same list above their own.
- The status "Entwurf" chosen in the form of a published event: the form says who is affected and
  asks again ("Zurückziehen und Angemeldete benachrichtigen", POST `_cancel_registrations`).

"zurückziehen am" only ends the event's listing at that moment (familie_portal.scheduling); the dates and
the registrations stay valid, so it cancels nothing and asks nothing.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registrations import services
from registrations.selectors import registrations_affected

CONFIRM_IN_FORM = "_cancel_registrations"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def affected_text(affected) -> str:
    people = sum(row.people for row in affected)
    return ngettext(
        "%(count)d Person ist für kommende Termine angemeldet (bestätigt oder auf der Warteliste). Ihre Anmeldung "
        "wird aufgehoben und sie erhält eine E-Mail, dass der Termin entfällt.",
        "%(count)d Personen sind für kommende Termine angemeldet (bestätigt oder auf der Warteliste). Ihre "
        "Anmeldungen werden aufgehoben und jede Person erhält eine E-Mail, dass ihr Termin entfällt.",
        people,
    ) % {"count": people}


class RegistrationsOnWithdrawalMixin:
    """For EventAdmin: first in its bases, so that it sees every save, delete and the status form."""

    delete_confirmation_template = "registrations/admin/event_delete_confirmation.html"
    delete_selected_confirmation_template = "registrations/admin/event_delete_selected_confirmation.html"

    def tell_registered(self, request, affected) -> int:
        """Cancel the coming dates of the affected events and mail each person; say so to the editor."""
        told = sum(services.event_registrations_cancel(event=row.event, base_url=_base_url(request))
                   for row in affected)
        if told:
            messages.info(request, ngettext(
                "%(count)d angemeldete Person wird per E-Mail benachrichtigt, dass ihr Termin entfällt.",
                "%(count)d angemeldete Personen werden per E-Mail benachrichtigt, dass ihr Termin entfällt.",
                told) % {"count": told})
        return told

    # --- bulk "zurück in den Entwurf" ----------------------------------------------------------
    def withdrawal_confirmation(self, request, queryset, published, *, action: str, title):
        """None when nobody is affected or the editor confirmed ("post"); else the page that asks."""
        affected = registrations_affected(published)
        if not affected or "post" in request.POST:
            return None
        context = {
            **self.admin_site.each_context(request), "title": title, "opts": self.model._meta,
            "affected": affected, "people": sum(row.people for row in affected), "text": affected_text(affected),
            "selected": list(queryset.values_list("pk", flat=True)), "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "registrations/admin/withdrawal_confirmation.html", context)

    # --- delete, single and bulk ----------------------------------------------------------------
    def delete_view(self, request, object_id, extra_context=None):
        affected = registrations_affected(self.get_queryset(request).filter(pk=unquote(object_id)))
        extra_context = {**(extra_context or {}), "affected": affected,
                         "affected_text": affected_text(affected) if affected else ""}
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        with transaction.atomic():
            self.tell_registered(request, registrations_affected(self.model._default_manager.filter(pk=obj.pk)))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self.tell_registered(request, registrations_affected(queryset))
            super().delete_queryset(request, queryset)

    @admin.action(description=_("Ausgewählte Veranstaltungen löschen"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's bulk delete, its confirmation page naming who is registered."""
        response = django_delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            affected = registrations_affected(queryset)
            response.context_data.update(affected=affected, affected_text=affected_text(affected) if affected else "")
        return response

    # --- the status chosen in the form ---------------------------------------------------------
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or obj.pk is None or obj.status != self.model.Status.PUBLISHED or request.method != "POST":
            return form
        published = self.model.Status.PUBLISHED
        model = self.model

        class ConfirmingWithdrawal(form):
            def clean(self):
                cleaned = super().clean()
                if cleaned.get("status", published) == published:
                    return cleaned
                affected = registrations_affected(model._default_manager.filter(pk=obj.pk))
                if not affected:
                    return cleaned
                if CONFIRM_IN_FORM not in request.POST:
                    request.portal_withdrawal_affected = affected
                    raise ValidationError(gettext(
                        "Zurückziehen sagt die kommenden Termine ab. %(who)s Bitte bestätigen Sie mit "
                        "„Zurückziehen und Angemeldete benachrichtigen“.") % {"who": affected_text(affected)})
                request.portal_withdrawal_confirmed = True
                return cleaned

        ConfirmingWithdrawal.__name__ = form.__name__
        return ConfirmingWithdrawal

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        affected = getattr(request, "portal_withdrawal_affected", None)
        if affected:
            context = {**context, "withdrawal_affected": affected, "withdrawal_text": affected_text(affected)}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(request, "portal_withdrawal_confirmed", False) and obj.status != self.model.Status.PUBLISHED:
            self.tell_registered(request, registrations_affected(self.model._default_manager.filter(pk=obj.pk)))
