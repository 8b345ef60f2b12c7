"""
The places of North Rhine-Westphalia from the data files shipped in `managers/data/`.

- `nrw_kreise.csv`: the 53 Kreise and kreisfreie Städte (key, name, slug, Regierungsbezirk key).
- `nrw_gemeinden.csv`: the 396 municipalities (AGS, name, official name, slug, Kreis key, WGS84
  coordinates of the municipality's reference point).
- `nrw_outline.geojson`: the state's outline for the map.

Sources and licences: see README ("Familienmanager"). Loading is idempotent and matches rows by
their official keys (AGS, Kreis key, Regierungsbezirk key), so rows created earlier (the
foundation's Bochum and Gelsenkirchen) are updated in place, never duplicated. It works on the
real models and on a migration's historical models alike.
"""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
KREISE_CSV = DATA_DIR / "nrw_kreise.csv"
GEMEINDEN_CSV = DATA_DIR / "nrw_gemeinden.csv"
OUTLINE_GEOJSON = DATA_DIR / "nrw_outline.geojson"

REGIERUNGSBEZIRKE = [
    # key, name, slug
    ("051", "Düsseldorf", "duesseldorf"),
    ("053", "Köln", "koeln"),
    ("055", "Münster", "muenster"),
    ("057", "Detmold", "detmold"),
    ("059", "Arnsberg", "arnsberg"),
]


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _free_slug(wanted: str, key: str, taken: dict[str, str]) -> str:
    """`wanted`, unless another record (by key) already holds it; then `wanted-<key>`."""
    holder = taken.get(wanted)
    return wanted if holder in (None, key) else f"{wanted}-{key}"


def _sync(model, key_field: str, rows: list[dict], fields: list[str]) -> tuple[int, int]:
    """Bulk create or update `rows` matched by `key_field`; returns (created, updated)."""
    existing = {getattr(obj, key_field): obj for obj in model.objects.all()}
    taken = {obj.slug: getattr(obj, key_field) for obj in existing.values()}
    to_create, to_update = [], []
    for row in rows:
        key = row[key_field]
        row = {**row, "slug": _free_slug(row["slug"], key, taken)}
        taken[row["slug"]] = key
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**row))
            continue
        if any(getattr(obj, field) != row[field] for field in fields):
            for field in fields:
                setattr(obj, field, row[field])
            to_update.append(obj)
    if to_update:
        model.objects.bulk_update(to_update, fields)
    if to_create:
        model.objects.bulk_create(to_create)
    return len(to_create), len(to_update)


def load_places(*, apps=None, stdout=None) -> dict[str, int]:
    """Create or update all Regierungsbezirke, Kreise and municipalities of NRW."""
    if apps is None:
        from django.apps import apps
    Regierungsbezirk = apps.get_model("managers", "Regierungsbezirk")
    Kreis = apps.get_model("managers", "Kreis")
    Municipality = apps.get_model("managers", "Municipality")

    _sync(
        Regierungsbezirk, "key",
        [{"key": key, "name": name, "slug": slug} for key, name, slug in REGIERUNGSBEZIRKE],
        ["name", "slug"],
    )
    rb_ids = dict(Regierungsbezirk.objects.values_list("key", "id"))
    kreise = [
        {
            "key": row["key"], "name": row["name"], "slug": row["slug"],
            "regierungsbezirk_id": rb_ids[row["regierungsbezirk"]],
            "is_kreisfreie_stadt": row["kreisfreie_stadt"] == "1",
        }
        for row in _read(KREISE_CSV)
    ]
    _sync(Kreis, "key", kreise, ["name", "slug", "regierungsbezirk_id", "is_kreisfreie_stadt"])
    kreis_ids = dict(Kreis.objects.values_list("key", "id"))
    municipalities = [
        {
            "ags": row["ags"], "name": row["name"], "slug": row["slug"], "kreis_id": kreis_ids[row["kreis"]],
            "latitude": Decimal(row["latitude"]), "longitude": Decimal(row["longitude"]),
        }
        for row in _read(GEMEINDEN_CSV)
    ]
    created, updated = _sync(
        Municipality, "ags", municipalities, ["name", "slug", "kreis_id", "latitude", "longitude"]
    )
    counts = {
        "regierungsbezirke": Regierungsbezirk.objects.count(),
        "kreise": Kreis.objects.count(),
        "municipalities": Municipality.objects.count(),
        "created": created,
        "updated": updated,
    }
    if stdout is not None:
        stdout.write(
            "Orte NRW: {regierungsbezirke} Regierungsbezirke, {kreise} Kreise, {municipalities} Kommunen "
            "({created} neu, {updated} aktualisiert).".format(**counts)
        )
    return counts
