"""The timeline: events from claims and from event frames, merged across sources, titled as sentences."""

from __future__ import annotations

import re

import pytest
from reconcile_support import claim, document, filled
from rich.console import Console

from veille.models import Event
from veille.reconcile import titles
from veille.reconcile.render import format_date, timeline_markdown, timeline_table
from veille.reconcile.timeline import build_timeline
from veille.store import Store

MS, OA = "Microsoft", "OpenAI"
B = 1e9
TYPES = {"Sam Altman": "person", "Elon Musk": "person", "CMA": "regulator", "FTC": "regulator"}


def event(
    doc: str,
    date: str,
    kind: str,
    evidence: str,
    roles: tuple[tuple[str, str], ...] = (),
    names: tuple[str, ...] = (),
    start: int = 500,
) -> Event:
    names = names or tuple(dict.fromkeys(n for _, n in roles))
    return Event(
        doc,
        date,
        "Étiquette — " + ", ".join(names),
        names,
        evidence,
        start,
        start + len(evidence),
        kind,
        roles,
    )


def chronology_store() -> Store:
    """A chronology told by a blog (dated to the month) and a newspaper (dated to the year)."""
    # Kept as written (fmt: skip): a table, one claim a line; ruff format would spread each over ten lines.
    blog = [
        claim("blog", "Elon Musk", "founds", OA, "Le laboratoire naît en 2015, lancé par Elon Musk et Sam Altman.", date="2015"),
        claim("blog", "Sam Altman", "founds", OA, "Le laboratoire naît en 2015, lancé par Elon Musk et Sam Altman.", date="2015"),
        claim("blog", MS, "invests_in", OA, "En juillet 2019, Redmond y place un milliard de dollars.", amount=B,
              currency="USD", date="2019-07"),
        claim("blog", MS, "licenses", OA, "En 2020, Redmond s'assure l'exclusivité de GPT-3.", date="2020", exclusive=True),
        claim("blog", MS, "invests_in", OA, "En janvier 2023, Redmond engage 10 milliards de plus.", amount=10 * B,
              currency="USD", date="2023-01", kind="tranche"),
        claim("blog", MS, "invests_in", OA, "Au total, environ 14 milliards depuis 2019.", amount=14 * B, currency="USD",
              amount_qualifier="about", date="2019", kind="cumulative"),
        claim("blog", MS, "board_seat", OA, "En novembre 2023, Redmond gagne un siège d'observateur.", date="2023-11"),
        claim("blog", MS, "competes_with", OA, "En juin 2024, Redmond range le laboratoire parmi ses concurrents.",
              date="2024-06"),
        claim("blog", MS, "board_seat", OA, "En juillet 2024, Redmond lâche ce siège.", date="2024-07", modality="negated"),
        claim("blog", "Google", "provides_cloud_to", OA, "En mai 2025, Google devient aussi son hébergeur.", date="2025-05"),
        claim("blog", OA, "partners_with", "Broadcom", "Fin 2025, des puces maison avec Broadcom.", date="2025-12",
              modality="planned"),
        claim("blog", OA, "holds_stake", "Windsurf", "Le laboratoire pourrait s'offrir Windsurf en 2025.", date="2025",
              modality="speculative"),
    ]  # fmt: skip
    # Kept as written (fmt: skip): a table, one event a line; ruff format would spread each over ten lines.
    events = [
        event("blog", "2023-11", "dismissal", "En novembre 2023, le conseil renvoie le patron Sam Altman.",
              (("agent", OA), ("patient", "Sam Altman")), names=(OA, "Sam Altman", MS)),
        event("blog", "2024-07", "withdrawal", "En juillet 2024, Redmond lâche ce siège.",
              (("agent", MS), ("org", OA)), start=900),
        event("blog", "2023-11", "reinstatement", "Le patron revient cinq jours plus tard, soutenu par Microsoft.",
              names=("Sam Altman", OA, MS), start=1200),
    ]  # fmt: skip
    # Kept as written (fmt: skip): a table, one claim a line; ruff format would spread each over ten lines.
    paper = [
        claim("paper", MS, "invests_in", OA, "Le premier accord, signé en 2019, portait sur un milliard.", amount=B,
              currency="USD", date="2019"),
    ]  # fmt: skip
    return filled(
        [
            document("blog", blog, "2025-06-22", "Le Blog", events=events),
            document("paper", paper, "2025-05-20", "Le Journal"),
        ]
    )


