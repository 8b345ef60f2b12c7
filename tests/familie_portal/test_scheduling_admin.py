"""The admin side of scheduled publishing: the fields in each form (local time), the German error for
a withdrawal before the publication, the list column and the filter "geplant"."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from events.models import Event
from managers.models import FamilyManager
from tests.authz.support import admin_form_data, client_as
from workshops.models import Workshop

# The schedule fields as a city's editor uses them on its published content: review switched off (reviews/ and
# tests/authz/test_review_publishing.py cover what review allows).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_review")]
BERLIN_9 = datetime(2027, 3, 1, 9, 0, tzinfo=timezone.get_default_timezone())
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=timezone.get_default_timezone())

OBJECTS = [
    ("events", "event", lambda: Event.objects.get(slug="familienfest-im-stadtpark-bochum-2008"), "bochum"),
    ("workshops", "workshop",
     lambda: Workshop.objects.get(slug_de="familienfreundlichkeit-die-kommunalverwaltung-im-fokus"), "iqz"),
    ("managers", "familymanager", lambda: FamilyManager.objects.get(slug="berta-beispiel"), "bochum"),
]
IDS = [model for _app, model, _get, _role in OBJECTS]


@pytest.mark.parametrize(("app", "model", "get", "role"), OBJECTS, ids=IDS)
def test_publish_and_withdraw_times_are_saved_in_local_time(app, model, get, role):
    obj = get()
    url = f"/admin/{app}/{model}/{obj.pk}/change/"
    with time_machine.travel(NOW, tick=False):
        html = client_as(role).get(url).content.decode()
        assert "Veröffentlichen am" in html and "Zurückziehen am" in html and "Ortszeit (Europe/Berlin)" in html
        # "Sofort veröffentlichen": a plain save of published content is a draft (reviews.admin_drafts).
        data = admin_form_data(url, publish_at_0="01.03.2027", publish_at_1="09:00",
                               withdraw_at_0="01.04.2027", withdraw_at_1="18:30", _publish_now="1")
        response = client_as(role).post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        obj.refresh_from_db()
        assert obj.publish_at == BERLIN_9
        assert timezone.localtime(obj.withdraw_at).strftime("%d.%m.%Y %H:%M") == "01.04.2027 18:30"
        changelist = client_as(role).get(f"/admin/{app}/{model}/?zeitplan=geplant")
        assert changelist.context["cl"].queryset.filter(pk=obj.pk).exists()
        assert "geplant ab 01.03.2027 09:00, bis 01.04.2027 18:30" in changelist.content.decode()
        assert not client_as(role).get(f"/admin/{app}/{model}/?zeitplan=abgelaufen").context[
            "cl"].queryset.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(("app", "model", "get", "role"), OBJECTS, ids=IDS)
def test_a_withdrawal_before_the_publication_is_a_form_error(app, model, get, role):
    obj = get()
    url = f"/admin/{app}/{model}/{obj.pk}/change/"
    data = admin_form_data(url, publish_at_0="01.03.2027", publish_at_1="09:00",
                           withdraw_at_0="01.03.2027", withdraw_at_1="08:00")
    response = client_as(role).post(url, data)
    assert response.status_code == 200
    assert "„Zurückziehen am“ muss nach „Veröffentlichen am“ liegen." in response.content.decode()
    obj.refresh_from_db()
    assert obj.publish_at is None and obj.withdraw_at is None
