"""
Demo content of the Werkstattreihe: the Bochum report of April 2008 (the portal's original
page, every fact of it) and three fictional reports of later years, so that the list, its
filters and its pagination have something to show. Idempotent: rows are found by natural keys.
"""

import datetime

from django.db import transaction

from managers.models import Kreis, Municipality, Organisation, Regierungsbezirk
from workshops.models import Contribution, Quote, RankedItem, Workshop, WorkshopSeries

# Places of the fictional reports (official keys); Bochum and Gelsenkirchen come with the foundation.
PLACES = [
    # (Regierungsbezirk key, name), (Kreis key, name), (AGS, name, slug, lat, lon)
    (("059", "Arnsberg"), ("05913", "Dortmund"), ("05913000", "Dortmund", "dortmund", "51.513587", "7.465298")),
    (("055", "Münster"), ("05515", "Münster"), ("05515000", "Münster", "muenster", "51.962944", "7.628694")),
]

FICTIONAL_DE = "<p><em>Dieser Bericht ist ein erfundenes Beispiel für die Demo des Portals.</em></p>"
FICTIONAL_EN = "<p><em>This report is a made-up example for the portal demo.</em></p>"

BOCHUM = {
    "slug_de": "familienfreundlichkeit-die-kommunalverwaltung-im-fokus",
    "slug_en": "family-friendliness-the-municipal-administration-in-focus",
    "city": "05911000",
    "date": datetime.date(2008, 4, 15),
    "show_day": False,  # the original names only the month: "im April 2008"
    "title_de": "Familienfreundlichkeit – Die Kommunalverwaltung im Fokus",
    "title_en": "Family-friendliness – the municipal administration in focus",
    "teaser_de": (
        "Übergreifende Verwaltungsstrukturen allein reichen nicht aus – für die Familienfreundlichkeit einer "
        "Kommune sind ausreichende Ressourcen und verbindliche Ziele erforderlich. Dieses Fazit zogen kommunale "
        "Fachleute im April 2008 auf einem Workshop des IQZ zum Thema „Familienfreundlichkeit von Kommunen“."
    ),
    "teaser_en": (
        "Cross-departmental administrative structures alone are not enough – a family-friendly municipality needs "
        "sufficient resources and binding goals. This was the conclusion municipal experts drew in April 2008 at "
        "an IQZ workshop on “Family-friendliness of municipalities”."
    ),
    "body_de": (
        "<p>Den Workshop eröffnete Prof. Dr. Jörg Bogumil von der Ruhr-Universität Bochum mit einem Aufriss "
        "denkbarer Verwaltungsmodelle für den Bereich der Familienpolitik. In einer Rangfolge von „stark“ nach "
        "„schwach“ unterschied Bogumil sechs Idealtypen.</p>"
    ),
    "body_en": (
        "<p>Prof. Dr. Jörg Bogumil of Ruhr-Universität Bochum opened the workshop with an outline of possible "
        "administrative models for family policy. Ranking them from “strong” to “weak”, Bogumil distinguished "
        "six ideal types.</p>"
    ),
    "ranking_title_de": "Verwaltungsmodelle für die kommunale Familienpolitik",
    "ranking_title_en": "Administrative models for municipal family policy",
    "ranking_high_de": "stark",
    "ranking_high_en": "strong",
    "ranking_low_de": "schwach",
    "ranking_low_en": "weak",
    "ranking_note_de": (
        "Das IQZ stellt diese Modelle auf familie-in-nrw.de näher vor. Die anschließende Diskussion zeigte, dass "
        "es in nordrhein-westfälischen Kommunen bereits Mischformen dieser Idealtypen gibt."
    ),
    "ranking_note_en": (
        "The IQZ presents these models in more detail on familie-in-nrw.de. The discussion that followed showed "
        "that municipalities in North Rhine-Westphalia already combine these ideal types in mixed forms."
    ),
    "conclusion_de": (
        "<p>In der abschließenden Denkwerkstatt analysierten die Teilnehmenden des Workshops die "
        "Familienfreundlichkeit ihrer Kommune und tauschten Erfahrungen aus.</p>"
        "<p>Übergreifende Verwaltungsstrukturen allein reichen nicht aus – für die Familienfreundlichkeit einer "
        "Kommune sind ausreichende Ressourcen und verbindliche Ziele erforderlich.</p>"
    ),
    "conclusion_en": (
        "<p>In the closing “Denkwerkstatt” (think tank), the participants analysed how family-friendly their own "
        "municipality is and exchanged experiences.</p>"
        "<p>Cross-departmental administrative structures alone are not enough – a family-friendly municipality "
        "needs sufficient resources and binding goals.</p>"
    ),
    "quotes": [
        {
            "speaker": "Prof. Dr. Jörg Bogumil",
            "text_de": "Die beste Lösung ist ein Amt für Familienpolitik.",
            "text_en": "The best solution is an office for family policy.",
            "caption_de": (
                "Verwaltungsexperte Prof. Dr. Jörg Bogumil: „Die beste Lösung ist ein Amt für Familienpolitik.“"
            ),
            "caption_en": (
                "Public administration expert Prof. Dr. Jörg Bogumil: “The best solution is an office for family "
                "policy.”"
            ),
        },
    ],
    # Bogumil's models in his order, from "stark" (1) to "schwach" (6).
    "ranking": [
        ("Amt für kommunale Familienpolitik", "Municipal office for family policy"),
        ("Stabsstellen", "Staff units"),
        ("Federführung", "Lead responsibility of one department"),
        ("Projektorganisation", "Project organisation"),
        ("Koordinationsgremien", "Coordination bodies"),
        ("Horizontale Zentralisierung einer Querschnittsaufgabe", "Horizontal centralisation of a cross-cutting task"),
    ],
    "contributions": [
        {
            "academic_title": "Prof. Dr.",
            "name": "Jörg Bogumil",
            "role_de": "Verwaltungsexperte",
            "role_en": "Public administration expert",
            "affiliation_de": "Ruhr-Universität Bochum",
            "affiliation_en": "Ruhr-Universität Bochum",
            "topic_de": "Denkbare Verwaltungsmodelle für den Bereich der Familienpolitik",
            "topic_en": "Possible administrative models for family policy",
            "summary_de": (
                "<p>Bogumil ordnete die Verwaltungsmodelle in einer Rangfolge von „stark“ nach „schwach“ – vom "
                "„Amt für kommunale Familienpolitik“ bis zur „Horizontalen Zentralisierung einer "
                "Querschnittsaufgabe“ (siehe Rangfolge oben). Sein Urteil: „Die beste Lösung ist ein Amt für "
                "Familienpolitik.“</p>"
            ),
            "summary_en": (
                "<p>Bogumil ranked the administrative models from “strong” to “weak” – from a “municipal office "
                "for family policy” to the “horizontal centralisation of a cross-cutting task” (see the ranking "
                "above). His verdict: “The best solution is an office for family policy.”</p>"
            ),
        },
        {
            "academic_title": "",
            "name": "Thomas Frings",
            "role_de": "Abteilungsleiter „Besondere soziale Dienste“",
            "role_en": "Head of the department “Besondere soziale Dienste” (special social services)",
            "affiliation_de": "Stadt Gelsenkirchen",
            "affiliation_en": "City of Gelsenkirchen",
            "topic_de": "Praktische Erfahrungen aus der strukturellen Umsetzung des Themas „Familienfreundlichkeit“ "
                        "in Gelsenkirchen",
            "topic_en": "Practical experience of anchoring “family-friendliness” in the structures of Gelsenkirchen",
            "summary_de": (
                "<p>Gleich am Beginn seines Vortrages riet Frings dazu, nicht irgendein Verwaltungsmodell einer "
                "anderen Kommune zu übernehmen, sondern dessen Passung zu überprüfen.</p>"
                "<ul>"
                "<li>Gute Erfahrungen mache man in Gelsenkirchen mit „Spielestunden in Haushalten“. Diese "
                "schafften laut Frings unkomplizierte Kontakte zwischen Behörden und Familien.</li>"
                "<li>Für Planungsprozesse empfehle sich beispielsweise eine Kooperation mit "
                "Wohnungsgesellschaften: Gemeinsame Mieterbefragungen seien eine preisgünstige Methode, um an "
                "relevantes Datenmaterial zu gelangen.</li>"
                "</ul>"
            ),
            "summary_en": (
                "<p>Right at the start of his talk, Frings advised against simply adopting another municipality's "
                "administrative model; instead, check whether it fits.</p>"
                "<ul>"
                "<li>Gelsenkirchen has had good experience with “Spielestunden in Haushalten” (play hours in "
                "households). According to Frings, they create uncomplicated contacts between the authorities and "
                "families.</li>"
                "<li>For planning, cooperating with housing companies is worthwhile: joint tenant surveys are an "
                "inexpensive way to obtain relevant data.</li>"
                "</ul>"
            ),
        },
    ],
}