def test_chronology_is_ordered_merged_titled_and_at_its_precision() -> None:
    entries = build_timeline(chronology_store())
    dated = [(e["date"], e["precision"], e["title"]) for e in entries]
    assert dated == [
        ("2015", "year", "Fondation d'OpenAI par Elon Musk et Sam Altman"),
        ("2019-07", "month", "Microsoft investit 1 Md$ dans OpenAI"),
        ("2020", "year", "Microsoft obtient une licence exclusive sur les technologies d'OpenAI"),
        ("2023-01", "month", "Microsoft investit 10 Md$ dans OpenAI"),
        ("2023-11", "month", "Microsoft obtient un siège au conseil d'OpenAI"),
        ("2023-11", "month", "Sam Altman est évincé d'OpenAI"),
        ("2024-06", "month", "Microsoft en concurrence avec OpenAI"),
        ("2024-07", "month", "Microsoft renonce à son siège au conseil d'OpenAI"),
        ("2025-05", "month", "Google devient fournisseur cloud d'OpenAI"),
    ]
    by_title = {e["title"]: e for e in entries}
    invest = by_title["Microsoft investit 1 Md$ dans OpenAI"]
    assert invest["docs"] == ["blog", "paper"]  # "2019" and "2019-07": same predicate and entities
    assert by_title["Fondation d'OpenAI par Elon Musk et Sam Altman"]["entities"] == [
        "Elon Musk",
        OA,
        "Sam Altman",
    ]
    seat = by_title["Microsoft renonce à son siège au conseil d'OpenAI"]
    assert len(seat["sources"]) == 2  # the negated claim and the withdrawal frame
    src = invest["sources"][0]
    assert set(src) >= {"doc", "source", "published", "evidence", "start", "end"}
    assert (src["doc"], src["source"], src["published"]) == ("paper", "Le Journal", "2025-05-20")


def test_the_same_timeline_in_english() -> None:
    titles_en = [e["title"] for e in build_timeline(chronology_store(), lang="en")]
    assert titles_en == [
        "OpenAI is founded by Elon Musk and Sam Altman",
        "Microsoft invests $1bn in OpenAI",
        "Microsoft obtains an exclusive licence to OpenAI's technology",
        "Microsoft invests $10bn in OpenAI",
        "Microsoft gets a seat on OpenAI's board",
        "Sam Altman is ousted from OpenAI",
        "Microsoft competes with OpenAI",
        "Microsoft gives up its seat on OpenAI's board",
        "Google becomes OpenAI's cloud provider",
    ]


def test_an_event_names_only_the_entities_that_have_a_role() -> None:
    ousted = next(e for e in build_timeline(chronology_store()) if e["kind"] == "dismissal")
    assert ousted["entities"] == [OA, "Sam Altman"]  # Microsoft is in the sentence, not in the event


def test_no_totals_rumours_horizons_or_role_less_events() -> None:
    entries = build_timeline(chronology_store())
    titles_fr = " ".join(e["title"] for e in entries)
    assert "14" not in titles_fr and "Broadcom" not in titles_fr and "Windsurf" not in titles_fr
    assert not any(e["kind"] == "reinstatement" for e in entries)  # a cue word and names: no event
    assert not any(re.search(r" — \w+, \w+", e["title"]) for e in entries)


