"""Shared CLI helpers: the services factory and turning domain errors into clear messages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import typer

from coach.errors import CoachError
from corpus.errors import CorpusError
from retrieval.errors import RetrievalError


@lru_cache(maxsize=1)
def services():  # type: ignore[no-untyped-def]
    """The process's services, built from settings (environment, COACH_ prefix)."""
    from coach.services import Services

    return Services()


@contextmanager
def fail_cleanly() -> Iterator[None]:
    """Print domain errors as one line with their fix and exit 1 (re-raise when COACH_DEBUG is set)."""
    try:
        yield
    except (CoachError, CorpusError, RetrievalError) as exc:
        if os.environ.get("COACH_DEBUG"):
            raise
        typer.secho(f"Error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
