"""Load every Regierungsbezirk, Kreis and municipality of NRW from the shipped data files."""

from django.db import migrations


def forwards(apps, schema_editor):
    from managers.places import load_places

    load_places(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("managers", "0002_family_manager_map_teaser"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
