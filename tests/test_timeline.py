"""The timeline: events from claims and event sentences, merged across sources, ordered, sourced."""

from __future__ import annotations

from reconcile_support import claim, document, filled
from rich.console import Console

from veille.models import Event
from veille.reconcile.render import format_date, timeline_markdown, timeline_table
from veille.reconcile.timeline import build_timeline, money
from veille.store import Store

MS, OA = "Microsoft", "OpenAI"
B = 1e9


def event(
    doc: str, date: str, title: str, entities: tuple[str, ...], kind: str, evidence: str, start: int = 500
) -> Event:
    return Event(doc, date, title, entities, evidence, start, start + len(evidence), kind)


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
        claim("blog", OA, "partners_with", "Broadcom", "D'ici fin 2025, des puces maison avec Broadcom.", date="2025",
              modality="planned"),
    ]  # fmt: skip
    # Kept as written (fmt: skip): a table, one event a line; ruff format would spread each over ten lines.
    events = [
        event("blog", "2023-11", "Sam Altman est évincé puis réintégré", ("Sam Altman", OA), "dismissal",
              "En novembre 2023, le patron est renvoyé puis rappelé."),
        event("blog", "2024-07", "Microsoft quitte le conseil d'OpenAI", (MS, OA), "withdrawal",
              "En juillet 2024, Redmond lâche ce siège.", start=900),
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


def test_chronology_is_ordered_merged_and_at_its_precision() -> None:
    entries = build_timeline(chronology_store())
    dated = [(e["date"], e["precision"], e["title"]) for e in entries]
    assert dated == [
        ("2015", "year", "Fondation d'OpenAI par Elon Musk et Sam Altman"),
        ("2019-07", "month", "Microsoft investit 1 milliard de dollars dans OpenAI"),
        ("2020", "year", "Microsoft obtient une licence exclusive sur les technologies d'OpenAI"),
        ("2023-01", "month", "Microsoft investit 10 milliards de dollars dans OpenAI"),
        ("2023-11", "month", "Microsoft obtient un siège au conseil d'OpenAI"),
        ("2023-11", "month", "Sam Altman est évincé puis réintégré"),
        ("2024-06", "month", "Microsoft en concurrence avec OpenAI"),
        ("2024-07", "month", "Microsoft renonce à son siège au conseil d'OpenAI"),
        ("2025-05", "month", "Google devient fournisseur cloud d'OpenAI"),
    ]
    by_date = {e["date"]: e for e in entries}
    assert by_date["2019-07"]["docs"] == [
        "blog",
        "paper",
    ]  # "2019" and "2019-07": same predicate and entities
    assert by_date["2015"]["entities"] == ["Elon Musk", "OpenAI", "Sam Altman"]
    assert len(by_date["2024-07"]["sources"]) == 2  # the negated claim and the withdrawal sentence
    src = by_date["2019-07"]["sources"][0]
    assert set(src) >= {"doc", "source", "published", "evidence", "start", "end"}
    assert (src["doc"], src["source"], src["published"]) == ("paper", "Le Journal", "2025-05-20")


def test_no_totals_or_plans_on_the_timeline() -> None:
    titles = " ".join(e["title"] for e in build_timeline(chronology_store()))
    assert "14" not in titles and "Broadcom" not in titles


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
    claims = [
        claim(
            "a", MS, "invests_in", OA, "En 2023, dix milliards.", date="2023", amount=10 * B, currency="USD"
        ),
        claim(
            "b",
            MS,
            "invests_in",
            OA,
            "En 2023, treize milliards.",
            date="2023",
            amount=13 * B,
            currency="USD",
        ),
    ]
    entries = build_timeline(filled([document("a", claims[:1]), document("b", claims[1:])]))
    assert len(entries) == 2


def test_filters_by_entity_and_dates() -> None:
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


def test_markdown_chronology_has_sources_on_every_line() -> None:
    entries = build_timeline(chronology_store(), entity=MS, date_from="2019", date_to="2025")
    md = timeline_markdown(entries, entity=MS)
    lines = [line for line in md.splitlines() if line.startswith("- ")]
    assert md.startswith("# Chronologie — Microsoft")
    assert len(lines) == len(entries) and all("_Sources : [" in line for line in lines)
    assert (
        "- **juillet 2019** — Microsoft investit 1 milliard de dollars dans OpenAI. "
        "_Sources : [Le Journal, 2025-05-20](paper), [Le Blog, 2025-06-22](blog)_"
    ) in lines
    console = Console(record=True, width=200)
    console.print(timeline_table(entries))
    assert "juillet 2019" in console.export_text()


def test_french_dates_and_money() -> None:
    assert [format_date(d) for d in ("2015", "2019-07", "2025-06-01", "2025-06-22")] == [
        "2015",
        "juillet 2019",
        "1er juin 2025",
        "22 juin 2025",
    ]
    assert money(1e9, "USD") == "1 milliard de dollars"
    assert money(11e9, "USD", "more_than") == "plus de 11 milliards de dollars"
    assert money(50e6, "EUR") == "50 millions d'euros"