def test_announced_plans_enter_but_nothing_dated_after_its_article() -> None:
    claims = [
        claim(
            "a",
            "Amazon",
            "invests_in",
            "Anthropic",
            "En septembre 2023, Amazon s'est engagé à investir jusqu'à 4 milliards de dollars.",
            amount=4 * B,
            currency="USD",
            amount_qualifier="up_to",
            date="2023-09",
            modality="planned",
        ),
        claim(
            "a",
            "Amazon",
            "invests_in",
            "Anthropic",
            "La somme a été versée en mars 2024.",
            amount=4 * B,
            currency="USD",
            date="2024-03",
        ),
        claim("a", "Amazon", "develops", "Trainium 3", "En 2026, Amazon livrera Trainium 3.", date="2026"),
    ]
    store = filled([document("a", claims, "2024-11-23", "La Gazette")])
    assert [(e["date"], e["title"]) for e in build_timeline(store)] == [
        ("2023-09", "Amazon s'engage à investir jusqu'à 4 Md$ dans Anthropic"),
        ("2024-03", "Amazon investit 4 Md$ dans Anthropic"),
    ]
    assert [e["title"] for e in build_timeline(store, lang="en")][
        0
    ] == "Amazon commits to invest up to $4bn in Anthropic"


def test_coordinated_names_of_one_sentence_are_one_event() -> None:
    text = "En 2023, la CMA et la FTC ont enquêté sur Microsoft."
    tested = "En 2024, Microsoft a testé des modèles de xAI, Meta et DeepSeek."
    claims = [
        claim("a", "CMA", "investigates", MS, text, date="2023"),
        claim("a", "FTC", "investigates", MS, text, date="2023"),
    ]
    claims += [claim("a", MS, "uses", n, tested, date="2024") for n in ("xAI", "Meta", "DeepSeek")]
    store = filled([document("a", claims, "2025-01-10")])
    entries = build_timeline(store)
    assert [e["title"] for e in entries] == [
        "La CMA et la FTC enquêtent sur Microsoft",
        "Microsoft utilise xAI, Meta et DeepSeek",
    ]
    assert [e["title"] for e in build_timeline(store, lang="en")] == [
        "The CMA and the FTC investigate Microsoft",
        "Microsoft uses xAI, Meta and DeepSeek",
    ]


def test_a_coarse_date_is_not_guessed_into_one_of_two_finer_events() -> None:
    claims = [
        claim("a", MS, "invests_in", OA, "En mars 2019, une première mise.", date="2019-03"),
        claim("a", MS, "invests_in", OA, "En septembre 2019, une seconde mise.", date="2019-09"),
        claim("a", MS, "invests_in", OA, "En 2019, le groupe a investi.", date="2019"),
        claim(
            "a", MS, "invests_in", "Mistral AI", "En 2019, le groupe a aussi investi ailleurs.", date="2019"
        ),
    ]
    entries = build_timeline(filled([document("a", claims)]))
    assert [(e["date"], e["entities"][-1]) for e in entries] == [
        ("2019", "Mistral AI"),
        ("2019", "OpenAI"),
        ("2019-03", "OpenAI"),
        ("2019-09", "OpenAI"),
    ]


def test_same_date_with_disagreeing_amounts_stays_apart() -> None:
    a = claim(
        "a", MS, "invests_in", OA, "En 2023, dix milliards.", date="2023", amount=10 * B, currency="USD"
    )
    b = claim(
        "b", MS, "invests_in", OA, "En 2023, treize milliards.", date="2023", amount=13 * B, currency="USD"
    )
    assert len(build_timeline(filled([document("a", [a]), document("b", [b])]))) == 2


def test_filters_by_entity_dates_and_document() -> None:
    store = chronology_store()
    assert [e["date"] for e in build_timeline(store, date_from="2023", date_to="2024")] == [
        "2023-01",
        "2023-11",
        "2023-11",
        "2024-06",
        "2024-07",
    ]
    assert [e["date"] for e in build_timeline(store, entity="Google")] == ["2025-05"]
    assert [e["date"] for e in build_timeline(store, entity="Sam Altman")] == ["2015", "2023-11"]
    assert [e["docs"] for e in build_timeline(store, doc="paper")] == [["paper"]]