FICTIONAL = [
    {
        "slug_de": "familien-beteiligen-stadtplanung",
        "slug_en": "involving-families-in-urban-planning",
        "city": "05913000",
        "date": datetime.date(2009, 6, 17),
        "show_day": True,
        "title_de": "Familien beteiligen – Familienfreundlichkeit in der Stadtplanung",
        "title_en": "Involving families – family-friendliness in urban planning",
        "teaser_de": (
            "Familien wissen selbst am besten, was sie in ihrem Stadtteil brauchen. Wie Kommunen dieses Wissen "
            "früh in die Planung holen, besprachen Fachleute aus Stadtplanung und Jugendhilfe im Juni 2009 auf "
            "einem Workshop des IQZ in Dortmund."
        ),
        "teaser_en": (
            "Families know best what they need in their neighbourhood. In June 2009, planners and youth welfare "
            "staff discussed at an IQZ workshop in Dortmund how municipalities can bring this knowledge into "
            "planning early."
        ),
        "body_de": (
            "<p>Im Mittelpunkt standen Spielleitplanung, Stadtteilspaziergänge mit Eltern und Kindern sowie "
            "Beteiligungsformate, die auch Familien ohne Vereinsbindung erreichen.</p>" + FICTIONAL_DE
        ),
        "body_en": (
            "<p>The focus was on play space planning, neighbourhood walks with parents and children, and formats "
            "that reach families outside clubs and associations.</p>" + FICTIONAL_EN
        ),
        "conclusion_de": "<p>Beteiligung wirkt, wenn sie früh beginnt und die Ergebnisse sichtbar in die Planung "
                         "eingehen.</p>",
        "conclusion_en": "<p>Participation works when it starts early and its results visibly shape the plan.</p>",
        "contributions": [
            {
                "academic_title": "Dr.",
                "name": "Miriam Albers",
                "role_de": "Stadtplanerin (fiktive Person)",
                "role_en": "Urban planner (fictional person)",
                "topic_de": "Spielleitplanung: Kinder und Eltern als Expertinnen und Experten ihres Stadtteils",
                "topic_en": "Play space planning: children and parents as experts on their neighbourhood",
                "summary_de": "<p>Stadtteilspaziergänge liefern in wenigen Stunden, wofür Fragebögen Wochen "
                              "brauchen.</p>",
                "summary_en": "<p>Neighbourhood walks deliver in a few hours what questionnaires take weeks "
                              "for.</p>",
            },
        ],
        "quotes": [],
        "ranking": [],
    },
    {
        "slug_de": "familienbueros-als-anlaufstelle",
        "slug_en": "family-offices-as-a-first-point-of-contact",
        "city": "05515000",
        "date": datetime.date(2010, 3, 10),
        "end_date": datetime.date(2010, 3, 11),
        "show_day": True,
        "title_de": "Familienbüros als Anlaufstelle – Lotsen durch die Verwaltung",
        "title_en": "Family offices as a first point of contact – guides through the administration",
        "teaser_de": (
            "Ein Ort, an dem Familien alle Fragen stellen können: Auf einem zweitägigen Workshop des IQZ in "
            "Münster tauschten Kommunen im März 2010 Erfahrungen mit Familienbüros aus."
        ),
        "teaser_en": (
            "One place where families can ask every question: at a two-day IQZ workshop in Münster in March 2010, "
            "municipalities shared their experience with family offices."
        ),
        "body_de": "<p>Diskutiert wurden Standort, Öffnungszeiten, Personal und die Zusammenarbeit mit den "
                   "Fachämtern.</p>" + FICTIONAL_DE,
        "body_en": "<p>Location, opening hours, staff and cooperation with the specialist departments were "
                   "discussed.</p>" + FICTIONAL_EN,
        "conclusion_de": "<p>Ein Familienbüro ist so gut wie seine Verbindungen in die Verwaltung.</p>",
        "conclusion_en": "<p>A family office is only as good as its links into the administration.</p>",
        "contributions": [
            {
                "academic_title": "",
                "name": "Petra Lindner",
                "role_de": "Leiterin eines Familienbüros (fiktive Person)",
                "role_en": "Head of a family office (fictional person)",
                "topic_de": "Drei Jahre Familienbüro: was Familien fragen",
                "topic_en": "Three years of a family office: what families ask",
                "summary_de": "<p>Die meisten Anliegen betreffen Kinderbetreuung, Anträge und Freizeitangebote.</p>",
                "summary_en": "<p>Most requests concern childcare, applications and leisure activities.</p>",
            },
        ],
        "quotes": [
            {
                "speaker": "Petra Lindner",
                "text_de": "Familien sollen nur eine Tür kennen müssen.",
                "text_en": "Families should only need to know one door.",
                "caption_de": "Petra Lindner (fiktive Person) über die Idee des Familienbüros",
                "caption_en": "Petra Lindner (fictional person) on the idea of the family office",
            },
        ],
        "ranking": [],
    },
    {
        "slug_de": "daten-fuer-die-familienpolitik",
        "slug_en": "data-for-family-policy",
        "city": "05513000",
        "date": datetime.date(2011, 9, 21),
        "show_day": True,
        "title_de": "Daten für die Familienpolitik – kommunale Familienberichte",
        "title_en": "Data for family policy – municipal family reports",
        "teaser_de": (
            "Ohne Daten keine Planung: Im September 2011 ging es auf einem Workshop des IQZ in Gelsenkirchen "
            "darum, wie Kommunen mit vertretbarem Aufwand einen Familienbericht erstellen."
        ),
        "teaser_en": (
            "No planning without data: in September 2011, an IQZ workshop in Gelsenkirchen looked at how "
            "municipalities can produce a family report with reasonable effort."
        ),
        "body_de": "<p>Aufgegriffen wurde die Idee gemeinsamer Mieterbefragungen mit Wohnungsgesellschaften aus der "
                   "Werkstatt in Bochum 2008.</p>" + FICTIONAL_DE,
        "body_en": "<p>The workshop took up the idea of joint tenant surveys with housing companies from the 2008 "
                   "workshop in Bochum.</p>" + FICTIONAL_EN,
        "conclusion_de": "<p>Vorhandene Daten der Kommune und ihrer Partner reichen für einen ersten "
                         "Familienbericht oft aus.</p>",
        "conclusion_en": "<p>Data the municipality and its partners already hold are often enough for a first "
                         "family report.</p>",
        "contributions": [
            {
                "academic_title": "Dr.",
                "name": "Jonas Keller",
                "role_de": "Sozialplaner (fiktive Person)",
                "role_en": "Social planner (fictional person)",
                "topic_de": "Der Familienbericht in fünf Schritten",
                "topic_en": "The family report in five steps",
                "summary_de": "<p>Von der Bestandsaufnahme bis zur Fortschreibung: ein Vorgehen für mittlere "
                              "Städte.</p>",
                "summary_en": "<p>From the first inventory to regular updates: an approach for medium-sized "
                              "towns.</p>",
            },
        ],
        "quotes": [],
        "ranking": [
            ("Vorhandene Verwaltungsdaten", "Existing administrative data"),
            ("Daten von Partnern (z. B. Mieterbefragungen)", "Partners' data (e.g. tenant surveys)"),
            ("Eigene Befragungen", "Own surveys"),
        ],
        "ranking_title_de": "Datenquellen nach Aufwand",
        "ranking_title_en": "Data sources by effort",
        "ranking_high_de": "gering",
        "ranking_high_en": "low",
        "ranking_low_de": "hoch",
        "ranking_low_en": "high",
    },
]

