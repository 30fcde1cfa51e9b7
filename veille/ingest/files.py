"""Reading files: size limit, binary detection, decoding, front matter, light Markdown.

Every failure is one of the input errors of :mod:`veille.errors`, whose message starts
with the file it is about; the error also carries that name as ``origin``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from veille.errors import BinaryInput, EmptyInput, InputError, TooLarge

E = TypeVar("E", bound=InputError)

META_FIELDS = ("title", "url", "published", "source", "lang")
MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"SQLite format 3": "an SQLite database",
}
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
TEXT_CONTROLS = frozenset("\t\n\r\f\v")
MAX_CONTROL_RATIO = 0.02


def fail(cls: type[E], origin: str, message: str, hint: str | None = None, named: bool = False) -> E:
    """An error of class ``cls`` about ``origin``, on one line.

    The message starts with ``origin`` unless ``named`` says that it names it already.
    """
    message = " ".join(message.split())
    return cls(message if named else f"{origin}: {message}", hint, origin=origin)


def human_size(n: float) -> str:
    """``1536`` → ``1.5 KB``; sizes in bytes under 1 KB."""
    if n < 1024:
        return f"{int(n)} bytes"
    for unit in ("KB", "MB", "GB"):
        n /= 1024
        if n < 1024 or unit == "GB":
            break
    return f"{n:.1f} {unit}"


def check_size(size: int, limit: int, origin: str) -> None:
    """Raise ``TooLarge`` when ``size`` is over ``limit`` bytes."""
    if size > limit:
        raise fail(TooLarge, origin, f"{human_size(size)} is over the size limit of {human_size(limit)}")


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a file, refused when over ``limit`` or empty."""
    origin = str(path)
    try:
        check_size(path.stat().st_size, limit, origin)
        data = path.read_bytes()
    except OSError as e:
        raise fail(InputError, origin, f"cannot read the file ({e.strerror or e})") from e
    check_size(len(data), limit, origin)
    if not data.strip():
        raise fail(EmptyInput, origin, "the file is empty")
    return data


def sniff_binary(data: bytes, origin: str) -> None:
    """Raise ``BinaryInput`` for a known binary format, or NUL bytes outside a UTF-16/32 BOM."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise fail(BinaryInput, origin, f"this is {what}, not text")
    if b"\x00" in data[:8192] and not any(data.startswith(bom) for bom, _ in BOMS):
        raise fail(BinaryInput, origin, "this is a binary file (it holds NUL bytes), not text")


def _plausible(text: str) -> bool:
    """True when the text holds almost no control characters or replacement marks."""
    if not text:
        return True
    bad = sum(
        1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in TEXT_CONTROLS)
    )
    return bad / len(text) <= MAX_CONTROL_RATIO


def decode(data: bytes, origin: str) -> str:
    """Text from bytes: BOM, else UTF-8, else cp1252, else Latin-1, if it looks like text.

    Raises ``BinaryInput`` when the bytes are binary or not text in any of these encodings.
    """
    sniff_binary(data, origin)
    encodings = [enc for bom, enc in BOMS if data.startswith(bom)][:1] or ["utf-8", "cp1252", "latin-1"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text.lstrip("\ufeff")
        break  # decoded but full of control characters: the bytes are not text
    raise fail(
        BinaryInput, origin, "not text in any plausible encoding (tried UTF-8, UTF-16, cp1252, Latin-1)"
    )


def read_text(path: Path, limit: int) -> str:
    """A text file decoded, refused when too large, empty or binary."""
    text = decode(read_bytes(path, limit), str(path))
    if not text.strip():
        raise fail(EmptyInput, str(path), "the file holds only blank space")
    return text


def _yaml_problem(exc: Exception) -> str:
    """A short description of a YAML error, with its line in the file when known."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    return f"{problem} (line {mark.line + 1})" if mark is not None else str(problem)


def meta_value(value: Any) -> str | None:
    """A metadata value as a string: dates in ISO, scalars as text, empty as None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def split_front_matter(text: str, origin: str) -> tuple[dict[str, str | None], str]:
    """The YAML front matter (``title``, ``url``, ``published``, ``source``, ``lang``) and body.

    Text without front matter gives ``({}, text)``. A front matter that is not valid YAML,
    or not a mapping, raises ``InputError`` naming the file and the fix.
    """
    import frontmatter

    handler = frontmatter.detect_format(text, frontmatter.handlers)
    if handler is None or not isinstance(handler, frontmatter.YAMLHandler):
        return {}, text
    hint = "fix the YAML between the '---' lines (one 'key: value' per line, quote values holding ':'), or remove it"
    try:
        head, body = handler.split(text)
    except ValueError as e:
        raise fail(
            InputError, origin, "the front matter opened by '---' has no closing '---' line", hint
        ) from e
    try:
        meta = handler.load(head)
    except Exception as e:  # yaml.YAMLError: the only thing a YAML load raises on bad text
        raise fail(InputError, origin, f"the front matter is not valid YAML: {_yaml_problem(e)}", hint) from e
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise fail(InputError, origin, "the front matter is not a list of 'key: value' lines", hint)
    return {k: meta_value(meta.get(k)) for k in META_FIELDS}, body


_MD_RULES = (
    (re.compile(r"^```.*$", re.M), ""),  # code fences
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^ {0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
)


def markdown_to_text(text: str) -> str:
    """Markdown with its markup removed (headings, emphasis, links, images, quotes, fences)."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text