def test_a_date_from_the_article_is_shown_as_such() -> None:
    told = claim(
        "a",
        MS,
        "invests_in",
        OA,
        "Microsoft a versé mardi un milliard.",
        amount=B,
        currency="USD",
        date="2025-03-04",
        dated_by="article",
    )
    [entry] = build_timeline(filled([document("a", [told], "2025-03-06", "Le Blog")]))
    assert entry["dated_by"] == "article"
    assert "**4 mars 2025 (daté par l'article)**" in timeline_markdown([entry])
    assert "**4 March 2025 (dated by the article)**" in timeline_markdown([entry], lang="en")


def test_markdown_chronology_has_sources_on_every_line() -> None:
    entries = build_timeline(chronology_store(), entity=MS, date_from="2019", date_to="2025")
    md = timeline_markdown(entries, entity=MS)
    lines = [line for line in md.splitlines() if line.startswith("- ")]
    assert md.startswith("# Chronologie — Microsoft")
    assert len(lines) == len(entries) and all("_Sources : " in line for line in lines)
    assert (
        "- **juillet 2019** — Microsoft investit 1 Md$ dans OpenAI. "
        "_Sources : Le Journal, 2025-05-20 (`paper`), Le Blog, 2025-06-22 (`blog`)_"
    ) in lines
    english = timeline_markdown(
        build_timeline(chronology_store(), entity=MS, lang="en"), entity=MS, lang="en"
    )
    assert (
        english.startswith("# Timeline — Microsoft") and "- **July 2019** — Microsoft invests $1bn" in english
    )
    console = Console(record=True, width=200)
    console.print(timeline_table(entries))
    assert "juillet 2019" in console.export_text()


# titles -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "roles", "fr", "en"),
    [
        (
            "dismissal",
            (("agent", OA), ("patient", "Sam Altman")),
            "Sam Altman est évincé d'OpenAI",
            "Sam Altman is ousted from OpenAI",
        ),
        (
            "investigation",
            (("agent", "CMA"), ("patient", MS), ("partner", OA)),
            "La CMA ouvre une enquête sur le partenariat Microsoft–OpenAI",
            "The CMA opens an investigation into the Microsoft–OpenAI partnership",
        ),
        (
            "investigation",
            (("agent", "CMA"), ("agent", "FTC"), ("patient", MS)),
            "La CMA et la FTC ouvrent une enquête sur Microsoft",
            "The CMA and the FTC open an investigation into Microsoft",
        ),
        (
            "founding",
            (("agent", "Elon Musk"), ("agent", "Sam Altman"), ("org", OA)),
            "Elon Musk et Sam Altman fondent OpenAI",
            "Elon Musk and Sam Altman found OpenAI",
        ),
        (
            "appointment",
            (("patient", "Sam Altman"), ("org", "Airbus")),
            "Sam Altman est nommé à la tête d'Airbus",
            "Sam Altman is appointed to head Airbus",
        ),
        (
            "merger",
            (("agent", "Renault"), ("partner", "Nissan")),
            "Renault et Nissan fusionnent",
            "Renault and Nissan merge",
        ),
        ("ipo", (("org", "Arm"),), "Arm entre en Bourse", "Arm goes public"),
        (
            "fine",
            (("agent", "CMA"), ("patient", "Air France")),
            "La CMA inflige une amende à Air France",
            "The CMA fines Air France",
        ),
    ],
)
def test_event_titles_from_roles(kind: str, roles: tuple[tuple[str, str], ...], fr: str, en: str) -> None:
    assert titles.event_title(kind, roles, TYPES, "fr") == fr
    assert titles.event_title(kind, roles, TYPES, "en") == en


def test_an_event_its_roles_cannot_tell_has_no_title() -> None:
    assert titles.event_title("agreement", (("agent", "Renault"),), TYPES, "fr") is None
    assert titles.event_title("dismissal", (), TYPES, "fr") is None
    assert titles.event_title("eclipse", (("agent", "Renault"),), TYPES, "fr") is None


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", re.sub(r"\{\w+\}", " ", text))}


