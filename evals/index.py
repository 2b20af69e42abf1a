"""A private index of an evaluation corpus, kept apart from the user's library and reused between runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from coach.services import Services
from coach.settings import Settings


def eval_services(corpus: Path, settings: Settings | None = None, progress: bool = True) -> Services:
    """Services whose data dir is private to ``corpus``; the corpus is ingested (incrementally)."""
    base = settings or Settings()
    key = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:10]
    data_dir = base.data_dir / "eval-indexes" / f"{corpus.resolve().name}-{key}"
    retrieval = base.retrieval.model_copy(update={"chroma_path": None, "chroma_url": None})
    s = Services(base.model_copy(update={"data_dir": data_dir, "retrieval": retrieval,
                                          "app": base.app.model_copy(update={"database_url": None})}))
    s.ingestor.ingest(corpus, progress=progress)
    return s
