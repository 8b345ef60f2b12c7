"""
The demo page tree: what a fresh portal shows. German first, English second.

Each entry: reverse_id, parent reverse_id, template, in navigation, apphook (class name, hooked
only when the app registers it), and per language (title, slug, HTML body). Plugins the apps
contribute (mini calendar, map teaser, latest reports) are added by name when registered.
"""

CONTENT = "pages/content.html"
HOME = "pages/home.html"
FULL = "pages/fullwidth.html"

_ORIGINAL_INTRO_DE = (
    "<p>Das Familienportal des Landes Nordrhein-Westfalen unterstützt Kommunen auf dem Weg zu mehr "
    "Familienfreundlichkeit. Hier finden Sie die Berichte der <strong>Werkstattreihe</strong> des "
    "Informations- und Qualifizierungszentrums für Kommunen (IQZ), den <strong>Veranstaltungskalender</strong> "
    "und die zertifizierten <strong>Familienmanagerinnen und -manager</strong> in den Kommunen.</p>"
)
_ORIGINAL_INTRO_EN = (
    "<p>The family portal of the state of North Rhine-Westphalia supports municipalities on their way to "
    "becoming more family-friendly. Here you find the reports of the IQZ <strong>workshop series</strong>, the "
    "<strong>event calendar</strong> and the certified <strong>family managers</strong> in the municipalities.</p>"
)

