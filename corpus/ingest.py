"""The ingest pipeline: files in, chunks out to an index, a report of what happened to each file.

Ingest is incremental by content hash. Each document version is written as 'pending' chunks, then
made current in one step; an interrupted ingest is rolled back by ``recover`` at the next start, so
the index never shows half a document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from pydantic import ValidationError

from corpus.chunking import Chunker
from corpus.errors import CorpusError, ManifestError
from corpus.manifest import MANIFEST_NAMES, Manifest, load_manifest
from corpus.models import Chunk, DocumentMeta
from corpus.readers import read_file, supported
from corpus.registry import Registry

Outcome = Literal["ingested", "unchanged", "skipped", "failed"]


class ChunkSink(Protocol):
    """Where chunks go (the retrieval store implements this)."""

    def add_chunks(self, chunks: list[Chunk], meta: DocumentMeta, status: str) -> None:
        """Write chunks with the given status ('pending' until the version is made current)."""

    def set_doc_status(self, doc_id: str, sha256: str, status: str) -> None:
        """Change the status of every chunk of one version."""

    def delete_version(self, doc_id: str, sha256: str) -> None:
        """Remove every chunk of one version."""


@dataclass
class FileReport:
    """What happened to one file."""

    path: str
    outcome: Outcome
    doc_id: str | None = None
    version: str | None = None
    chunks: int = 0
    pages: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    """The report of one ingest run."""

    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, outcome: Outcome) -> int:
        """Number of files with this outcome."""
        return sum(1 for f in self.files if f.outcome == outcome)

    @property
    def chunks(self) -> int:
        """Chunks written in this run."""
        return sum(f.chunks for f in self.files)

    @property
    def units(self) -> int:
        """Pages or sections read in this run."""
        return sum(f.pages for f in self.files)

    def summary(self) -> str:
        """One line: counts per outcome."""
        return (f"{self.count('ingested')} ingested, {self.count('unchanged')} unchanged, "
                f"{self.count('skipped')} skipped, {self.count('failed')} failed; {self.chunks} chunks "
                f"in {self.seconds:.1f} s")


# Bumped when a reader changes what it makes of a file (3: an unnumbered SPL subsection takes the number of the
# section it sits in), so that files indexed under the old rules are read again.
READ_VERSION = "3"


def sha256_file(path: Path, salt: str = "") -> str:
    """Hex sha256 of a file's bytes (then ``salt``)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(salt.encode())
    return h.hexdigest()


def list_files(path: Path) -> list[Path]:
    """Files under a path (or the path itself), sorted, hidden files and manifests left out."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise CorpusError(f"{path}: no such file or folder.")
    return sorted(p for p in path.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(path).parts) and p.name not in MANIFEST_NAMES)


def recover(registry: Registry, sink: ChunkSink) -> int:
    """Roll back versions whose ingest was interrupted; returns how many."""
    stale = registry.pending()
    for row in stale:
        sink.delete_version(row.doc_id, row.sha256)
        registry.delete(row.id)
    # A stop between making a version current and deleting the old one leaves old chunks behind.
    for row in registry.documents(include_superseded=True):
        if row.status == "superseded":
            sink.delete_version(row.doc_id, row.sha256)
    return len(stale)


class Ingestor:
    """Ingest files into a registry and a chunk sink."""

    def __init__(self, registry: Registry, sink: ChunkSink, chunker: Chunker,
                 on_chunks: Callable[[list[Chunk], DocumentMeta], None] | None = None) -> None:
        """``on_chunks`` sees each new version's chunks before the version is made current (a failure
        there leaves it pending, rolled back at the next start)."""
        self.registry = registry
        self.sink = sink
        self.chunker = chunker
        self.on_chunks = on_chunks

    def ingest(self, path: Path, overrides: dict[str, object] | None = None, progress: bool = False,
               on_file: Callable[[FileReport], None] | None = None, today: dt.date | None = None,
               ) -> IngestReport:
        """Ingest a file or a folder tree; bad files are reported and skipped, the rest go on."""
        import time

        t0 = time.perf_counter()
        recover(self.registry, self.sink)
        report = IngestReport()
        files = list_files(path)
        manifests: dict[Path, Manifest | ManifestError] = {}
        iterator: Iterable[Path] = files
        if progress:
            from tqdm import tqdm

            iterator = tqdm(files, desc="Ingesting", unit="file")
        for f in iterator:
            folder = f.parent
            if folder not in manifests:
                try:
                    manifests[folder] = load_manifest(folder)
                except ManifestError as exc:
                    manifests[folder] = exc
            rep = self._one(f, manifests[folder], overrides or {}, today or dt.date.today())
            report.files.append(rep)
            if on_file:
                on_file(rep)
        report.seconds = time.perf_counter() - t0
        return report

    def _one(self, path: Path, manifest: Manifest | ManifestError, overrides: dict[str, object],
             today: dt.date) -> FileReport:
        if isinstance(manifest, ManifestError):
            return FileReport(str(path), "failed", reason=str(manifest))
        if manifest.excluded(path.name):
            return FileReport(str(path), "skipped", reason="not a document (excluded or a README/LICENSE note)")
        if not supported(path):
            return FileReport(str(path), "skipped", reason=f"unsupported type '{path.suffix or 'none'}'; use PDF, "
                              "SPL XML, Markdown or text")
        try:
            sha = sha256_file(path, READ_VERSION)  # what was indexed: these bytes, read by these rules
            fields = manifest.fields_for(path.name)
            fields.update({k: v for k, v in overrides.items() if v is not None})
            doc_id = str(fields.get("doc_id") or path.stem)
            done = self.registry.find_ready(doc_id, sha)
            if done is not None:
                return FileReport(str(path), "unchanged", doc_id, done.version, reason=f"status {done.status}")
            read = read_file(path)
            meta_fields: dict[str, object] = {"title": path.stem, **read.meta, **fields}
            meta_fields.update(doc_id=doc_id, source_file=str(path), sha256=sha)
            meta = DocumentMeta.model_validate(meta_fields)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            return FileReport(str(path), "failed", reason=f"metadata field {where}: {err['msg']}")
        except CorpusError as exc:
            return FileReport(str(path), "failed", reason=str(exc))
        if meta.expiry_date and meta.expiry_date < today:
            return FileReport(str(path), "skipped", doc_id, meta.version,
                              reason=f"expired on {meta.expiry_date}; renew the approval to index it")
        chunks = self.chunker.chunk(meta.doc_id, meta.version, read.units, key=sha[:12])
        row_id = self.registry.add_pending(meta, len(chunks))
        self.sink.add_chunks(chunks, meta, status="pending")
        if self.on_chunks is not None:
            self.on_chunks(chunks, meta)
        self.sink.set_doc_status(meta.doc_id, sha, meta.status)
        for old in self.registry.mark_ready(row_id):
            self.sink.delete_version(old.doc_id, old.sha256)
        return FileReport(str(path), "ingested", meta.doc_id, meta.version, chunks=len(chunks),
                          pages=len(read.units))
