"""Speed and memory of Exchange Coach on this machine, each figure beside a baseline measured in the same run.

1. Ingest: pages (or label sections) per second and chunks per second for the demo labels and a set of
   generated multi-page PDFs; baselines: reading + chunking alone, and embedding the same chunks alone.
2. Retrieval latency p50/p95 for bm25, dense and hybrid at 1k and 50k chunks (synthetic passages built
   from the demo publications' sentences, with vectors derived from real sentence embeddings); baselines:
   numpy brute-force cosine over the same vectors for dense, BM25 alone for hybrid. Model load excluded.
   A per-component breakdown of hybrid search follows.
3. Extractive Ask end to end over label questions; baseline: the hybrid search inside it.
4. Generative Ask with the local chat model: time to first token (first question, cold prompt cache,
   apart from the rest) and tokens/s; baseline: the time until the cited sources are shown.
5. Peak memory (ru_maxrss) after each phase.

Usage: python scripts/bench.py [--quick] [--no-llm] [--json OUT] [--model qwen2.5-1.5b|smollm2-135m]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
LABELS = ROOT / "demo_corpus" / "labels"
PUBLICATIONS = ROOT / "demo_corpus" / "publications"
QUESTIONS = ROOT / "evals" / "data" / "pubmedqa_questions.jsonl"

# Questions an MSL might ask about the three demo labels; the last four are not answered by them.
LABEL_QUESTIONS = [
    "What is the recommended starting dose of Lipitor?",
    "What should be done if a patient on Lipitor develops muscle pain or a markedly elevated CPK?",
    "Is advanced age a risk factor for myopathy with atorvastatin?",
    "Should liver enzyme tests be done before starting Lipitor?",
    "Can Lipitor be used during pregnancy?",
    "What is the maximum atorvastatin dose for patients taking clarithromycin?",
    "Does grapefruit juice interact with Lipitor?",
    "What are the most common adverse reactions reported with Lipitor?",
    "Is Lipitor approved for children with heterozygous familial hypercholesterolemia?",
    "Does Lipitor need a dose adjustment in patients with renal impairment?",
    "What was seen with hemorrhagic stroke in patients with a recent stroke or TIA on atorvastatin 80 mg?",
    "How does atorvastatin lower LDL cholesterol?",
    "What are the contraindications to Lipitor?",
    "Can Lipitor be taken together with gemfibrozil?",
    "What is the effect of atorvastatin on digoxin concentrations?",
    "What is the recommended Humira dose for rheumatoid arthritis?",
    "What serious infections have been reported in patients treated with Humira?",
    "Should patients be tested for latent tuberculosis before starting Humira?",
    "Can live vaccines be given to patients taking Humira?",
    "What malignancies have been reported in children and adolescents treated with TNF blockers?",
    "Is Humira indicated for ulcerative colitis?",
    "What is the Humira dosing regimen for Crohn's disease?",
    "Can Humira be used together with anakinra?",
    "What happens to hepatitis B virus carriers treated with Humira?",
    "What are the most common adverse reactions with Humira?",
    "What is Triaminic cough and cold used for?",
    "When should a parent stop giving Triaminic and ask a doctor?",
    "What is the price of a month's supply of Humira?",
    "Does Triaminic interact with a ketogenic diet?",
    "Which sales representative covers the Lipitor account in Ohio?",
]
GENERATIVE_QUESTIONS = [LABEL_QUESTIONS[i] for i in (1, 17, 2, 18, 26, 15, 6, 4)]


# -- small helpers ------------------------------------------------------------------------------------
def stats_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean of durations given in seconds, in milliseconds."""
    a = np.asarray(seconds, dtype=np.float64) * 1000
    if a.size == 0:
        return {"p50": float("nan"), "p95": float("nan"), "mean": float("nan"), "n": 0}
    return {"p50": round(float(np.percentile(a, 50)), 2), "p95": round(float(np.percentile(a, 95)), 2),
            "mean": round(float(a.mean()), 2), "n": int(a.size)}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb() -> float:
    """Current resident memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def load_avg() -> list[float]:
    """1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def uptime() -> str:
    """The `uptime` line (load averages included)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "load average: " + ", ".join(map(str, load_avg()))


def ratio(value: float, base: float) -> str:
    """'3.2x' style ratio of value to baseline."""
    if not base or base != base or value != value:
        return ""
    return f"{value / base:.2f}x"


def progress(iterable: Any, desc: str, total: int | None = None, quiet: bool = False) -> Any:
    """A tqdm bar on stderr (plain iteration when quiet)."""
    if quiet:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total, unit="it", leave=False, dynamic_ncols=True)


class Table:
    """Rows of figures printed at the end: phase, measure, value, baseline, ratio, target."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(self, phase: str, measure: str, value: str, baseline: str = "", rat: str = "",
            target: str = "") -> None:
        self.rows.append((phase, measure, value, baseline, rat, target))

    def render(self) -> str:
        head = ("phase", "measure", "value", "baseline (same run)", "ratio", "target")
        rows = [head] + self.rows
        width = [max(len(r[i]) for r in rows) for i in range(len(head))]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, width)).rstrip()  # noqa: E731
        return "\n".join([line(head), "  ".join("-" * w for w in width)] + [line(r) for r in self.rows])


