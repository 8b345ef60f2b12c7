"""The form of the "Kontakt" page (/kontakt/, English /en/contact/) and its confirmation, never cached."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.FeedbackView.as_view(), name="form"),
    path("gesendet/", views.done, name="done"),
]
