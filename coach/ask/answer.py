"""Cited answers built only from retrieved, approved passages.

Extractive mode quotes approved sentences verbatim. Generative mode lets the chat model phrase an
answer from a few numbered snippets, then checks every sentence against the snippet it cites:
sentences no snippet supports are removed and listed, never shown as cited.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.ask.compliance import OffLabelFlag
from coach.ask.sentences import overlap, split_sentences
from coach.settings import AskSettings
from retrieval.types import Citation, Passage

Mode = Literal["extractive", "generative"]
REFUSAL = "The approved sources do not answer this question."
_CITE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_MODEL_REFUSES = re.compile(r"(do(?:es)? not (?:answer|contain|provide|mention|address)|cannot (?:answer|find)|"
                            r"no information|not (?:provided|mentioned|stated) in the sources)", re.I)
SYSTEM_PROMPT = (
    "You answer a Medical Science Liaison's question using only the numbered approved sources. "
    "Write at most three short sentences. End every sentence with the number of the source it comes from, "
    f"like [1]. Do not add any fact that is not in the sources. If the sources do not answer, reply exactly: {REFUSAL}"
)


@dataclass
class Snippet:
    """A sentence of a retrieved passage, scored against the question."""

    passage: Passage
    sentence: str
    offset: int  # start of the sentence within the passage text
    score: float


@dataclass
class AnswerSentence:
    """One sentence of an answer with the citation numbers behind it."""

    text: str
    citations: list[int]
    supported: bool
    support: float = 0.0


@dataclass
class Answer:
    """An answer, its citations and compliance flags."""

    question: str
    mode: Mode
    model: str
    sentences: list[AnswerSentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    removed: list[AnswerSentence] = field(default_factory=list)
    refused: bool = False
    refusal_reason: str = ""
    off_label: OffLabelFlag | None = None
    passages: list[Passage] = field(default_factory=list)
    seconds: float = 0.0
    first_token_seconds: float | None = None

    @property
    def text(self) -> str:
        """The answer as shown: each sentence followed by its citation numbers."""
        if self.refused:
            return REFUSAL
        return " ".join(f"{s.text} [{', '.join(map(str, s.citations))}]" for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The answer as one JSON-ready object."""
        return {
            "question": self.question, "answer": self.text, "mode": self.mode, "model": self.model,
            "refused": self.refused, "refusal_reason": self.refusal_reason,
            "off_label": bool(self.off_label and self.off_label.off_label),
            "off_label_detail": asdict(self.off_label) if self.off_label else None,
            "sentences": [asdict(s) for s in self.sentences],
            "removed_sentences": [s.text for s in self.removed],
            "citations": [{"number": c.number, "doc_id": c.doc_id, "version": c.version, "title": c.title,
                           "page": c.page, "section_number": c.section_number,
                           "section_title": c.section_title, "locator": c.locator, "quote": c.quote,
                           "start": c.start, "end": c.end} for c in self.citations],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class AskEvent:
    """A step of a streamed answer: 'sources' (snippets), 'token' (text) or 'answer' (final)."""

    kind: Literal["sources", "token", "answer"]
    text: str = ""
    snippets: list[Snippet] = field(default_factory=list)
    answer: Answer | None = None


def _usable(sentence: str) -> bool:
    """A whole sentence worth quoting: long enough, starts like a sentence, ends cleanly."""
    if len(sentence) < 25 or len(sentence.split()) < 4:
        return False
    if not (sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in "•-(\"'"):
        return False
    return not re.search(r"(\[see|\(see|[,;:(\[])$", sentence)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return b @ a  # embeddings are normalized


class Composer:
    """Turns retrieved passages into a cited answer (extractive) or checks a generated one."""

    def __init__(self, embeddings: Embeddings, settings: AskSettings | None = None) -> None:
        self.embeddings = embeddings
        self.settings = settings or AskSettings()

    def _embed(self, texts: list[str]) -> np.ndarray:
        v = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    def snippets(self, question: str, passages: list[Passage], ignore: list[str] | None = None) -> list[Snippet]:
        """Every usable sentence of the passages, best first.

        ``ignore`` lists words (product names) that every passage shares and that should not score.
        """
        for name in ignore or []:
            question = re.sub(rf"\b{re.escape(name)}\b", "it", question, flags=re.I)
        cands: list[tuple[Passage, str, int]] = []
        for p in passages:
            for s in split_sentences(p.text):
                if _usable(s.text):
                    cands.append((p, s.text, s.start))
        if not cands:
            return []
        vecs = self._embed([question] + [c[1] for c in cands])
        sims = _cos(vecs[0], vecs[1:])
        out = [Snippet(p, t, off, float(0.8 * sims[i] + 0.2 * overlap(question, t)))
               for i, (p, t, off) in enumerate(cands)]
        return sorted(out, key=lambda s: -s.score)

    def relevant(self, snippets: list[Snippet]) -> list[Snippet]:
        """Snippets good enough to answer from (empty means refuse)."""
        if not snippets or snippets[0].score < self.settings.min_relevance:
            return []
        floor = max(self.settings.min_relevance, snippets[0].score - 0.15)
        seen: set[str] = set()
        keep = []
        for s in snippets:
            key = s.sentence.lower()
            if s.score >= floor and key not in seen:
                seen.add(key)
                keep.append(s)
        return keep

    def extractive(self, answer: Answer, chosen: list[Snippet]) -> Answer:
        """Fill ``answer`` with verbatim approved sentences, each citing its own quote."""
        for s in chosen[: self.settings.max_sentences]:
            n = len(answer.citations) + 1
            answer.citations.append(Citation.from_passage(n, s.passage, s.sentence, s.offset))
            answer.sentences.append(AnswerSentence(s.sentence, [n], True, 1.0))
        return answer

    def verify(self, answer: Answer, generated: str, numbered: list[Snippet]) -> Answer:
        """Keep generated sentences their cited snippets support; attach citations; drop the rest."""
        parts = [s.text for s in split_sentences(generated.strip())]
        if not parts:
            return answer
        clean = [_CITE.sub("", p).strip() for p in parts]
        cited = [[int(n) for grp in _CITE.findall(p) for n in grp.split(",")] for p in parts]
        vecs = self._embed(clean + [s.sentence for s in numbered])
        sent_v, snip_v = vecs[: len(clean)], vecs[len(clean) :]
        used: dict[int, int] = {}
        for i, text in enumerate(clean):
            if not text or _MODEL_REFUSES.search(text):
                continue
            sims = _cos(sent_v[i], snip_v)
            support = np.array([max(float(sims[j]), overlap(text, numbered[j].sentence))
                                for j in range(len(numbered))])
            valid = [n - 1 for n in cited[i] if 1 <= n <= len(numbered)]
            # A sentence keeps the sources it cites that support it; an uncited sentence gets its best support.
            backing = [j for j in valid if support[j] >= self.settings.min_support]
            if not backing and int(np.argmax(support)) not in valid and support.max() >= self.settings.min_support:
                backing = [int(np.argmax(support))]
            if not backing:
                answer.removed.append(AnswerSentence(text, [], False, float(support.max())))
                continue
            nums = []
            for j in backing:
                if j not in used:
                    s = numbered[j]
                    used[j] = len(answer.citations) + 1
                    answer.citations.append(Citation.from_passage(used[j], s.passage, s.sentence, s.offset))
                nums.append(used[j])
            answer.sentences.append(AnswerSentence(text, nums, True, float(max(support[j] for j in backing))))
        return answer


def build_prompt(question: str, numbered: list[Snippet]) -> list[Any]:
    """System prompt first (a fixed prefix the local model's cache reuses), then sources and question."""
    lines = [f"[{i}] ({s.passage.title}, {s.passage.locator}) {s.sentence}" for i, s in enumerate(numbered, 1)]
    human = "Sources:\n" + "\n".join(lines) + f"\n\nQuestion: {question}\nAnswer:"
    return [SystemMessage(content=SYSTEM_PROMPT), HumanMessage(content=human)]


def generate(model: BaseChatModel, question: str, numbered: list[Snippet]) -> Iterator[str]:
    """Stream the model's answer text."""
    for chunk in model.stream(build_prompt(question, numbered)):
        text = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
        if text:
            yield text


def timed(t0: float) -> float:
    """Seconds since ``t0``."""
    return time.perf_counter() - t0
