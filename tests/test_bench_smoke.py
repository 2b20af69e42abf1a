"""The benchmark script: its helpers (fast) and one tiny end-to-end run (slow)."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("coach_bench_script", ROOT / "scripts" / "bench.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_stats_and_ratio() -> None:
    b = _bench()
    s = b.stats_ms([0.010] * 19 + [0.100])
    assert s["p50"] == 10.0 and s["n"] == 20 and s["p95"] > 10.0
    assert b.ratio(30.0, 10.0) == "3.00x"
    assert b.ratio(1.0, 0.0) == ""


def test_synthetic_passages_are_normalised_and_exact_search_finds_them() -> None:
    b = _bench()
    rng = np.random.default_rng(1)
    docs = [[f"Sentence {d}-{i} about topic {d} with enough words." for i in range(6)] for d in range(5)]
    vecs = rng.normal(size=(30, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    texts, out, origin = b.synthesize(docs, vecs, 40, quiet=True)
    assert len(texts) == 40 and out.shape == (40, 384) and len(origin) == 40
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert all(f"topic {origin[i]}" in texts[i] for i in range(40))
    assert b.brute_force(out, out[7], 3)[0] == 7
    ids, metas = b.synthetic_metadata(40, texts)
    assert len(set(ids)) == 40
    assert metas[0]["status"] == "approved" and metas[0]["expires"] == 99991231 and len(metas[0]["sha"]) == 12


def test_profile_counts_nested_calls_once() -> None:
    b = _bench()

    class Work:
        def inner(self) -> None:
            time.sleep(0.02)

        def outer(self) -> None:
            time.sleep(0.01)
            self.inner()

    w = Work()
    prof = b.Profile()
    prof.wrap(w, "inner", "inner")
    prof.wrap(w, "outer", "outer")
    w.outer()
    prof.restore()
    assert "inner" not in vars(w) and "outer" not in vars(w)
    assert 0.015 < prof.seconds["inner"] < 0.2
    assert 0.005 < prof.seconds["outer"] < 0.018  # its own time only


def test_quick_flags() -> None:
    b = _bench()
    a = b.parse_args(["--quick", "--no-llm"])
    assert a.sizes == [1000] and a.queries == 30 and a.no_llm
    assert b.parse_args([]).sizes == [1000, 50000]


@pytest.mark.slow
def test_tiny_run_writes_every_phase(tmp_path: Path) -> None:
    b = _bench()
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "cough.xml").write_bytes((b.LABELS / "cough.xml").read_bytes())  # the smallest label
    (labels / "manifest.yaml").write_bytes((b.LABELS / "manifest.yaml").read_bytes())
    out = tmp_path / "bench.json"
    res = b.main(["--no-llm", "--quiet", "--labels", str(labels), "--sizes", "300", "--queries", "5",
                  "--sentences", "200", "--ask-questions", "3", "--pdfs", "1", "--pdf-abstracts", "3",
                  "--json", str(out)])
    saved = json.loads(out.read_text())
    assert saved["ingest"]["labels"]["chunks"] > 0 and saved["ingest"]["pdfs"]["units"] >= 3
    lat = saved["retrieval"]["300"]["latency_ms"]
    assert {"bm25", "dense", "hybrid", "numpy_bruteforce"} <= set(lat)
    assert saved["extractive_ask"]["questions"] == 3
    assert "generative_ask" not in res and saved["memory"]["after_extractive_ask"]["peak_rss_mb"] > 0
