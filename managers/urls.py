from django.urls import path

from managers import views

app_name = "managers"

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="list"),
    path("karte/", views.MapView.as_view(), name="map"),
    path("karte.geojson", views.geojson, name="geojson"),
    path("kommune/<slug:slug>/", views.MunicipalityView.as_view(), name="municipality"),
    path("profil/<slug:slug>/", views.ProfileView.as_view(), name="detail"),
    path("vorschau/<int:pk>/", views.ProfilePreviewView.as_view(), name="preview"),
]
