"""The visitor's registration pages (/anmeldung/…, English /en/anmeldung/…), never cached."""

from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("eingegangen/", views.done, name="done"),
    path("bestaetigen/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("verwalten/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("<slug:slug>/", views.RegisterView.as_view(), name="register"),
]
