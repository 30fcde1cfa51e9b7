"""Settings: one object, read in one place (the environment and the CLI options)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

DEFAULT_DB = "veille.db"


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = DEFAULT_DB
    max_size_mb: float = 5.0
    http_timeout: float = 15.0
    user_agent: str = "veille/0.1 (+https://github.com/veille; strategic news monitoring)"
    max_redirects: int = 5
    pack: str = "alliances"
    batch_size: int = 16
    token: str | None = None
    watch_every: float = 3600.0  # seconds between two cycles of ``veille watch``
    host_delay: float = 1.0  # seconds at least between two requests to one host while watching
    host: str = "127.0.0.1"  # the address ``veille serve`` binds
    allowed_hosts: tuple[str, ...] = ()  # more Host names it answers to (a DNS name in front of it)

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * 1024 * 1024)

    def with_(self, **changes: object) -> Settings:
        """A copy with the given fields changed, ignoring those set to None."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def from_env(env: dict[str, str] | None = None) -> Settings:
    """Settings from ``VEILLE_*`` environment variables over the defaults."""
    env = dict(os.environ) if env is None else env
    return Settings().with_(
        db=env.get("VEILLE_DB") or None,
        max_size_mb=float(env["VEILLE_MAX_SIZE_MB"]) if env.get("VEILLE_MAX_SIZE_MB") else None,
        token=env.get("VEILLE_TOKEN") or None,
        pack=env.get("VEILLE_PACK") or None,
        allowed_hosts=tuple(h.strip() for h in env.get("VEILLE_ALLOWED_HOSTS", "").split(",") if h.strip())
        or None,
    )