class Profile:
    """Exclusive time per wrapped call (a nested wrapped call is not counted twice)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[float] = []
        self._undo: list[Callable[[], None]] = []

    def wrap(self, obj: Any, name: str, key: str) -> None:
        fn = getattr(obj, name)
        had_own = name in vars(obj)

        def timed(*a: Any, **kw: Any) -> Any:
            self._stack.append(0.0)
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                elapsed = time.perf_counter() - t0
                inner = self._stack.pop()
                self.seconds[key] += elapsed - inner
                self.calls[key] += 1
                if self._stack:
                    self._stack[-1] += elapsed

        setattr(obj, name, timed)
        self._undo.append((lambda: setattr(obj, name, fn)) if had_own else (lambda: delattr(obj, name)))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()

    def per_call_ms(self, queries: int) -> dict[str, float]:
        ordered = sorted(self.seconds.items(), key=lambda kv: -kv[1])
        return {k: round(v * 1000 / queries, 2) for k, v in ordered}


def make_services(data_dir: Path, cache_dir: Path, model: str = "qwen2.5-1.5b", provider: str = "llama",
                  n_threads: int | None = None) -> Any:
    """Services on a private data dir (never the user's library or a Chroma server); real model cache."""
    from coach.services import Services
    from coach.settings import AppSettings, LLMSettings, Settings

    llm = LLMSettings(provider=provider, model=model, n_threads=n_threads)  # type: ignore[arg-type]
    base = Settings(data_dir=data_dir, cache_dir=cache_dir, llm=llm)
    settings = base.model_copy(update={
        "retrieval": base.retrieval.model_copy(update={"chroma_path": None, "chroma_url": None}),
        "app": AppSettings(database_url=None)})
    return Services(settings)


# -- corpus material ---------------------------------------------------------------------------------
def publication_texts() -> list[tuple[str, str]]:
    """(PubMed id, body text without Markdown headings) of every demo publication."""
    out = []
    for p in sorted(PUBLICATIONS.glob("*.md")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines()]
        body = "\n".join(ln for ln in lines if ln and not ln.startswith("#"))
        out.append((p.stem, body))
    return out


def make_pdfs(folder: Path, n_pdfs: int, per_pdf: int) -> list[Path]:
    """Multi-page PDFs of demo publication text (one abstract a page, long ones run over) plus a manifest."""
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    pubs = publication_texts()
    paths = []
    for i in range(n_pdfs):
        pdf = FPDF()
        pdf.set_font("helvetica", size=11)
        pdf.set_title(f"Publication digest {i + 1}")
        for pmid, body in pubs[i * per_pdf : (i + 1) * per_pdf]:
            pdf.add_page()
            text = f"PubMed {pmid}\n{body}".encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 6, text)
        path = folder / f"digest-{i + 1:02d}.pdf"
        pdf.output(str(path))
        paths.append(path)
    (folder / "manifest.yaml").write_text(
        "defaults:\n  type: publication\n  therapeutic_area: General\n  approved_date: 2026-01-15\n"
        "  expiry_date: 2028-12-31\n", encoding="utf-8")
    return paths


def sentence_pool(limit: int) -> list[list[str]]:
    """Unique sentences of the demo publications, grouped by abstract, at most ``limit`` in all."""
    from coach.ask.sentences import split_sentences

    seen: set[str] = set()
    docs: list[list[str]] = []
    total = 0
    for _, body in publication_texts():
        sents = []
        for s in split_sentences(body):
            t = s.text.strip()
            if len(t) >= 30 and t not in seen:
                seen.add(t)
                sents.append(t)
        if sents:
            docs.append(sents)
            total += len(sents)
        if total >= limit:
            break
    return docs