PAGES = [
    {
        "reverse_id": "start",
        "template": HOME,
        "in_navigation": True,
        "de": ("Startseite", "startseite", _ORIGINAL_INTRO_DE),
        "en": ("Home", "home", _ORIGINAL_INTRO_EN),
        "plugins": ["LatestWorkshopsPlugin", "UpcomingEventsPlugin"],
    },
    {
        "reverse_id": "werkstattreihe",
        "template": CONTENT,
        "in_navigation": True,
        "apphook": "WorkshopsApphook",
        "de": ("Werkstattreihe", "werkstattreihe",
               "<p>In der Werkstattreihe des IQZ tauschen kommunale Fachleute Erfahrungen aus, wie Kommunen "
               "familienfreundlicher werden. Hier lesen Sie die Berichte.</p>"),
        "en": ("Workshop series", "workshop-series",
               "<p>In the IQZ workshop series, municipal experts share how municipalities become more "
               "family-friendly. Read the reports here.</p>"),
    },
    {
        "reverse_id": "veranstaltungen",
        "template": CONTENT,
        "in_navigation": True,
        "apphook": "EventsApphook",
        "de": ("Veranstaltungen", "veranstaltungen",
               "<p>Veranstaltungen des IQZ und der Kommunen: Werkstätten, Fachtage und Qualifizierungen.</p>"),
        "en": ("Events", "events",
               "<p>Events of the IQZ and the municipalities: workshops, conferences and qualification courses.</p>"),
    },
    {
        "reverse_id": "familienmanager",
        "template": CONTENT,
        "in_navigation": True,
        "apphook": "ManagersApphook",
        "de": ("Familienmanager", "familienmanager",
               "<p>Wo gibt es sie? Familienmanagerinnen und -manager in Nordrhein-Westfalen im Überblick.</p>"),
        "en": ("Family managers", "family-managers",
               "<p>Where are they? Family managers in North Rhine-Westphalia at a glance.</p>"),
    },
    {
        "reverse_id": "qualifizierung",
        "template": CONTENT,
        "in_navigation": True,
        "de": ("Qualifizierung", "qualifizierung",
               "<p>Das IQZ qualifiziert kommunale Fachkräfte zu <strong>Familienmanagerinnen und "
               "Familienmanagern</strong>. Die berufsbegleitende Qualifizierung vermittelt, wie Familienpolitik "
               "in der Verwaltung als Querschnittsaufgabe verankert, Angebote vernetzt und Familien beteiligt "
               "werden.</p>"
               "<h2>Ablauf</h2><ul><li>Module zu Verwaltungsmodellen, Sozialplanung und Beteiligung</li>"
               "<li>Praxisprojekt in der eigenen Kommune</li>"
               "<li>Abschluss mit Zertifikat des IQZ</li></ul>"
               "<p>Zertifizierte Familienmanagerinnen und -manager werden – mit ihrer Einwilligung – im "
               "Verzeichnis und auf der Karte dieses Portals gezeigt.</p>"),
        "en": ("Qualification", "qualification",
               "<p>The IQZ qualifies municipal staff as certified <strong>family managers</strong>. The part-time "
               "course shows how to anchor family policy across the administration, connect services and "
               "involve families.</p>"
               "<h2>Course</h2><ul><li>Modules on administrative models, social planning and participation</li>"
               "<li>A practice project in the participant's own municipality</li>"
               "<li>IQZ certificate</li></ul>"
               "<p>Certified family managers are listed, with their consent, in this portal's directory and "
               "map.</p>"),
    },
    {
        "reverse_id": "kommunen",
        "template": CONTENT,
        "in_navigation": True,
        "de": ("Kommunen", "kommunen",
               "<p>Kommunen in Nordrhein-Westfalen stellen hier vor, wie sie familienfreundlich arbeiten. "
               "Jede Seite pflegt die Kommunale Redaktion der jeweiligen Stadt.</p>"),
        "en": ("Municipalities", "municipalities",
               "<p>Municipalities in North Rhine-Westphalia present how they work for families. Each page is "
               "kept by the municipality's own editors.</p>"),
    },
    {
        "reverse_id": "kommune-bochum",
        "parent": "kommunen",
        "template": CONTENT,
        "in_navigation": True,
        "municipality": "05911000",
        "de": ("Bochum", "bochum",
               "<p>Die Stadt Bochum war im April 2008 Gastgeberin des IQZ-Workshops „Familienfreundlichkeit – "
               "Die Kommunalverwaltung im Fokus“.</p>"),
        "en": ("Bochum", "bochum",
               "<p>In April 2008 the city of Bochum hosted the IQZ workshop “Family-friendliness – the municipal "
               "administration in focus”.</p>"),
    },
    {
        "reverse_id": "kommune-gelsenkirchen",
        "parent": "kommunen",
        "template": CONTENT,
        "in_navigation": True,
        "municipality": "05513000",
        "de": ("Gelsenkirchen", "gelsenkirchen",
               "<p>Gelsenkirchen verankert Familienfreundlichkeit in der Verwaltung – mit guten Erfahrungen "
               "etwa mit „Spielestunden in Haushalten“.</p>"),
        "en": ("Gelsenkirchen", "gelsenkirchen",
               "<p>Gelsenkirchen anchors family-friendliness in its administration, with good experience of "
               "“play hours in households”, for example.</p>"),
    },
    {
        "reverse_id": "impressum",
        "template": FULL,
        "de": ("Impressum", "impressum",
               "<h2>Herausgeber</h2><p>Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes "
               "Nordrhein-Westfalen<br>Beispielstraße 1 (Demo-Inhalt)<br>40213 Düsseldorf</p>"
               "<h2>Redaktion</h2><p>Informations- und Qualifizierungszentrum für Kommunen (IQZ)</p>"
               "<h2>Verantwortlich nach § 18 Abs. 2 MStV</h2><p>Die Leitung der Pressestelle (Demo-Inhalt)</p>"),
        "en": ("Legal notice", "legal-notice",
               "<h2>Publisher</h2><p>Ministry for Children, Family, Refugees and Integration of the State of "
               "North Rhine-Westphalia<br>Beispielstraße 1 (demo content)<br>40213 Düsseldorf, Germany</p>"),
    },
    {
        "reverse_id": "datenschutz",
        "template": FULL,
        "de": ("Datenschutz", "datenschutz",
               "<p>Dieses Portal kommt ohne Tracking, ohne Werbung und ohne Inhalte fremder Server aus: Schriften, "
               "Karten und Skripte werden vom Portal selbst ausgeliefert.</p>"
               "<h2>Cookies</h2><p>Für Besucherinnen und Besucher wird höchstens ein Cookie für die gewählte "
               "Sprache gesetzt. Redaktionen erhalten nach der Anmeldung ein Sitzungs-Cookie.</p>"
               "<h2>Server-Protokolle</h2><p>Zur Abwehr von Angriffen werden Zugriffe ohne Auswertung zu "
               "Personenprofilen höchstens sieben Tage gespeichert.</p>"
               "<h2>Familienmanagerinnen und -manager</h2><p>Profile erscheinen nur mit ausdrücklicher "
               "Einwilligung der Person; jede Kontaktangabe wird einzeln freigegeben.</p>"),
        "en": ("Privacy", "privacy",
               "<p>This portal uses no tracking, no advertising and no content from other servers: fonts, maps "
               "and scripts are served by the portal itself.</p><h2>Cookies</h2><p>Visitors receive at most "
               "a cookie for their language choice. Editors receive a session cookie after signing in.</p>"),
    },
    {
        "reverse_id": "barrierefreiheit",
        "template": FULL,
        "de": ("Erklärung zur Barrierefreiheit", "barrierefreiheit",
               "<p>Das Ministerium ist bemüht, dieses Portal im Einklang mit § 10c des Behindertengleichstellungs"
               "gesetzes Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung NRW "
               "barrierefrei zugänglich zu machen.</p>"
               "<h2>Stand der Vereinbarkeit mit den Anforderungen</h2><p>Dieses Portal ist mit der BITV 2.0 "
               "und den Anforderungen der WCAG 2.1 auf Stufe AA weitgehend vereinbar. Die Prüfung erfolgt "
               "automatisiert und durch Selbstbewertung.</p>"
               "<h2>Nicht barrierefreie Inhalte</h2><p>Ältere PDF-Dokumentationen der Werkstattreihe sind "
               "möglicherweise nicht vollständig barrierefrei. Auf Anfrage stellen wir sie in zugänglicher Form "
               "bereit.</p>"
               "<h2>Erstellung dieser Erklärung</h2><p>Diese Erklärung wurde am Tag der Inbetriebnahme erstellt "
               "und wird jährlich überprüft.</p>"
               "<h2>Feedback und Kontaktangaben</h2><p>Sind Ihnen Mängel aufgefallen? Schreiben Sie uns über die "
               "Seite Kontakt.</p>"
               "<h2>Durchsetzungsverfahren</h2><p>Bleibt Ihre Rückmeldung ohne zufriedenstellende Antwort, "
               "können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes "
               "Nordrhein-Westfalen wenden.</p>"),
        "en": ("Accessibility statement", "accessibility",
               "<p>The ministry aims to make this portal accessible in accordance with the accessibility law of "
               "North Rhine-Westphalia (BGG NRW, BITV NRW).</p><h2>Compliance status</h2><p>This portal is "
               "largely compliant with BITV 2.0 and WCAG 2.1 level AA.</p><h2>Feedback</h2><p>Please tell us "
               "about barriers via the contact page.</p>"),
    },
    {
        "reverse_id": "kontakt",
        "template": FULL,
        "de": ("Kontakt", "kontakt",
               "<p>Fragen zur Werkstattreihe, zu Veranstaltungen oder zur Qualifizierung beantwortet das "
               "Informations- und Qualifizierungszentrum für Kommunen (IQZ).</p>"
               "<p>E-Mail: <a href=\"mailto:iqz@example.org\">iqz@example.org</a> (Demo-Adresse)</p>"),
        "en": ("Contact", "contact",
               "<p>Questions about the workshop series, events or the qualification are answered by the IQZ.</p>"
               "<p>E-mail: <a href=\"mailto:iqz@example.org\">iqz@example.org</a> (demo address)</p>"),
    },
    {
        "reverse_id": "leichte-sprache",
        "template": FULL,
        "de": ("Leichte Sprache", "leichte-sprache",
               "<p>Das ist das Familien-Portal von Nordrhein-Westfalen.</p>"
               "<p>Hier gibt es Infos für Familien und für Städte.</p>"
               "<p>Sie finden hier:</p><ul><li>Berichte von Treffen.</li><li>Termine.</li>"
               "<li>Menschen in den Städten, die Familien helfen. Sie heißen Familien-Manager.</li></ul>"),
        "en": ("Easy to read", "easy-to-read",
               "<p>This is the family portal of North Rhine-Westphalia.</p><p>Here you find reports, dates and "
               "people in the towns who help families.</p>"),
    },
]

# The site-wide sidebar of the original page: mini calendar, "Qualifizierung", map teaser.
SIDEBAR = {
    "plugins": ["MiniCalendarPlugin"],
    "de": ("<h2>Qualifizierung</h2><p>Das IQZ qualifiziert kommunale Fachkräfte zu Familienmanagerinnen und "
           "-managern.</p><p><a class=\"more-link\" href=\"/qualifizierung/\">Mehr zur Qualifizierung</a></p>"),
    "en": ("<h2>Qualification</h2><p>The IQZ trains municipal staff as certified family managers.</p>"
           "<p><a class=\"more-link\" href=\"/en/qualification/\">More about the qualification</a></p>"),
    "plugins_after": ["MapTeaserPlugin"],
}

FOOTER = {
    "de": "<p><strong>Familie in NRW</strong> – ein Angebot des Landes Nordrhein-Westfalen und des IQZ.</p>",
    "en": "<p><strong>Familie in NRW</strong> – a service of the State of North Rhine-Westphalia and the IQZ.</p>",
}
