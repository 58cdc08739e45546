"""What crosswire reads from the environment, named in one place.

The command line passes settings down as arguments; the environment is only how they
reach places an argument cannot: a user alias file for every run
(``CROSSWIRE_ALIASES``), one ONNX thread per executor worker process
(``CROSSWIRE_ONNX_THREADS``), the web app's write token (``CROSSWIRE_TOKEN``), and the
settings of ``crosswire serve --workers N``, whose worker processes build the app by name
(:class:`ServeSettings`, written by :meth:`ServeSettings.to_env` and read back by
:meth:`ServeSettings.from_env`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

ALIASES_ENV = "CROSSWIRE_ALIASES"
ONNX_THREADS_ENV = "CROSSWIRE_ONNX_THREADS"
TOKEN_ENV = "CROSSWIRE_TOKEN"
_DB_ENV = "CROSSWIRE_DB"
_ALLOW_PRIVATE_ENV = "CROSSWIRE_ALLOW_PRIVATE"
_THREADS_ENV = "CROSSWIRE_THREADS"
DEFAULT_THREADS = 40


@dataclass(frozen=True)
class ServeSettings:
    """How one store is served: the store, the write token (ingest needs it when set),
    whether ingest may fetch private addresses, and how many requests may wait on the
    store at once."""

    db: str
    token: str | None = None
    allow_private: bool = False
    threads: int = DEFAULT_THREADS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> ServeSettings:
        """The settings ``to_env`` wrote, as a worker process of ``serve`` reads them."""
        return cls(
            db=environ[_DB_ENV],
            token=environ.get(TOKEN_ENV) or None,
            allow_private=environ.get(_ALLOW_PRIVATE_ENV) == "1",
            threads=int(environ.get(_THREADS_ENV, str(DEFAULT_THREADS))),
        )

    def to_env(self) -> dict[str, str]:
        """The variables that carry these settings to ``serve``'s worker processes."""
        env = {
            _DB_ENV: self.db,
            _ALLOW_PRIVATE_ENV: "1" if self.allow_private else "0",
            _THREADS_ENV: str(self.threads),
        }
        if self.token:
            env[TOKEN_ENV] = self.token
        return env


def token_from_env() -> str | None:
    """The write token the environment gives, if any."""
    return os.environ.get(TOKEN_ENV) or None