def embed_rows(embeddings: Any, texts: list[str], desc: str, quiet: bool = False,
               batch: int = 256) -> np.ndarray:
    """L2-normalised embeddings of ``texts`` with the bundled model."""
    parts = []
    steps = range(0, len(texts), batch)
    for i in progress(steps, desc, total=len(steps), quiet=quiet):
        parts.append(np.asarray(embeddings.embed_documents(texts[i : i + batch]), dtype=np.float32))
    v = np.concatenate(parts) if parts else np.zeros((0, 384), dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def synthesize(docs: list[list[str]], vecs: np.ndarray, n: int, seed: int = 0, noise: float = 0.01,
               quiet: bool = False) -> tuple[list[str], np.ndarray, list[int]]:
    """``n`` passages of five sentences (three consecutive ones of one abstract, two from anywhere) with
    vectors = normalised mean of the sentence vectors plus a small perturbation. Returns the texts,
    the vectors and each passage's source abstract."""
    rng = np.random.default_rng(seed)
    offsets = np.cumsum([0] + [len(d) for d in docs])
    total = int(offsets[-1])
    texts: list[str] = []
    out = np.empty((n, vecs.shape[1]), dtype=np.float32)
    origin: list[int] = []
    flat = [s for d in docs for s in d]
    block = 5000
    steps = range(0, n, block)
    for b0 in progress(steps, "synthesizing passages", total=len(steps), quiet=quiet):
        m = min(block, n - b0)
        idx = np.empty((m, 5), dtype=np.int64)
        d = rng.integers(0, len(docs), size=m)
        for r in range(m):
            lo, hi = offsets[d[r]], offsets[d[r] + 1]
            start = lo + (rng.integers(0, max(1, hi - lo - 2)) if hi - lo > 3 else 0)
            run = [min(start + j, hi - 1) for j in range(3)]
            idx[r, :3] = run
            idx[r, 3:] = rng.integers(0, total, size=2)
            texts.append(" ".join(dict.fromkeys(flat[i] for i in idx[r])))
            origin.append(int(d[r]))
        v = vecs[idx].mean(axis=1) + rng.normal(0.0, noise, size=(m, vecs.shape[1])).astype(np.float32)
        out[b0 : b0 + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return texts, out, origin


def synthetic_metadata(n: int, texts: list[str], per_doc: int = 8) -> tuple[list[str], list[dict[str, Any]]]:
    """Ids and store metadata (approved, unexpired, like ingested publication pages)."""
    from corpus.models import NO_EXPIRY
    from retrieval.store import date_int

    ids, metas = [], []
    expires = date_int(NO_EXPIRY)
    for j in range(n):
        doc = f"syn-{j // per_doc:05d}"
        sha = hashlib.sha256(doc.encode()).hexdigest()[:12]
        ids.append(f"{doc}::{sha}::{j % per_doc}")
        metas.append({"doc_id": doc, "version": "1", "sha": sha,
                      "title": f"Synthetic publication {j // per_doc}", "type": "publication", "product": "",
                      "therapeutic_area": "General", "status": "approved",
                      "expires": expires, "kind": "page", "page": j % per_doc + 1, "section_number": "",
                      "section_title": "", "section_code": "", "start": 0, "end": len(texts[j]),
                      "index": j % per_doc})
    return ids, metas


def brute_force(matrix: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k rows by cosine (rows and query are normalised)."""
    scores = matrix @ q
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top])]


def read_questions(limit: int, skip: int = 0) -> list[str]:
    rows = [json.loads(ln) for ln in QUESTIONS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [r["question"] for r in rows[skip : skip + limit]]


def label_questions(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Questions for the extractive Ask and the generative Ask: the built-in ones, or ``--label-questions``
    (JSONL with "question" and optional "answerable"), spread evenly over the file."""
    if args.label_questions is None:
        return LABEL_QUESTIONS, GENERATIVE_QUESTIONS
    lines = args.label_questions.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(ln) for ln in lines if ln.strip()]

    def spread(items: list[dict[str, Any]], n: int) -> list[str]:
        picks = np.linspace(0, len(items) - 1, num=min(n, len(items))).round().astype(int) if items else []
        return [items[i]["question"] for i in dict.fromkeys(int(i) for i in picks)]

    answerable = [r for r in rows if r.get("answerable", True)]
    return spread(rows, args.ask_questions), spread(answerable, args.gen_questions)


# -- phases ------------------------------------------------------------------------------------------
def bench_ingest(tmp: Path, cache_dir: Path, args: argparse.Namespace,
                 table: Table) -> tuple[dict[str, Any], Any]:
    """Ingest the labels and generated PDFs; returns figures and the labels' Services (for Ask)."""
    from corpus.readers import read_file

    out: dict[str, Any] = {}
    labels = make_services(tmp / "labels-lib", cache_dir, args.model, n_threads=args.llm_threads)
    t0 = time.perf_counter()
    emb = labels.store.embeddings
    emb.embed_documents(["warm up the embedding model"])
    labels.chunker.chunk("warm", "1", [])
    out["embedding_model_load_s"] = round(time.perf_counter() - t0, 2)

    pdf_dir = tmp / "pdfs"
    t0 = time.perf_counter()
    pdf_paths = make_pdfs(pdf_dir, args.pdfs, args.pdf_abstracts)
    out["pdf_generation_s"] = round(time.perf_counter() - t0, 2)
    pdf_lib = make_services(tmp / "pdf-lib", cache_dir, args.model)

    for name, services, path in (("labels", labels, args.labels), ("pdfs", pdf_lib, pdf_dir)):
        print(f"  ingesting {name}…", file=sys.stderr, flush=True)
        hook, sentence_s = services.ingestor.on_chunks, [0.0]

        def timed_hook(chunks: list[Any], meta: Any, hook: Any = hook, spent: list[float] = sentence_s) -> None:
            t = time.perf_counter()
            hook(chunks, meta)
            spent[0] += time.perf_counter() - t

        services.ingestor.on_chunks = timed_hook
        report = services.ingestor.ingest(path, progress=not args.quiet)
        services.ingestor.on_chunks = hook
        bad = [f for f in report.files if f.outcome == "failed"]
        if bad:
            raise SystemExit(f"ingest of {name} failed: {[(f.path, f.reason) for f in bad]}")
        files = [Path(f.path) for f in report.files if f.outcome == "ingested"]
        # Baselines on the same files: reading + chunking alone, then embedding the same chunks alone.
        t0 = time.perf_counter()
        chunks = []
        for f in files:
            read = read_file(f)
            chunks += services.chunker.chunk(f.stem, "1", read.units)
        read_chunk_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        emb.embed_documents([c.text for c in chunks])
        embed_s = time.perf_counter() - t0
        fig = {"files": len(files), "units": report.units, "chunks": report.chunks,
               "seconds": round(report.seconds, 2),
               "units_per_s": round(report.units / report.seconds, 1),
               "chunks_per_s": round(report.chunks / report.seconds, 1),
               "read_chunk_only_s": round(read_chunk_s, 2), "embed_only_s": round(embed_s, 2),
               "embed_only_chunks_per_s": round(len(chunks) / embed_s, 1),
               "sentence_vectors_s": round(sentence_s[0], 2),
               "store_and_registry_s": round(report.seconds - read_chunk_s - embed_s - sentence_s[0], 2)}
        out[name] = fig
        unit = "sections" if name == "labels" else "pages"
        table.add("ingest", f"{name}: {fig['files']} files, {fig['units']} {unit}, {fig['chunks']} chunks",
                  f"{fig['seconds']:.2f} s")
        table.add("ingest", f"{name}: {unit}/s", f"{fig['units_per_s']:.1f}")
        table.add("ingest", f"{name}: chunks/s", f"{fig['chunks_per_s']:.1f}",
                  f"embed only {fig['embed_only_chunks_per_s']:.1f}/s",
                  ratio(fig["chunks_per_s"], fig["embed_only_chunks_per_s"]))
        rest = fig["store_and_registry_s"]
        table.add("ingest", f"{name}: time split (parts timed separately)",
                  f"read+chunk {read_chunk_s:.2f} s, embed {embed_s:.2f} s, "
                  f"answer sentences embedded and stored {sentence_s[0]:.2f} s, "
                  "rest (store, registry) " + (f"{rest:.2f} s" if rest >= 0 else "~0 s (within timing noise)"))
    out["pdf_files"] = [p.name for p in pdf_paths]
    return out, labels


def bench_retrieval_size(n: int, docs: list[list[str]], sent_vecs: np.ndarray, queries: list[str],
                         warm: list[str], tmp: Path, cache_dir: Path, args: argparse.Namespace,
                         table: Table) -> dict[str, Any]:
    """Latency of every mode at ``n`` chunks, the baselines and a breakdown of hybrid."""
    import retrieval.bm25 as bm25_mod
    from retrieval.retriever import MODES
    from retrieval.store import active_filter

    out: dict[str, Any] = {"chunks": n}
    texts, vecs, _ = synthesize(docs, sent_vecs, n, seed=n, quiet=args.quiet)
    ids, metas = synthetic_metadata(n, texts)
    s = make_services(tmp / f"retrieval-{n}", cache_dir, args.model)
    store = s.store
    t0 = time.perf_counter()
    block = 5000
    for i in progress(range(0, n, block), f"adding {n} chunks to Chroma", total=(n + block - 1) // block,
                      quiet=args.quiet):
        store.add_embedded(ids[i : i + block], texts[i : i + block], vecs[i : i + block].tolist(),
                           metas[i : i + block])
    out["chroma_add_s"] = round(time.perf_counter() - t0, 2)
    assert store.count() == n, (store.count(), n)
    retriever = s.retriever
    t0 = time.perf_counter()
    index = retriever.bm25_index()
    out["bm25_build_s"] = round(time.perf_counter() - t0, 2)
    assert len(index) == n
    del texts, metas

    k = retriever.settings.k
    where = active_filter()
    for q in warm:  # model, Chroma segments and BM25 caches warm; nothing timed
        for mode in MODES:
            retriever.search(q, mode=mode)
    # Timed loop: modes interleaved per query (rotating order) so load swings hit them alike.
    times: dict[str, list[float]] = defaultdict(list)
    recall: list[float] = []
    for qi, q in enumerate(progress(queries, f"queries at {n}", quiet=args.quiet)):
        order = MODES[qi % 3 :] + MODES[: qi % 3]
        for mode in order:
            t0 = time.perf_counter()
            retriever.search(q, mode=mode)
            times[mode].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        qv = retriever.embed_query(q)
        times["embed_query"].append(time.perf_counter() - t0)
        qa = np.asarray(qv, dtype=np.float32)
        t0 = time.perf_counter()
        exact = brute_force(vecs, qa, k)
        times["numpy_bruteforce"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        got = store.dense(qv, k, where)
        times["chroma_dense_vector_given"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        index.search(q, max(retriever.settings.candidates, k))
        times["bm25_scoring_only"].append(time.perf_counter() - t0)
        want = {ids[i] for i in exact}
        recall.append(len(want & {p.chunk_id for p in got}) / k)
    lat = {m: stats_ms(v) for m, v in times.items()}
    out["latency_ms"] = lat
    out["ann_recall_at_k"] = round(float(np.mean(recall)), 3)
    out["k"] = k

    # Where hybrid's time goes: the same searches with each step timed (exclusive times, ms per query).
    prof = Profile()
    prof.wrap(retriever, "embed_query", "embed query (MiniLM)")
    prof.wrap(retriever, "bm25_index", "bm25_index() lookup")
    prof.wrap(store, "count", "store.count() (Chroma)")
    prof.wrap(store, "dense", "Chroma dense query (filtered) + Passage build")
    prof.wrap(store, "fetch", "Chroma get by ids (fetch) + filter")
    prof.wrap(index, "search", "BM25 top-k (scores, argpartition)")
    prof.wrap(bm25_mod, "tokenize", "BM25 query tokenize + stem")
    prof.wrap(index.model, "get_scores", "BM25 get_scores (bm25s)")
    sub = queries[: min(len(queries), 50)]
    t0 = time.perf_counter()
    for q in sub:
        retriever.search(q, mode="hybrid")
    total = time.perf_counter() - t0
    prof.restore()
    breakdown = prof.per_call_ms(len(sub))
    breakdown["fusion, Passage objects, rest"] = round(total * 1000 / len(sub) - sum(breakdown.values()), 2)
    out["hybrid_breakdown_ms"] = {"total": round(total * 1000 / len(sub), 2), **breakdown}
    out["hybrid_breakdown_calls_per_query"] = {k2: round(v / len(sub), 2) for k2, v in prof.calls.items()}

    # Diagnostics for the dense side: the Chroma query without the status/expiry filter, and count().
    diag: dict[str, list[float]] = defaultdict(list)
    for q in sub:
        qv = retriever.embed_query(q)
        t0 = time.perf_counter()
        store.collection.query(query_embeddings=[qv], n_results=retriever.settings.candidates,
                               include=["documents", "metadatas", "distances"])
        diag["chroma_query_unfiltered_40"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.collection.query(query_embeddings=[qv], n_results=retriever.settings.candidates, where=where,
                               include=["documents", "metadatas", "distances"])
        diag["chroma_query_filtered_40"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.collection.query(query_embeddings=[qv], n_results=retriever.settings.candidates, where=where,
                               include=["distances"])
        diag["chroma_query_filtered_40_ids_only"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.count()
        diag["chroma_count"].append(time.perf_counter() - t0)
    out["dense_diagnostics_ms"] = {kk: stats_ms(v) for kk, v in diag.items()}

    tag = f"{n // 1000}k" if n >= 1000 else str(n)
    lat_s = lambda m: f"p50 {lat[m]['p50']:.1f} / p95 {lat[m]['p95']:.1f} ms"  # noqa: E731
    table.add(f"retrieval {tag}", "build: Chroma add / BM25 index", f"{out['chroma_add_s']:.1f} s / "
              f"{out['bm25_build_s']:.1f} s")
    table.add(f"retrieval {tag}", "query embedding (MiniLM)", lat_s("embed_query"))
    table.add(f"retrieval {tag}", "dense search, vector given (Chroma HNSW)",
              lat_s("chroma_dense_vector_given"),
              "numpy brute force " + f"{lat['numpy_bruteforce']['p50']:.2f} ms",
              ratio(lat["chroma_dense_vector_given"]["p50"], lat["numpy_bruteforce"]["p50"]),
              f"recall@{k} vs exact {out['ann_recall_at_k']:.2f}")
    table.add(f"retrieval {tag}", "bm25 (Retriever.search)", lat_s("bm25"))
    table.add(f"retrieval {tag}", "dense (Retriever.search, incl. query embedding)", lat_s("dense"),
              f"embed + numpy {lat['embed_query']['p50'] + lat['numpy_bruteforce']['p50']:.1f} ms",
              ratio(lat["dense"]["p50"], lat["embed_query"]["p50"] + lat["numpy_bruteforce"]["p50"]))
    table.add(f"retrieval {tag}", "hybrid (Retriever.search, incl. query embedding)", lat_s("hybrid"),
              f"bm25 only {lat['bm25']['p50']:.1f} ms", ratio(lat["hybrid"]["p50"], lat["bm25"]["p50"]),
              "p50 <= 50 ms" + (" (50k)" if n >= 50000 else ""))
    shutil.rmtree(tmp / f"retrieval-{n}", ignore_errors=True)
    return out


def embed_threads(embeddings: Any, queries: list[str], table: Table) -> dict[str, Any]:
    """Query embedding with torch's default thread count against one thread, interleaved (a diagnostic:
    on a busy machine, two spinning threads can be far slower than one)."""
    import torch

    default = torch.get_num_threads()
    times: dict[str, list[float]] = defaultdict(list)
    try:
        for q in queries:
            for n in dict.fromkeys((default, 1)):
                torch.set_num_threads(n)
                t0 = time.perf_counter()
                embeddings.embed_query(q)
                times[f"{n}_threads"].append(time.perf_counter() - t0)
    finally:
        torch.set_num_threads(default)
    out = {k: stats_ms(v) for k, v in times.items()}
    d, one = out[f"{default}_threads"], out["1_threads"]
    table.add("retrieval", f"query embedding, torch {default} threads (default)", f"p50 {d['p50']:.1f} / "
              f"p95 {d['p95']:.1f} ms", f"1 thread {one['p50']:.1f} ms", ratio(d["p50"], one["p50"]),
              f"load then {load_avg()[0]:.2f}")
    return out


def bench_retrieval(tmp: Path, cache_dir: Path, args: argparse.Namespace, table: Table,
                    embeddings: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    docs = sentence_pool(args.sentences)
    flat = [s for d in docs for s in d]
    t0 = time.perf_counter()
    sent_vecs = embed_rows(embeddings, flat, f"embedding {len(flat)} sentences", quiet=args.quiet)
    out["sentences"] = len(flat)
    out["abstracts"] = len(docs)
    out["sentence_embedding_s"] = round(time.perf_counter() - t0, 2)
    out["sentence_embedding_per_s"] = round(len(flat) / out["sentence_embedding_s"], 1)
    queries = read_questions(args.queries)
    warm = read_questions(5, skip=args.queries)
    out["queries"] = len(queries)
    out["query_embedding_threads_ms"] = embed_threads(embeddings, queries[:40], table)
    for n in args.sizes:
        print(f"  retrieval at {n} chunks…", file=sys.stderr, flush=True)
        out[str(n)] = bench_retrieval_size(n, docs, sent_vecs, queries, warm, tmp, cache_dir, args, table)
        out[str(n)]["load_after"] = load_avg()
        out[str(n)]["peak_rss_mb"] = peak_rss_mb()
    return out


def bench_extractive(labels: Any, args: argparse.Namespace, table: Table) -> dict[str, Any]:
    """Extractive Ask end to end on the labels index; baselines: the same hybrid search alone, and the
    Ask computing its sentences' vectors instead of reading them."""
    from coach.ask.answer import Composer

    svc = labels.ask_service(need_model=False)
    questions = label_questions(args)[0][: args.ask_questions]
    for q in ("How should Lipitor be stored?", "What is the Humira dose for plaque psoriasis?"):
        svc.ask(q, mode="extractive")  # warm: compliance regexes, indications cache, BM25 index
    ask_t, search_t, unstored_t, refused, cited = [], [], [], 0, 0
    composer = svc.composer
    for n, q in enumerate(progress(questions, "extractive Ask", quiet=args.quiet)):
        # Every question is a first-time one: nothing of earlier questions is kept in memory. Baseline: the
        # same Ask when the sentences' vectors are not stored and must be computed (before ingest stored them).
        # The two alternate which goes first, so neither always finds the other's warm caches.
        for stored in ((None, composer.stored) if n % 2 else (composer.stored, None)):
            svc.composer = Composer(composer.embeddings, composer.settings, stored)
            t0 = time.perf_counter()
            a = svc.ask(q, mode="extractive")
            (ask_t if stored is not None else unstored_t).append(time.perf_counter() - t0)
        refused += a.refused
        cited += bool(a.citations)
        products = svc.mentioned_products(q)
        filters = {"product": products[0]} if len(products) == 1 else {}
        t0 = time.perf_counter()
        labels.retriever.search(q, k=labels.settings.ask.passages * 2, filters=filters)
        search_t.append(time.perf_counter() - t0)
    svc.composer = composer
    out = {"questions": len(questions), "latency_ms": stats_ms(ask_t), "search_ms": stats_ms(search_t),
           "unstored_sentences_ms": stats_ms(unstored_t), "refused": refused, "answered_with_citations": cited}
    lat, base, unstored = out["latency_ms"], out["search_ms"], out["unstored_sentences_ms"]
    table.add("extractive Ask", f"end to end, {len(questions)} first-time label questions ({refused} refused)",
              f"p50 {lat['p50']:.1f} / p95 {lat['p95']:.1f} ms", f"hybrid search {base['p50']:.1f} ms",
              ratio(lat["p50"], base["p50"]), "p50 <= 300 ms")
    table.add("extractive Ask", "same questions, sentence vectors computed per question (not stored)",
              f"p50 {unstored['p50']:.1f} / p95 {unstored['p95']:.1f} ms", f"stored {lat['p50']:.1f} ms",
              ratio(unstored["p50"], lat["p50"]))
    return out


def bench_generative(labels: Any, args: argparse.Namespace, table: Table) -> dict[str, Any]:
    """Generative Ask with the local model: first token (cold prompt cache first) and tokens/s."""
    import coach.ask.service as service_mod
    from coach.ask.answer import build_prompt

    t0 = time.perf_counter()
    model = labels.chat_model
    load_s = time.perf_counter() - t0
    svc = labels.ask_service(need_model=True)
    client = getattr(model, "client", None)
    prompt_tokens: list[int] = []
    real_generate = service_mod.generate

    def counting_generate(chat: Any, question: str, numbered: list[Any]) -> Any:
        msgs = build_prompt(question, numbered)
        if client is not None:
            text = "\n".join(str(m.content) for m in msgs)
            prompt_tokens.append(len(client.tokenize(text.encode("utf-8"), add_bos=False)))
        return real_generate(chat, question, numbered)

    service_mod.generate = counting_generate
    rows = []
    try:
        for q in progress(label_questions(args)[1][: args.gen_questions], "generative Ask", quiet=args.quiet):
            before = len(prompt_tokens)
            t0 = time.perf_counter()
            sources_at = first = last = None
            pieces = 0
            answer = None
            for ev in svc.stream(q, mode="generative"):
                now = time.perf_counter() - t0
                if ev.kind == "sources":
                    sources_at = now
                elif ev.kind == "token":
                    pieces += 1
                    first = now if first is None else first
                    last = now
                elif ev.kind == "answer":
                    answer = ev.answer
            total = time.perf_counter() - t0
            gen_s = (last - first) if first is not None and last is not None else 0.0
            rows.append({
                "question": q, "sources_shown_s": round(sources_at or 0.0, 3),
                "first_token_s": round(first, 2) if first is not None else None,
                "answer_first_token_seconds": round(answer.first_token_seconds, 2)
                if answer and answer.first_token_seconds else None,
                "tokens": pieces, "generation_s": round(gen_s, 2),
                "tokens_per_s": round((pieces - 1) / gen_s, 1) if pieces > 1 and gen_s > 0 else None,
                "total_s": round(total, 2),
                "prompt_tokens": prompt_tokens[before] if len(prompt_tokens) > before else None,
                "refused": bool(answer and answer.refused), "final_mode": answer.mode if answer else None,
                "cited_sentences": len(answer.sentences) if answer else 0,
                "removed_sentences": len(answer.removed) if answer else 0})
            print(f"    first token {rows[-1]['first_token_s']} s, {pieces} tokens, "
                  f"{rows[-1]['tokens_per_s']} tok/s, prompt {rows[-1]['prompt_tokens']} tokens: {q}",
                  file=sys.stderr, flush=True)
    finally:
        service_mod.generate = real_generate
    # Refused questions never reach the model: the first question that does is the cold-cache one.
    gen = [r for r in rows if r["first_token_s"] is not None]
    firsts = [r["first_token_s"] for r in gen]
    rates = [r["tokens_per_s"] for r in gen if r["tokens_per_s"]]
    out: dict[str, Any] = {"model": args.model, "n_threads": args.llm_threads or os.cpu_count(),
                           "model_load_s": round(load_s, 2), "questions": rows, "reached_model": len(gen)}
    table.add("generative Ask", f"{args.model}: model load", f"{load_s:.2f} s")
    if not gen:
        table.add("generative Ask", "no question reached the model (all refused)", "-")
        return out
    cold = gen[0]
    out["first_question_first_token_s"] = cold["first_token_s"]
    out["first_question_prompt_tokens"] = cold["prompt_tokens"]
    out["first_question_sources_shown_s"] = cold["sources_shown_s"]
    if len(gen) > 1:
        out["later_first_token_s_p50"] = round(float(np.median(firsts[1:])), 2)
        out["later_first_token_s_p95"] = round(float(np.percentile(firsts[1:], 95)), 2)
    out["tokens_per_s_p50"] = round(float(np.median(rates)), 1) if rates else None
    out["sources_shown_s_p50"] = round(float(np.median([r["sources_shown_s"] for r in gen])), 3)
    if cold["prompt_tokens"]:
        evaluating = max(cold["first_token_s"] - cold["sources_shown_s"], 1e-6)
        out["first_question_prompt_eval_tokens_per_s"] = round(cold["prompt_tokens"] / evaluating, 1)
    table.add("generative Ask",
              f"first token, first question (cold cache, {cold['prompt_tokens']} prompt tokens)",
              f"{cold['first_token_s']:.2f} s", f"sources shown {cold['sources_shown_s']:.2f} s",
              ratio(cold["first_token_s"], cold["sources_shown_s"]), "<= 10 s")
    if len(gen) > 1:
        table.add("generative Ask", f"first token, next {len(gen) - 1} questions (prefix cache)",
                  f"p50 {out['later_first_token_s_p50']:.2f} / p95 {out['later_first_token_s_p95']:.2f} s",
                  f"cold {cold['first_token_s']:.2f} s",
                  ratio(out["later_first_token_s_p50"], cold["first_token_s"]), "<= 10 s")
    if rates:
        table.add("generative Ask", "generation speed", f"p50 {out['tokens_per_s_p50']:.1f} tokens/s")
    if out.get("first_question_prompt_eval_tokens_per_s"):
        table.add("generative Ask", "prompt evaluation, first question (first token - sources shown)",
                  f"{out['first_question_prompt_eval_tokens_per_s']:.1f} tokens/s")
    kept = sum(1 for r in gen if r["final_mode"] == "generative" and not r["refused"])
    table.add("generative Ask", "answers kept as generated (others: unsupported, quoted instead)",
              f"{kept}/{len(gen)}", "", "", f"{len(rows) - len(gen)} refused before the model")
    return out


# -- main -------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1k chunks only, fewer queries and questions.")
    ap.add_argument("--no-llm", action="store_true", help="Skip the generative Ask phase.")
    ap.add_argument("--json", type=Path, default=ROOT / "bench-results" / "bench.json",
                    help="Where to write JSON.")
    ap.add_argument("--model", default="qwen2.5-1.5b",
                    help="Local chat model (qwen2.5-1.5b, smollm2-135m, .gguf).")
    ap.add_argument("--llm-threads", type=int, default=None, help="llama.cpp threads (default: all cores).")
    ap.add_argument("--sizes", default=None, help="Chunk counts, comma-separated (default 1000,50000).")
    ap.add_argument("--queries", type=int, default=None, help="Retrieval queries (default 100; quick 30).")
    ap.add_argument("--sentences", type=int, default=None, help="Unique sentences embedded (default 4000).")
    ap.add_argument("--ask-questions", type=int, default=None, help="Extractive Ask questions (default 30).")
    ap.add_argument("--gen-questions", type=int, default=None, help="Generative Ask questions (default 5).")
    ap.add_argument("--pdfs", type=int, default=None, help="Generated PDFs (default 8, quick 3).")
    ap.add_argument("--pdf-abstracts", type=int, default=12, help="Abstracts (about pages) per PDF.")
    ap.add_argument("--labels", type=Path, default=LABELS, help="Folder of labels to ingest and ask about.")
    ap.add_argument("--label-questions", type=Path, default=None,
                    help="JSONL of label questions (default: the 30 built in).")
    ap.add_argument("--quiet", action="store_true", help="No progress bars.")
    ap.add_argument("--keep", action="store_true", help="Keep the temporary data folder.")
    args = ap.parse_args(argv)
    q = args.quick
    args.sizes = [int(x) for x in (args.sizes or ("1000" if q else "1000,50000")).split(",") if x.strip()]
    args.queries = args.queries or (30 if q else 100)
    args.sentences = args.sentences or (1500 if q else 4000)
    args.ask_questions = args.ask_questions or (10 if q else len(LABEL_QUESTIONS))
    args.gen_questions = args.gen_questions or (2 if q else 5)
    args.pdfs = args.pdfs or (3 if q else 8)
    return args


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    from coach.settings import Settings

    cache_dir = Settings().cache_dir
    tmp = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    table = Table()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "when": dt.datetime.now().isoformat(timespec="seconds"), "machine": {
            "cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "uptime_start": uptime(), "load_start": load_avg()},
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}, "memory": {}}
    print(f"uptime at start: {results['machine']['uptime_start']}", flush=True)
    try:
        print("[1/4] ingest", file=sys.stderr, flush=True)
        results["ingest"], labels = bench_ingest(tmp, cache_dir, args, table)
        results["memory"]["after_ingest"] = {"peak_rss_mb": peak_rss_mb(), "rss_mb": rss_mb(),
                                             "load": load_avg()}
        print("[2/4] retrieval", file=sys.stderr, flush=True)
        results["retrieval"] = bench_retrieval(tmp, cache_dir, args, table, labels.store.embeddings)
        results["memory"]["after_retrieval"] = {"peak_rss_mb": peak_rss_mb(), "rss_mb": rss_mb(),
                                                "load": load_avg()}
        print("[3/4] extractive Ask", file=sys.stderr, flush=True)
        results["extractive_ask"] = bench_extractive(labels, args, table)
        results["memory"]["after_extractive_ask"] = {"peak_rss_mb": peak_rss_mb(), "rss_mb": rss_mb(),
                                                     "load": load_avg()}
        if not args.no_llm:
            print("[4/4] generative Ask", file=sys.stderr, flush=True)
            from coach.errors import ModelError

            try:
                results["generative_ask"] = bench_generative(labels, args, table)
            except ModelError as exc:  # model not assembled yet: say how, keep the other figures
                print(f"generative Ask skipped: {exc} (run `coach setup --no-demo` first)", flush=True)
                results["generative_ask"] = {"skipped": str(exc)}
                table.add("generative Ask", "skipped: local model unavailable", "-")
            results["memory"]["after_generative_ask"] = {"peak_rss_mb": peak_rss_mb(), "rss_mb": rss_mb(),
                                                         "load": load_avg()}
        else:
            print("[4/4] generative Ask skipped (--no-llm)", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    for phase, m in results["memory"].items():
        table.add("memory", f"peak RSS {phase.replace('_', ' ')}", f"{m['peak_rss_mb']:.0f} MB",
                  f"current {m['rss_mb']:.0f} MB", "", f"load then {m['load'][0]:.2f}")
    results["machine"]["uptime_end"] = uptime()
    results["machine"]["load_end"] = load_avg()
    results["seconds"] = round(time.perf_counter() - started, 1)
    print()
    machine = results["machine"]
    print(f"Exchange Coach benchmark — {machine['cores']} cores, Python {machine['python']}, "
          f"{results['seconds']:.0f} s in all")
    print(table.render())
    print(f"uptime at start: {results['machine']['uptime_start']}")
    print(f"uptime at end:   {results['machine']['uptime_end']}")
    for n in args.sizes:
        r = results["retrieval"][str(n)]
        parts = ", ".join(f"{k} {v:.1f}" for k, v in r["hybrid_breakdown_ms"].items() if k != "total")
        print(f"hybrid at {n} chunks, ms per query ({r['hybrid_breakdown_ms']['total']:.1f} in all): {parts}")
        d = r["dense_diagnostics_ms"]
        print(f"  Chroma query of {40} (p50 ms): unfiltered {d['chroma_query_unfiltered_40']['p50']:.1f}, "
              f"status/expiry filter {d['chroma_query_filtered_40']['p50']:.1f}, "
              "same without documents/metadatas "
              f"{d['chroma_query_filtered_40_ids_only']['p50']:.1f}; count() {d['chroma_count']['p50']:.2f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(f"JSON: {args.json}")
    return results


if __name__ == "__main__":
    main()
