"""The "Kommunen" page's list of the onboarded municipalities (MunicipalitiesApphook)."""

from django.urls import path

from managers import views

app_name = "municipalities"

urlpatterns = [
    path("", views.MunicipalityIndexView.as_view(), name="list"),
]
