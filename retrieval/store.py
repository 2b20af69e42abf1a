"""The Chroma passage store: embedded (PersistentClient) by default, a server when a URL is set.

Every chunk carries its document's status and expiry in its metadata; searches check both on the
metadata read back with each result, so a withdrawal or an expiry takes effect at once.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from corpus.models import NO_EXPIRY, Chunk, DocumentMeta
from retrieval.errors import StoreError
from retrieval.types import Passage, index_text

FILTER_KEYS = ("product", "therapeutic_area", "type", "doc_id")


def date_int(d: dt.date | None) -> int:
    """A date as YYYYMMDD (Chroma compares numbers, not dates)."""
    d = d or NO_EXPIRY
    return d.year * 10000 + d.month * 100 + d.day


def active_filter(filters: dict[str, Any] | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """Chroma ``where`` for approved, unexpired chunks plus equality/membership filters."""
    clauses: list[dict[str, Any]] = [{"status": "approved"},
                                     {"expires": {"$gte": date_int(today or dt.date.today())}}]
    for key, value in (filters or {}).items():
        if value in (None, "", []):
            continue
        if key not in FILTER_KEYS:
            raise StoreError(f"Cannot filter on '{key}'; use one of {', '.join(FILTER_KEYS)}.")
        clauses.append({key: {"$in": list(value)}} if isinstance(value, (list, tuple, set)) else {key: value})
    return {"$and": clauses}


def matches(meta: dict[str, Any], where: dict[str, Any]) -> bool:
    """Evaluate an ``active_filter`` clause list on one chunk's metadata (same meaning as in Chroma)."""
    for clause in where.get("$and", [where]):
        for key, cond in clause.items():
            value = meta.get(key)
            if isinstance(cond, dict):
                if "$in" in cond and value not in cond["$in"]:
                    return False
                if "$gte" in cond and not (value is not None and value >= cond["$gte"]):
                    return False
            elif value != cond:
                return False
    return True


def chunk_metadata(c: Chunk, meta: DocumentMeta, status: str) -> dict[str, Any]:
    """The metadata stored with a chunk: everything a citation and a filter need."""
    u = c.unit
    return {
        "doc_id": meta.doc_id, "version": meta.version, "sha": meta.sha256[:12], "title": meta.title,
        "type": meta.type, "product": meta.product or "", "therapeutic_area": meta.therapeutic_area or "",
        "status": status, "expires": date_int(meta.expiry_date), "kind": u.kind, "page": u.page or -1,
        "section_number": u.section_number or "", "section_title": u.section_title or "",
        "section_code": u.section_code or "", "start": c.start, "end": c.end, "index": c.index,
    }


