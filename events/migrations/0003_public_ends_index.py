# Windows around "now" ("alle Termine", the current month, the feeds) select on series_end.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_event_report"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["status", "series_end"], name="event_public_ends"),
        ),
    ]
