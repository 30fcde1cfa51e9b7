"""Reading local inputs: text, Markdown, HTML, JSON Lines, folders, and every bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.config import Settings
from veille.errors import BinaryInput, EmptyInput, InputError, MalformedLine, TooLarge
from veille.ingest.clean import to_document
from veille.ingest.files import decode, markdown_to_text
from veille.ingest.sources import read_sources
from veille.models import RawArticle

SETTINGS = Settings()

FR_TEXT = (
    "La coopérative laitière de Saint-Brieuc a signé mardi un accord avec la société Armor Froid "
    "pour la livraison de trois entrepôts frigorifiques.\n\n"
    "Le montant du contrat atteint 12 millions d'euros, selon la direction de la coopérative."
)
EN_TEXT = (
    "The harbour authority of Northport approved on Monday a plan to dredge the eastern channel.\n\n"
    "The works will cost about 40 million dollars and should end before the winter storms."
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
NOT_TEXT = bytes(range(1, 9)) * 40 + b"\x81\x8d\x8f\x90\x9d" * 10  # control bytes, invalid cp1252

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Le port de Lorient s'agrandit - Le Courrier du Golfe</title>
<meta property="og:site_name" content="Le Courrier du Golfe">
<meta property="og:title" content="Le port de Lorient s'agrandit">
<meta property="article:published_time" content="2025-03-04T08:15:00+01:00">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/eco">Économie</a></li>
<li><a href="/sport">Menu des sports du dimanche</a></li></ul></nav>
<main><article>
<h1>Le port de Lorient s'agrandit</h1>
<p>Le conseil régional a voté jeudi une enveloppe de 35 millions d'euros pour agrandir le quai
des pêcheurs du port de Lorient, un chantier attendu depuis près de dix ans par les armateurs.</p>
<p>Les travaux, confiés au groupement Breizh Travaux Maritimes, commenceront à l'automne et
dureront deux ans, selon le président de la commission des transports.</p>
<p>La chambre de commerce prévoit que le nouveau quai accueillera quarante chalutiers de plus
et fera baisser le temps d'attente des navires au déchargement.</p>
</article>
<section id="comments" class="comments"><h2>3 commentaires</h2>
<div class="comment"><p>Commentaire de Jean-Yves : enfin une bonne nouvelle pour le quartier du port !</p></div>
<div class="comment"><p>Commentaire de Maëlle : et le parking des pêcheurs, on en parle quand ?</p></div>
</section></main>
<footer><p>Mentions légales - Contact - Tous droits réservés au Courrier du Golfe</p></footer>
</body></html>
"""
EMPTY_PAGE = """<html><head><title>Accueil</title></head><body>
<nav><a href="/">Accueil</a> <a href="/contact">Contact</a></nav>
<footer>Tous droits réservés</footer></body></html>"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*inputs: Path | str, settings: Settings = SETTINGS) -> list[RawArticle | InputError]:
    return list(read_sources([str(i) for i in inputs], settings))


def assert_one_line_error(item: object, cls: type[InputError], *words: str) -> None:
    """A one-line error of class ``cls`` naming each of ``words`` and carrying a hint."""
    assert isinstance(item, cls), item
    message = str(item)
    assert "\n" not in message
    assert item.hint and message.endswith(item.hint)
    for word in words:
        assert word in message, (word, message)


# good inputs ----------------------------------------------------------------------


def test_text_file_with_front_matter(tmp_path: Path) -> None:
    front = (
        "---\ntitle: Accord laitier en Bretagne\nurl: https://exemple.fr/accord\n"
        "published: 2025-05-06\nsource: Ouest Exemple\nlang: fr\n---\n"
    )
    (item,) = read(write(tmp_path / "accord-laitier.txt", front + FR_TEXT))
    assert isinstance(item, RawArticle)
    assert item.id == "accord-laitier"
    assert item.text is not None and item.text.strip() == FR_TEXT
    assert (item.title, item.url, item.published, item.source, item.lang) == (
        "Accord laitier en Bretagne",
        "https://exemple.fr/accord",
        "2025-05-06",
        "Ouest Exemple",
        "fr",
    )


def test_text_file_without_front_matter(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path / "plain.txt", EN_TEXT))
    assert isinstance(item, RawArticle) and item.id == "plain" and item.text == EN_TEXT
    assert item.title is None


def test_markdown_file_loses_its_markup(tmp_path: Path) -> None:
    md = (
        "---\ntitle: Dragage\n---\n# Le chenal sera dragué\n\n"
        "La **préfecture** a donné son accord au [port de Northport](https://exemple.org/port).\n\n"
        "> Une citation du maire, *très* attendue.\n"
    )
    (item,) = read(write(tmp_path / "dragage.md", md))
    assert isinstance(item, RawArticle) and item.title == "Dragage"
    assert item.text is not None and item.text.strip() == (
        "Le chenal sera dragué\n\nLa préfecture a donné son accord au port de Northport.\n\n"
        "Une citation du maire, très attendue."
    )


def test_markdown_keeps_plain_asterisks_and_underscores() -> None:
    assert markdown_to_text("snake_case_name et 3 * 4 = 12") == "snake_case_name et 3 * 4 = 12"


def test_html_file_keeps_the_article_and_drops_nav_footer_comments(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path / "port-lorient.html", ARTICLE_PAGE))
    assert isinstance(item, RawArticle) and item.id == "port-lorient" and item.html
    doc = to_document(item)
    assert "35 millions d'euros" in doc.text
    assert "quarante chalutiers" in doc.text
    for noise in ("Accueil", "Menu des sports", "Jean-Yves", "parking des pêcheurs", "Mentions légales"):
        assert noise not in doc.text
    assert doc.title == "Le port de Lorient s'agrandit"
    assert doc.source == "Le Courrier du Golfe"
    assert doc.published == "2025-03-04"
    assert doc.lang == "fr"


def test_htm_extension_and_upper_case_suffix(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.htm", ARTICLE_PAGE), write(tmp_path / "b.TXT", FR_TEXT))
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["a", "b"]


def test_jsonl_with_text_and_html_lines(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": FR_TEXT, "title": "Lait", "published": "2025-05-06", "lang": "fr"},
        {"id": 42, "html": ARTICLE_PAGE, "url": "https://exemple.fr/port", "source": "Courrier"},
        {"text": EN_TEXT},
    ]
    path = write(tmp_path / "lot.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    items = read(path)
    assert all(isinstance(i, RawArticle) for i in items)
    a, b, c = items
    assert isinstance(a, RawArticle) and isinstance(b, RawArticle) and isinstance(c, RawArticle)
    assert (a.id, a.text, a.html, a.title, a.lang) == ("a1", FR_TEXT, None, "Lait", "fr")
    assert (b.id, b.text, b.url, b.source) == ("42", None, "https://exemple.fr/port", "Courrier")
    assert c.id == "lot-3" and c.origin == f"{path}:3"
    assert "quai des pêcheurs" in to_document(b).text


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", FR_TEXT)
    write(tmp_path / "a" / "z.md", EN_TEXT)
    write(tmp_path / "a" / "deep" / "page.html", ARTICLE_PAGE)
    write(tmp_path / "a" / "notes.pdf", b"%PDF-1.4")  # other extensions are skipped in folders
    write(tmp_path / ".hidden.txt", FR_TEXT)
    write(tmp_path / ".git" / "c.txt", FR_TEXT)
    write(tmp_path / "c.jsonl", json.dumps({"id": "j", "text": EN_TEXT}) + "\n")
    items = read(tmp_path)
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["page", "z", "b", "j"]
    assert len(items) == 4


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Le café coûte 3 € – c’est cher".encode("cp1252"), "Le café coûte 3 € – c’est cher"),
        ("Noël à Zürich".encode("latin-1"), "Noël à Zürich"),
        ("\ufeffÉté indien".encode(), "Été indien"),
        ("\ufeffÉté indien".encode("utf-16"), "Été indien"),
        ("Crème brûlée".encode("utf-16-le").join([b"\xff\xfe", b""]), "Crème brûlée"),
    ],
)
def test_decoding_of_plausible_encodings(data: bytes, expected: str) -> None:
    assert decode(data, "f.txt") == expected


# bad inputs: each is one error and the batch goes on --------------------------------


def test_bad_files_in_a_batch_each_give_one_error(tmp_path: Path) -> None:
    good1 = write(tmp_path / "one.txt", FR_TEXT)
    png = write(tmp_path / "photo.txt", PNG)
    empty = write(tmp_path / "vide.txt", "")
    garbage = write(tmp_path / "garbage.txt", NOT_TEXT)
    good2 = write(tmp_path / "two.md", EN_TEXT)
    missing = tmp_path / "absent.txt"
    other = write(tmp_path / "rapport.pdf", b"%PDF-1.7 ...")
    items = read(good1, png, empty, garbage, missing, other, good2)
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "RawArticle",
        "BinaryInput",
        "EmptyInput",
        "BinaryInput",
        "InputError",
        "InputError",
        "RawArticle",
    ]
    assert_one_line_error(items[1], BinaryInput, str(png), "PNG image")
    assert_one_line_error(items[2], EmptyInput, str(empty), "empty")
    assert_one_line_error(items[3], BinaryInput, str(garbage), "not text in any plausible encoding")
    assert_one_line_error(items[4], InputError, f"no such file or folder: {missing}")
    assert_one_line_error(items[5], InputError, str(other), ".txt, .md, .html, .htm and .jsonl", "'.pdf'")
    assert [i.origin for i in items[1:6] if isinstance(i, InputError)] == [
        str(p) for p in (png, empty, garbage, missing, other)
    ]


def test_an_error_in_a_folder_names_its_file_not_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "dossier" / "a.txt", FR_TEXT)
    empty = write(tmp_path / "dossier" / "sous" / "vide.md", "")
    items = read(tmp_path / "dossier")
    assert [type(i).__name__ for i in items] == ["RawArticle", "EmptyInput"]
    assert isinstance(items[1], EmptyInput) and items[1].origin == str(empty)
    assert str(items[1]).startswith(f"{empty}: ")


def test_blank_file_is_empty(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path / "blank.md", "  \n\n\t\n"))
    assert_one_line_error(item, EmptyInput, "blank.md")


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path / "data.txt", b"abc\x00def\x00" * 20))
    assert_one_line_error(item, BinaryInput, "data.txt", "NUL")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    small = Settings(max_size_mb=200 / (1024 * 1024))  # 200 bytes
    big = write(tmp_path / "long.txt", FR_TEXT * 3)
    items = read(big, write(tmp_path / "short.txt", "Une phrase courte."), settings=small)
    assert_one_line_error(items[0], TooLarge, str(big), "over the size limit of 200 bytes")
    assert isinstance(items[1], RawArticle)


def test_broken_front_matter_names_the_file_and_the_fix(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.md", "---\ntitle: [non fermé\nlang: fr\n---\n" + FR_TEXT)
    unclosed = write(tmp_path / "unclosed.md", "---\ntitle: Sans fin\n" + FR_TEXT)
    not_mapping = write(tmp_path / "list.md", "---\n- un\n- deux\n---\n" + FR_TEXT)
    items = read(bad, unclosed, not_mapping, write(tmp_path / "ok.txt", FR_TEXT))
    assert_one_line_error(items[0], InputError, str(bad), "front matter is not valid YAML", "line 3")
    assert_one_line_error(items[1], InputError, str(unclosed), "no closing '---'")
    assert_one_line_error(items[2], InputError, str(not_mapping), "'key: value'")
    assert "fix the YAML" in str(items[0])
    assert isinstance(items[3], RawArticle)


def test_front_matter_without_text_is_empty(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path / "meta.md", "---\ntitle: Rien\n---\n\n"))
    assert_one_line_error(item, EmptyInput, "meta.md")


def test_html_page_without_article_text(tmp_path: Path) -> None:
    path = write(tmp_path / "accueil.html", EMPTY_PAGE)
    items = read(path, write(tmp_path / "ok.html", ARTICLE_PAGE))
    raws = [i for i in items if isinstance(i, RawArticle)]
    assert len(raws) == 2
    with pytest.raises(EmptyInput) as caught:
        to_document(raws[0])
    assert_one_line_error(caught.value, EmptyInput, f"no article text found in {path}")
    assert "35 millions" in to_document(raws[1]).text


def test_malformed_jsonl_lines_and_the_others_still_come(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": FR_TEXT}),
        '{"id": "broken", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": "bad-title", "text": "x", "title": ["a"]}),
        json.dumps({"id": "ok2", "html": ARTICLE_PAGE}),
    ]
    path = write(tmp_path / "lot.jsonl", "\n".join(lines))
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawArticle"] + ["MalformedLine"] * 4 + ["RawArticle"]
    assert_one_line_error(items[1], MalformedLine, f"{path}:2", "not valid JSON")
    assert_one_line_error(items[2], MalformedLine, f"{path}:3", "object")
    assert_one_line_error(items[3], MalformedLine, f"{path}:4", "'text' or 'html'")
    assert_one_line_error(items[4], MalformedLine, f"{path}:5", "'title'")
    assert isinstance(items[1], MalformedLine) and items[1].origin == f"{path}:2"
    assert [i.id for i in items if isinstance(i, RawArticle)] == ["ok1", "ok2"]


def test_jsonl_line_over_the_limit_and_bad_utf8(tmp_path: Path) -> None:
    small = Settings(max_size_mb=300 / (1024 * 1024))
    long_line = json.dumps({"id": "long", "text": "mot " * 200}).encode()
    data = (
        long_line
        + b"\n"
        + b'{"id": "latin", "text": "\xe9t\xe9"}\n'
        + json.dumps({"id": "ok", "text": "Court."}).encode()
    )
    path = write(tmp_path / "lot.jsonl", data)
    items = read(path, settings=small)
    assert_one_line_error(items[0], TooLarge, f"{path}:1", "300 bytes")
    assert_one_line_error(items[1], MalformedLine, f"{path}:2", "UTF-8")
    assert isinstance(items[2], RawArticle) and items[2].id == "ok"


def test_empty_and_binary_jsonl(tmp_path: Path) -> None:
    items = read(write(tmp_path / "vide.jsonl", "\n\n"), write(tmp_path / "img.jsonl", PNG))
    assert_one_line_error(items[0], EmptyInput, "vide.jsonl")
    assert_one_line_error(items[1], BinaryInput, "img.jsonl", "PNG")


def test_empty_folder_and_folder_with_a_bad_file(tmp_path: Path) -> None:
    empty = tmp_path / "rien"
    empty.mkdir()
    (write(tmp_path / "lot" / "a.txt", FR_TEXT), write(tmp_path / "lot" / "b.txt", b""))
    write(tmp_path / "lot" / "c.txt", EN_TEXT)
    items = read(empty, tmp_path / "lot")
    assert_one_line_error(items[0], EmptyInput, str(empty), "no .txt")
    assert [type(i).__name__ for i in items[1:]] == ["RawArticle", "EmptyInput", "RawArticle"]
