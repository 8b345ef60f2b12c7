"""URLs of the Werkstattreihe, below the CMS page the apphook sits on (/werkstattreihe/, /en/workshop-series/)."""

from django.urls import path

from workshops import feeds, views

app_name = "workshops"

urlpatterns = [
    path("", views.WorkshopListView.as_view(), name="list"),
    path("feed/rss/", feeds.LatestWorkshopsRssFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestWorkshopsAtomFeed(), name="feed-atom"),
    path("vorschau/<int:pk>/", views.WorkshopPreviewView.as_view(), name="preview"),
    path("<slug:slug>/", views.WorkshopDetailView.as_view(), name="detail"),
]
