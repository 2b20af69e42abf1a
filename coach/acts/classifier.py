"""A small trained classifier per dialogue-act field, on the bundled sentence embeddings plus cue features.

Trained on the labelled utterances shipped in ``evals/data/acts.jsonl`` (its "train" split only), in a
few seconds, and cached on disk keyed by the data's hash.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from coach.acts.cues import CUE_NAMES, cue_features

Embed = Callable[[Sequence[str]], np.ndarray]
FIELDS = ("question_type", "follow_up", "evidence", "checks_view_change", "reflection", "promotional")
TRAINING_DATA = Path(__file__).resolve().parents[2] / "evals" / "data" / "acts.jsonl"
VERSION = "20"  # bump when features or training data change so cached models are rebuilt


# What a view-change check means, in plain words: similarity to these generalises past the phrasings
# of the training data (they describe the act; they are not training lines).
VIEW_CHECK_PROTOTYPES = (
    "Has this discussion changed your view?",
    "Where do you stand now, after seeing the data?",
    "Would this change what you do for your next patient?",
    "How has your thinking shifted since we started talking?",
    "Compared with before our conversation, how confident are you now?",
    "Are you now more likely to use it than you were before?",
    "Does the evidence we went through move you at all?",
    "Is your position the same as when we started, or different?",
)


# …and what it is not: first-time opinions, the patient's or the label's changes, barriers, offers.
NOT_VIEW_CHECK_PROTOTYPES = (
    "What is your view on this treatment?",
    "How has the patient's condition changed since starting the drug?",
    "Has the label or the guideline changed recently?",
    "How has your practice changed over the years?",
    "What would it take for you to use it?",
    "Any questions about the data?",
    "Would you like me to send you the paper?",
)


def featurize(embed: Embed, texts: Sequence[str], contexts: Sequence[str]) -> np.ndarray:
    """Rows of [text embedding, similarity to the HCP's previous turn, cue features, prototype similarity]."""
    has_ctx = [i for i, c in enumerate(contexts) if c.strip()]
    both = embed(list(texts) + [contexts[i] for i in has_ctx])  # one batch: texts, then the non-empty contexts
    vt, vc = both[: len(texts)], both[len(texts) :]
    sim = np.zeros((len(texts), 1), dtype=np.float32)
    if has_ctx:
        sim[has_ctx, 0] = np.sum(vt[has_ctx] * vc, axis=1)
    cues = np.stack([cue_features(t, c) for t, c in zip(texts, contexts)])
    protos = embed(list(VIEW_CHECK_PROTOTYPES) + list(NOT_VIEW_CHECK_PROTOTYPES))
    yes = (vt @ protos[: len(VIEW_CHECK_PROTOTYPES)].T).max(axis=1, keepdims=True)
    no = (vt @ protos[len(VIEW_CHECK_PROTOTYPES) :].T).max(axis=1, keepdims=True)
    return np.hstack([vt, sim, cues, yes, no, yes - no]).astype(np.float32)


# How much the surface cues weigh against the embedding, per field (chosen by 5-fold CV on the train split).
CUE_WEIGHT = {"checks_view_change": 4.0, "reflection": 4.0}
DEFAULT_CUE_WEIGHT = 2.0
EMBED_DIM = 384
# Fields whose positive needs this probability when none of the named cues fires (5-fold CV on the train split).
NO_CUE_THRESHOLD = {"checks_view_change": (("view_check", "view_anchor", "data_then_now"), 0.8)}
# Inverse regularisation strength per field (5-fold CV on the train split).
C_VALUE: dict[str, float] = {}
DEFAULT_C = 2.0


def weighted(x: np.ndarray, f: str) -> np.ndarray:
    """Features with the cue columns scaled for field ``f``."""
    out = x.copy()
    out[:, EMBED_DIM + 1 :] *= CUE_WEIGHT.get(f, DEFAULT_CUE_WEIGHT)
    return out


@dataclass
class ActModel:
    """One logistic regression per field."""

    models: dict[str, Any] = field(default_factory=dict)
    data_hash: str = ""

    def predict(self, x: np.ndarray) -> dict[str, list[Any]]:
        """Predicted value per field for each row.

        A view check that none of the surface cues recognise needs a confident classifier (embedding
        neighbours alone mistake questions about the HCP's patients for view checks).
        """
        out: dict[str, list[Any]] = {}
        for f, m in self.models.items():
            xf = weighted(x, f)
            if f in NO_CUE_THRESHOLD and "True" in m.classes_:
                p = m.predict_proba(xf)[:, list(m.classes_).index("True")]
                cue = np.zeros(len(x), dtype=bool)
                for name in NO_CUE_THRESHOLD[f][0]:
                    cue |= x[:, EMBED_DIM + 1 + CUE_NAMES.index(name)] > 0
                thr = np.where(cue, 0.5, NO_CUE_THRESHOLD[f][1])
                out[f] = ["True" if pi >= t else "False" for pi, t in zip(p, thr)]
            else:
                out[f] = list(m.predict(xf))
        return out


def load_examples(path: Path, split: str | None = "train") -> list[dict[str, Any]]:
    """Labelled utterances (one split, or all with split=None)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r.get("split", "train") == split]


def train(embed: Embed, examples: list[dict[str, Any]]) -> ActModel:
    """Fit one classifier per field on the examples that carry that field."""
    x = featurize(embed, [e["text"] for e in examples], [e.get("context", "") or "" for e in examples])
    model = ActModel()
    for f in FIELDS:
        idx = [i for i, e in enumerate(examples) if f in e]
        y = [str(examples[i][f]) for i in idx]
        if len(set(y)) < 2:
            continue
        clf = LogisticRegression(C=C_VALUE.get(f, DEFAULT_C), max_iter=2000, class_weight="balanced")
        clf.fit(weighted(x[idx], f), y)
        model.models[f] = clf
    return model


def load_or_train(embed: Embed, cache_dir: Path, data: Path = TRAINING_DATA) -> ActModel | None:
    """The cached model for this data, trained now if missing (None when there is no data)."""
    if not data.exists():
        return None
    digest = hashlib.sha256(data.read_bytes() + VERSION.encode()).hexdigest()[:16]
    path = cache_dir / "acts" / f"acts-model-{digest}.pkl"
    if path.exists():
        with open(path, "rb") as f:
            return pickle.load(f)
    model = train(embed, load_examples(data, "train"))
    model.data_hash = digest
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(model, f)
    tmp.replace(path)
    return model