def make_client(path: Path | None = None, url: str | None = None) -> Any:
    """An embedded client at ``path`` or an HTTP client for ``url``."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        u = urlparse(url)
        try:
            return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000,
                                       ssl=u.scheme == "https", settings=settings)
        except Exception as exc:  # connection refused, wrong URL, version mismatch
            raise StoreError(f"Cannot reach the Chroma server at {url} ({exc}); start it with "
                             "`chroma run --path DIR` or unset COACH_RETRIEVAL__CHROMA_URL.") from exc
    if path is None:
        raise StoreError("Give a Chroma folder or a server URL.")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class PassageStore:
    """Chunks with embeddings and metadata in one Chroma collection."""

    def __init__(self, client: Any, collection: str, embeddings: Embeddings) -> None:
        self.client = client
        self.name = collection
        self.embeddings = embeddings
        self.vectors = Chroma(client=client, collection_name=collection, embedding_function=embeddings,
                              collection_metadata={"hnsw:space": "cosine"})
        self.collection = self.vectors._collection
        self.generation = 0  # bumped on every write from this process

    # -- writing (the corpus ChunkSink protocol) ------------------------------------------------
    def add_chunks(self, chunks: list[Chunk], meta: DocumentMeta, status: str) -> None:
        """Embed and write chunks of one document version."""
        if not chunks:
            return
        metas = [chunk_metadata(c, meta, status) for c in chunks]
        batch = 256
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            vectors = self.embeddings.embed_documents([index_text(c.text, m) for c, m in zip(part, metas[i : i + batch])])
            self.collection.add(ids=[c.chunk_id for c in part], documents=[c.text for c in part],
                                embeddings=vectors, metadatas=metas[i : i + batch])
        self.generation += 1

    def add_embedded(self, ids: list[str], texts: list[str], vectors: list[list[float]],
                     metadatas: list[dict[str, Any]]) -> None:
        """Write precomputed embeddings (bulk loads, benchmarks)."""
        for i in range(0, len(ids), 2000):
            self.collection.add(ids=ids[i : i + 2000], documents=texts[i : i + 2000],
                                embeddings=vectors[i : i + 2000], metadatas=metadatas[i : i + 2000])
        self.generation += 1

    def _version_ids(self, doc_id: str, sha256: str | None) -> tuple[list[str], list[dict[str, Any]]]:
        where: dict[str, Any] = {"doc_id": doc_id}
        if sha256:
            where = {"$and": [{"doc_id": doc_id}, {"sha": sha256[:12]}]}
        got = self.collection.get(where=where, include=["metadatas"])
        return list(got["ids"]), [dict(m) for m in got["metadatas"] or []]

    def version_sections(self, doc_id: str, sha: str) -> list[tuple[str, str]]:
        """Every chunk of one version of a document, in order (``sha`` as chunk ids give it), as its section number
        and its text."""
        got = self.collection.get(where={"$and": [{"doc_id": doc_id}, {"sha": sha}]}, include=["documents", "metadatas"])
        order = sorted(zip(got["ids"], got["documents"] or [], got["metadatas"] or []),
                       key=lambda x: int(p) if (p := x[0].rpartition("::")[2]).isdigit() else 0)
        return [(str(m.get("section_number") or ""), t) for _, t, m in order]

    def set_doc_status(self, doc_id: str, sha256: str | None, status: str) -> int:
        """Set the status of a version's chunks (all versions when sha256 is None); returns the count."""
        ids, metas = self._version_ids(doc_id, sha256)
        for m in metas:
            m["status"] = status
        for i in range(0, len(ids), 2000):
            self.collection.update(ids=ids[i : i + 2000], metadatas=metas[i : i + 2000])
        self.generation += 1
        return len(ids)

    def delete_version(self, doc_id: str, sha256: str) -> None:
        """Remove the chunks of one version."""
        ids, _ = self._version_ids(doc_id, sha256)
        if ids:
            self.collection.delete(ids=ids)
            self.generation += 1

    # -- reading --------------------------------------------------------------------------------
    def count(self, max_age: float = 0.0) -> int:
        """Chunks in the collection (any status); ``max_age`` seconds lets a recent count stand.

        Writes from this process always refresh it; other processes' writes show within ``max_age``.
        """
        now = time.monotonic()
        cached = getattr(self, "_count", None)
        if max_age and cached and cached[0] == self.generation and now - cached[1] < max_age:
            return cached[2]
        n = int(self.collection.count())
        self._count = (self.generation, now, n)
        return n

    def all_records(self) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """Every chunk's id, text and metadata (for the BM25 index)."""
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict[str, Any]] = []
        total = self.count()
        for offset in range(0, total, 5000):
            got = self.collection.get(include=["documents", "metadatas"], limit=5000, offset=offset)
            ids += got["ids"]
            docs += got["documents"] or []
            metas += [dict(m) for m in got["metadatas"] or []]
        return ids, docs, metas

    def dense(self, query_vector: list[float], k: int, where: dict[str, Any]) -> list[Passage]:
        """Nearest approved chunks to a query embedding (score = cosine similarity).

        Status and expiry are checked here on the metadata the query returns (fresh from the store, so a
        withdrawal still applies at once): inside Chroma those two range/equality clauses made a 50k-chunk
        query ~100x slower. Only the user's own filters (product, type, …) go to Chroma.
        """
        clauses = where.get("$and", [where])
        user = [c for c in clauses if not ({"status", "expires"} & set(c))]
        chroma_where = None if not user else user[0] if len(user) == 1 else {"$and": user}
        n = 2 * k + 10
        while True:
            try:
                res = self.collection.query(query_embeddings=[query_vector], n_results=n, where=chroma_where,
                                            include=["documents", "metadatas", "distances"])
            except Exception as exc:  # an empty collection, or fewer matches than asked for on old servers
                if self.count() == 0:
                    return []
                raise StoreError(f"Dense search failed: {exc}") from exc
            ids = res["ids"][0]
            out = [Passage.from_record(i, d, dict(m), score=1.0 - float(dist)) for i, d, m, dist in
                   zip(ids, res["documents"][0], res["metadatas"][0], res["distances"][0]) if matches(m, where)]
            if len(out) >= k or len(ids) < n:  # enough active chunks, or nothing more to find
                return out[:k]
            n *= 4

    def fetch(self, ids: list[str], where: dict[str, Any] | None = None) -> dict[str, Passage]:
        """The chunks among ``ids`` that pass ``where``, by id (fresh from the store)."""
        if not ids:
            return {}
        # Fetching by id and filtering here is ~10x faster in Chroma than a get with ids and a where.
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {i: Passage.from_record(i, d, dict(m)) for i, d, m in
                zip(got["ids"], got["documents"] or [], got["metadatas"] or []) if where is None or matches(m, where)}

    def select(self, where: dict[str, Any], passing: dict[str, Any], where_document: dict[str, Any] | None = None,
               limit: int | None = None) -> list[Passage]:
        """The chunks that match ``where`` (and ``where_document``, on their text), of those that pass ``passing``."""
        got = self.collection.get(where=where, where_document=where_document, include=["documents", "metadatas"],
                                  limit=limit)
        return [Passage.from_record(i, d, dict(m)) for i, d, m in
                zip(got["ids"], got["documents"] or [], got["metadatas"] or []) if matches(m, passing)]

    def neighbours(self, chunk_ids: list[str], where: dict[str, Any] | None = None, reach: int = 1) -> list[Passage]:
        """The chunks up to ``reach`` places before and after the given ones (a chunk id ends in its position),
        that pass ``where``."""
        ids = []
        for cid in chunk_ids:
            head, _, pos = cid.rpartition("::")
            if head and pos.isdigit():
                ids += [f"{head}::{int(pos) + d}" for d in range(-reach, reach + 1) if d]
        return list(self.fetch([i for i in dict.fromkeys(ids) if i not in chunk_ids], where).values())

    def drop(self) -> None:
        """Delete the whole collection."""
        self.client.delete_collection(self.name)