def _templates(lang: str) -> list[str]:
    data = titles.catalogue()
    out = [v[lang] for v in data["claims"].values()] + [
        v["pl"][lang] for v in data["claims"].values() if "pl" in v
    ]
    for options in data["events"].values():
        out += [o[lang] for o in options] + [o["pl"][lang] for o in options if "pl" in o]
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_title_carries_a_word_of_the_other_language(lang: str) -> None:
    """Every template, rendered with every role filled: none of its words is only the other language's."""
    other = "en" if lang == "fr" else "fr"
    own = set().union(*(_words(t) for t in _templates(lang)))
    foreign = set().union(*(_words(t) for t in _templates(other))) - own
    names = {"agent": ["Nimbus"], "patient": ["Orbital"], "org": ["Vega"], "partner": ["Lyra"], "rank": ["2"]}
    for kind, options in titles.catalogue()["events"].items():
        for option in options:
            roles = tuple((r, n) for r in option["needs"] for n in names[r])
            told = titles.event_title(kind, roles, {}, lang) or ""
            assert told and not (_words(told) & foreign), (kind, told)
    for kind in titles.catalogue()["claims"]:
        modality, _, predicate = (
            kind.rpartition("/") if kind.startswith(("planned/", "conditional/")) else ("asserted", "", kind)
        )
        values = {"amount": 2e9, "currency": "EUR", "percent": 12.5, "exclusive": True}
        told = (
            titles.claim_title(
                predicate.removesuffix("/none"), ["Nimbus"], ["Orbital"], values, {}, lang, modality
            )
            or ""
        )
        assert told and not (_words(told) & foreign), (kind, told)


def test_french_elision_contraction_and_agreement() -> None:
    assert [
        titles.de(n, t)
        for n, t in (
            ("OpenAI", None),
            ("Microsoft", None),
            ("CMA", "regulator"),
            ("Autorité de la concurrence", "regulator"),
            ("Arcom", "regulator"),
        )
    ] == [
        "d'OpenAI",
        "de Microsoft",
        "de la CMA",
        "de l'Autorité de la concurrence",
        "d'Arcom",
    ]
    assert titles.agreement(["Renault"], {}) == "e" and titles.agreement(["Sam Altman"], TYPES) == ""
    assert titles.agreement(["Sam Altman", "Elon Musk"], TYPES) == "s"
    assert titles.claim_title(
        "valued_at", ["Renault"], [], {"amount": 2e10, "currency": "EUR"}, {}, "fr"
    ) == ("Renault est valorisée 20 Md€")
    assert titles.possessive("Siemens") == "Siemens'" and titles.possessive("the CMA") == "the CMA's"


def test_money_and_percent_in_both_languages() -> None:
    assert [
        titles.money(a, c, q, "fr")
        for a, c, q in (
            (1e9, "USD", None),
            (1.3e9, "EUR", None),
            (385e6, "EUR", None),
            (11e9, "USD", "more_than"),
            (5e5, "CHF", None),
        )
    ] == [
        "1 Md$",
        "1,3 Md€",
        "385 M€",
        "plus de 11 Md$",
        "500 000 CHF",
    ]
    assert [
        titles.money(a, c, q, "en")
        for a, c, q in (
            (1e9, "USD", None),
            (1.3e9, "EUR", None),
            (385e6, "EUR", None),
            (2e9, "USD", "up_to"),
            (5e5, "CHF", None),
        )
    ] == [
        "$1bn",
        "€1.3bn",
        "€385m",
        "up to $2bn",
        "CHF 500,000",
    ]
    assert (titles.percent(36.8, "fr"), titles.percent(36.8, "en")) == ("36,8 %", "36.8%")


def test_dates_in_words() -> None:
    assert [format_date(d) for d in ("2015", "2019-07", "2025-06-01", "2025-06-22")] == [
        "2015",
        "juillet 2019",
        "1er juin 2025",
        "22 juin 2025",
    ]
    assert [format_date(d, "en") for d in ("2019-07", "2025-06-01")] == ["July 2019", "1 June 2025"]