_CHILD_KEYS = ("quotes", "ranking", "contributions", "city")


def _ensure_places() -> None:
    for (rb_key, rb_name), (kreis_key, kreis_name), (ags, name, slug, lat, lon) in PLACES:
        rb, _ = Regierungsbezirk.objects.get_or_create(key=rb_key, defaults={"name": rb_name, "slug": rb_name.lower()})
        kreis, _ = Kreis.objects.get_or_create(
            key=kreis_key,
            defaults={"name": kreis_name, "slug": slug, "regierungsbezirk": rb, "is_kreisfreie_stadt": True},
        )
        Municipality.objects.get_or_create(
            ags=ags, defaults={"name": name, "slug": slug, "kreis": kreis, "latitude": lat, "longitude": lon}
        )


def _ensure_report(spec: dict, *, series: WorkshopSeries, organiser: Organisation) -> Workshop:
    fields = {key: value for key, value in spec.items() if key not in _CHILD_KEYS and key != "slug_de"}
    fields.update(
        series=series,
        organiser=organiser,
        city=Municipality.objects.get(ags=spec["city"]),
        status=Workshop.Status.PUBLISHED,
    )
    workshop, _ = Workshop.objects.update_or_create(slug_de=spec["slug_de"], defaults=fields)
    for position, quote in enumerate(spec["quotes"], start=1):
        Quote.objects.update_or_create(workshop=workshop, position=position, defaults=quote)
    for position, (label_de, label_en) in enumerate(spec["ranking"], start=1):
        RankedItem.objects.update_or_create(
            workshop=workshop, position=position, defaults={"label_de": label_de, "label_en": label_en}
        )
    for position, contribution in enumerate(spec["contributions"], start=1):
        Contribution.objects.update_or_create(workshop=workshop, position=position, defaults=contribution)
    return workshop


@transaction.atomic
def load(*, stdout=None) -> None:
    _ensure_places()
    series, _ = WorkshopSeries.objects.get_or_create(
        slug="werkstattreihe", defaults={"name_de": "Werkstattreihe", "name_en": "Workshop series"}
    )
    iqz = Organisation.objects.get(slug="iqz")
    for spec in [BOCHUM, *FICTIONAL]:
        _ensure_report(spec, series=series, organiser=iqz)
    if stdout is not None:
        stdout.write(f"Werkstattreihe: {1 + len(FICTIONAL)} Berichte (Bochum 2008 und {len(FICTIONAL)} Beispiele)\n")
