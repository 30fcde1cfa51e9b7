"""veille's exceptions, one catalogue.

Every error says what went wrong with which input, and what to do about it.

    VeilleError                 base; ``str(e)`` is the one-line message, ``e.hint`` the fix
    ├── InputError              an input that cannot be read as an article (batch goes on)
    │   ├── EmptyInput          empty file, page with no article text, feed with no items
    │   ├── BinaryInput         not text in any plausible encoding
    │   ├── TooLarge            over the configured size limit
    │   ├── MalformedLine       a JSON Lines record that is not valid
    │   └── FetchError          unreachable URL, HTTP error status, timeout
    ├── StoreError              the database cannot be opened, written or read
    ├── OutputError             a file or folder veille was asked to write cannot be written
    ├── SetupError              the installation is incomplete (a language model is missing)
    └── UsageError              a bad option value or an unknown id given by the user

An ``InputError`` carries ``origin``, the input it is about (a path, a URL, ``file.jsonl:12``),
given when it is built: ``EmptyInput("a.txt: the file is empty", origin="a.txt")``.
"""

from __future__ import annotations

from typing import Any


class VeilleError(Exception):
    """Base of all veille errors: a message that names the input, and a hint.

    An error may also say itself in the catalogues of :mod:`veille.i18n`: ``key`` (and
    ``hint_key``) name its message (and hint) there, ``fields`` fill them; ``in_language``
    then writes it in French or English. Without a key it reads as raised, in English.
    """

    hint: str = ""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        key: str | None = None,
        hint_key: str | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint
        self.key, self.hint_key, self.fields = key, hint_key, dict(fields or {})

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} — {self.hint}" if self.hint else msg

    def in_language(self, lang: str) -> str:
        """The message and its hint in ``lang``, where the catalogue has them."""
        if self.key is None:
            return str(self)
        from veille.i18n import t

        message = t(lang, self.key, **self.fields)
        hint = t(lang, self.hint_key, **self.fields) if self.hint_key else self.hint
        return f"{message} — {hint}" if hint else message


class InputError(VeilleError):
    hint = "check the file or URL, or leave it out of the batch"

    def __init__(self, message: str, hint: str | None = None, *, origin: str) -> None:
        super().__init__(message, hint)
        self.origin = origin  # the input it is about (a path, a URL, ``file.jsonl:12``)


class EmptyInput(InputError):
    hint = "the input holds no article text; check that it is the right file or page"


class BinaryInput(InputError):
    hint = "veille reads text, Markdown, HTML and JSON Lines; convert the file to text first"


class TooLarge(InputError):
    hint = "raise the limit with --max-size (in MB) or VEILLE_MAX_SIZE_MB if the file is really an article"


class MalformedLine(InputError):
    hint = "fix that line (one JSON object per line, with 'text' or 'html'); the other lines were read"


class FetchError(InputError):
    hint = "check the address and your connection, then run the same command again"


class StoreError(VeilleError):
    hint = "check the --db path or URL (VEILLE_DB) and that you may write there"


class OutputError(VeilleError):
    hint = "check the --output path: its folder must exist or be creatable, writable, and not a file"


class SetupError(VeilleError):
    hint = "reinstall veille (pip install .) to get the models it needs; nothing is downloaded at run time"


class UsageError(VeilleError):
    hint = "see --help for the accepted values"
