"""
"Zugangsdaten vergessen?" on the admin's login page: Django's password reset views (the admin shows the link
once a URL named `admin_password_reset` exists), with German templates in the admin's look
(templates/registration/password_reset_*). The answer is the same whether an address belongs to a login or
not, and a rate limit per address and per client keeps the form from sending mail after mail
(familie_portal.ratelimit; over it, nothing is sent and the answer is still the same). Who set a new password
through the mailed link has shown they own the login: django-axes' lockout of that username (after too many
wrong passwords) is lifted, so the new password works at once.
"""

from axes.utils import reset as axes_reset
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from familie_portal import ratelimit

# Mails per address and requests per client in ratelimit.WINDOW_SECONDS.
PER_ADDRESS = 3
PER_CLIENT = 20


def _admin_titles() -> dict:
    return {"site_title": admin.site.site_title, "site_header": admin.site.site_header}


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_titles()}

    def form_valid(self, form):
        if (ratelimit.ip_over_limit(self.request, scope="password-reset", limit=PER_CLIENT)
                or ratelimit.value_over_limit(form.cleaned_data["email"], scope="password-reset", kind="email",
                                              limit=PER_ADDRESS)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_titles()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_titles()}

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_titles()}
