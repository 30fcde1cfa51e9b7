"""The web UI's two languages: French by default, English on request.

The language comes, in order, from ``?lang=`` (the switch), the ``veille_lang`` cookie
the switch leaves, and the browser's ``Accept-Language``; French otherwise. Templates call
``t(key)``; :mod:`veille.web.fmt` writes dates, numbers and money in the same language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

LANGS = ("fr", "en")
DEFAULT = "fr"
COOKIE = "veille_lang"

MESSAGES: dict[str, tuple[str, str]] = {
    # navigation and chrome
    "nav.home": ("Accueil", "Home"),
    "nav.entities": ("Entités", "Entities"),
    "nav.timeline": ("Chronologie", "Timeline"),
    "nav.conflicts": ("Conflits", "Conflicts"),
    "nav.graph": ("Graphe", "Graph"),
    "nav.documents": ("Documents", "Documents"),
    "nav.news": ("Quoi de neuf", "What's new"),
    "nav.api": ("API", "API"),
    "tagline": ("Veille stratégique sourcée", "Sourced strategic monitoring"),
    "switch": ("English", "Français"),
    "search.placeholder": ("Rechercher un document, une entité…", "Search documents and entities…"),
    "search.button": ("Rechercher", "Search"),
    "search.title": ("Recherche", "Search"),
    "search.none": ("Aucun résultat pour", "No result for"),
    "search.quote_open": (" : « ", ": “"),
    "search.quote_close": (" »", "”"),
    "search.entity": ("entité", "entity"),
    "search.document": ("document", "document"),
    "footer": (
        "veille — base de connaissances hors ligne, chaque affirmation renvoie à sa source.",
        "veille — an offline knowledge base; every claim links to its source.",
    ),
    # home
    "home.title": ("Le corpus en un coup d'œil", "The corpus at a glance"),
    "home.documents": ("documents", "documents"),
    "home.sources": ("sources", "outlets"),
    "home.entities": ("entités", "entities"),
    "home.facts": ("faits", "facts"),
    "home.conflicts": ("conflits", "conflicts"),
    "home.claims": ("affirmations", "claims"),
    "home.period": ("Période couverte :", "Period covered:"),
    "home.claim": ("affirmation", "claim"),
    "home.recent": ("Documents récents", "Recent documents"),
    "home.top_entities": ("Entités les plus citées", "Most mentioned entities"),
    "home.empty": (
        "La base est vide : ajoutez des articles avec « veille ingest » ou POST /api/documents.",
        "The base is empty: add articles with `veille ingest` or POST /api/documents.",
    ),
    # entities and facts
    "entities.title": ("Entités", "Entities"),
    "entity.type": ("Type", "Type"),
    "entity.aliases": ("Autres noms", "Aliases"),
    "entity.wikidata": ("Wikidata", "Wikidata"),
    "entity.counts": ("Mentions · documents · affirmations", "Mentions · documents · claims"),
    "entity.relations": ("Relations", "Relations"),
    "entity.facts": ("Faits", "Facts"),
    "entity.conflicts": ("Conflits", "Conflicts"),
    "entity.timeline": ("Chronologie", "Timeline"),
    "entity.full_timeline": ("Voir la chronologie complète", "See the full timeline"),
    "entity.none": ("Rien à afficher.", "Nothing to show."),
    "col.name": ("Nom", "Name"),
    "col.type": ("Type", "Type"),
    "col.mentions": ("Mentions", "Mentions"),
    "col.docs": ("Documents", "Documents"),
    "col.claims": ("Affirmations", "Claims"),
    "col.published": ("Publié", "Published"),
    "col.source": ("Source", "Outlet"),
    "col.title": ("Titre", "Title"),
    "col.lang": ("Langue", "Language"),
    "fact.sources": ("sources", "sources"),
    "fact.source": ("source", "source"),
    "fact.said_by": ("selon", "according to"),
    "fact.no_value": ("sans valeur chiffrée", "no figure"),
    "fact.since": ("depuis", "since"),
    "fact.until": ("jusqu'en", "until"),
    "fact.evidence": ("La phrase", "The sentence"),
    "fact.read": ("lire dans le document", "read in the document"),
    "fact.condition": ("condition :", "condition:"),
    "dated.heading": ("daté par son intertitre", "dated by its heading"),
    "dated.article": ("daté par l'article", "dated by the article"),
    "status.agreed": ("concordant", "agreed"),
    "status.updated": ("mis à jour", "updated"),
    "status.disputed": ("contesté", "disputed"),
    "status.prospective": ("prospectif", "prospective"),
    "modality.asserted": ("affirmé", "asserted"),
    "modality.reported": ("rapporté", "reported"),
    "modality.planned": ("prévu", "planned"),
    "modality.speculative": ("hypothétique", "speculative"),
    "modality.conditional": ("conditionnel", "conditional"),
    "modality.negated": ("démenti", "negated"),
    # timeline
    "timeline.title": ("Chronologie", "Timeline"),
    "timeline.entity": ("Entité", "Entity"),
    "timeline.from": ("Du", "From"),
    "timeline.to": ("Au", "To"),
    "timeline.filter": ("Filtrer", "Filter"),
    "timeline.none": ("Aucun événement daté pour ces critères.", "No dated event for these filters."),
    "timeline.events": ("événements", "events"),
    # conflicts
    "conflicts.title": ("Conflits entre sources", "Conflicts between sources"),
    "conflicts.lead": (
        "Chaque fait contesté, avec ses valeurs concurrentes côte à côte et les phrases qui les portent.",
        "Each disputed fact, its competing values side by side, and the sentences behind them.",
    ),
    "conflicts.none": ("Aucune source ne se contredit pour l'instant.", "No sources disagree so far."),
    # what's new, the change feed, a fact's page
    "news.title": ("Quoi de neuf", "What's new"),
    "news.lead": (
        "Ce que les sources ont changé : nouveaux désaccords, valeurs mises à jour, nouveaux faits et "
        "événements, chacun avec les documents qui l'ont apporté.",
        "What the sources changed: new disputes, updated values, new facts and events, each with the "
        "documents that brought it.",
    ),
    "news.since": ("Depuis le", "Since"),
    "news.filter": ("Filtrer", "Filter"),
    "news.none": ("Rien de nouveau sur cette période.", "Nothing new over this period."),
    "news.subscribe": ("S'abonner (Atom)", "Subscribe (Atom)"),
    "news.feed": ("veille — quoi de neuf", "veille — what's new"),
    "news.count": ("changements", "changes"),
    "news.recorded": ("appris le", "learned on"),
    "news.before": ("avant", "before"),
    "news.after": ("après", "after"),
    "news.see_fact": ("voir le fait", "see the fact"),
    "change.disputed": ("Nouveau désaccord", "New dispute"),
    "change.updated": ("Valeur mise à jour", "Updated value"),
    "change.new": ("Nouveau fait", "New fact"),
    "change.event": ("Nouvel événement", "New event"),
    "change.withdrawn": ("Retiré", "Withdrawn"),
    "change.added": ("Valeur ajoutée", "Value added"),
    "change.confirmed": ("Nouvelle source", "New source"),
    "fact.page": ("Fait", "Fact"),
    "fact.history": ("Historique des changements", "History of changes"),
    "fact.gone": (
        "Ce fait ne tient plus : les documents qui l'établissaient ont été supprimés.",
        "This fact no longer holds: the documents behind it were deleted.",
    ),
    # document
    "doc.meta": ("Métadonnées", "Metadata"),
    "doc.url": ("Adresse", "URL"),
    "doc.ingested": ("Ajouté le", "Ingested"),
    "doc.duplicates": ("Quasi-doublons", "Near-duplicates"),
    "doc.claims": ("Affirmations extraites", "Extracted claims"),
    "doc.legend": ("Légende", "Legend"),
    "doc.legend.entity": ("entité", "entity"),
    "doc.legend.claim": ("phrase porteuse d'une affirmation", "sentence carrying a claim"),
    "doc.legend.value": ("montant, pourcentage ou date", "amount, percent or date"),
    "documents.title": ("Documents", "Documents"),
    # graph
    "graph.title": ("Réseau d'alliances", "Alliance network"),
    "graph.predicate": ("Relation", "Relation"),
    "graph.all": ("toutes", "all"),
    "graph.as_of": ("À la date du", "As of"),
    "graph.none": ("Aucune relation pour ces critères.", "No relation for these filters."),
    "graph.legend": ("Relations représentées", "Relations shown"),
    # errors
    "error.title": ("Erreur", "Error"),
    "error.400": ("Requête invalide", "Bad request"),
    "error.401": ("Accès refusé", "Unauthorized"),
    "error.404": ("Page introuvable", "Not found"),
    "error.413": ("Requête trop volumineuse", "Request too large"),
    "error.422": ("Requête invalide", "Invalid request"),
    "error.500": ("Erreur interne", "Internal error"),
    "error.back": ("Retour à l'accueil", "Back home"),
}

PREDICATE_LABELS: dict[str, tuple[str, str]] = {
    "invests_in": ("investit dans", "invests in"),
    "raises": ("lève des fonds auprès de", "raises from"),
    "holds_stake": ("détient une part de", "holds a stake in"),
    "profit_share": ("part des bénéfices de", "profit share in"),
    "valued_at": ("valorisé à", "valued at"),
    "contract_with": ("contrat avec", "contract with"),
    "plans_spending": ("prévoit de dépenser chez", "plans spending with"),
    "acquires": ("acquiert", "acquires"),
    "provides_cloud_to": ("fournit le cloud à", "provides cloud to"),
    "supplies": ("fournit", "supplies"),
    "licenses": ("exploite une licence de", "licenses from"),
    "partners_with": ("partenaire de", "partners with"),
    "competes_with": ("concurrent de", "competes with"),
    "develops": ("développe", "develops"),
    "uses": ("utilise", "uses"),
    "investigates": ("enquête sur", "investigates"),
    "approves": ("autorise", "approves"),
    "founds": ("fonde", "founds"),
    "leads": ("dirige", "leads"),
    "board_seat": ("siège au conseil de", "board seat at"),
}

TYPE_LABELS: dict[str, tuple[str, str]] = {
    "company": ("entreprise", "company"),
    "person": ("personne", "person"),
    "regulator": ("régulateur", "regulator"),
    "product": ("produit", "product"),
    "project": ("projet", "project"),
    "fund": ("fonds", "fund"),
    "other": ("autre", "other"),
}

FACT_KINDS: dict[str, tuple[str, str]] = {
    "tranche": ("tranche", "tranche"),
    "cumulative": ("total cumulé", "cumulative total"),
    "undated": ("non daté", "undated"),
}

QUALIFIERS: dict[str, tuple[str, str]] = {
    "about": ("environ", "about"),
    "more_than": ("plus de", "more than"),
    "at_least": ("au moins", "at least"),
    "less_than": ("moins de", "less than"),
    "up_to": ("jusqu'à", "up to"),
}


def pick(lang: str, table: Mapping[str, tuple[str, str]], key: str) -> str:
    """The label of ``key`` in ``lang``; the key itself when the table lacks it."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def translator(lang: str) -> Callable[[str], str]:
    """``t(key)`` for templates."""
    return lambda key: pick(lang, MESSAGES, key)


def negotiate(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page language: explicit choice, then the cookie, then Accept-Language, then French."""
    for choice in (query, cookie):
        if choice in LANGS:
            return choice
    return from_accept_language(accept or "")


def from_accept_language(header: str) -> str:
    """The preferred of our languages in an ``Accept-Language`` header (q-values honoured)."""
    best, best_q = DEFAULT, 0.0
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        q -= position * 1e-6  # earlier wins among equals
        if lang in LANGS and q > best_q:
            best, best_q = lang, q
    return best
