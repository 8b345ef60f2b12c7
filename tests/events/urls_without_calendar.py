"""A site whose calendar page is not hooked (yet): the calendar's HTML must still render, without links."""

urlpatterns = []
