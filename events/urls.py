"""URLs below the CMS page "Veranstaltungen" (German sub-URLs; the same patterns serve /en/events/)."""

from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.UpcomingView.as_view(), name="upcoming"),
    path("archiv/", views.ArchiveView.as_view(), name="archive"),
    path("kalender/", views.current_month, name="calendar"),
    path("kalender.ics", views.IcalFeedView.as_view(), name="ical"),
    path("rss/", feeds.UpcomingEventsFeed(), name="rss"),
    path("atom/", feeds.UpcomingEventsAtomFeed(), name="atom"),
    path("veranstalter/<slug:organiser>/<int:year>/", views.OrganiserYearView.as_view(), name="organiser_year"),
    path("<int:year>/<int:month>/", views.MonthView.as_view(), name="month"),
    path("<int:year>/<int:month>/<int:day>/", views.DayView.as_view(), name="day"),
    path("vorschau/<int:pk>/", views.EventPreviewView.as_view(), name="preview"),
    path("<slug:slug>.ics", views.EventIcsView.as_view(), name="detail_ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
