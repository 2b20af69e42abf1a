"""Cited answers built only from retrieved, approved passages.

Extractive mode quotes approved sentences verbatim. Generative mode lets the chat model phrase an
answer from a few numbered snippets, then checks every sentence against the snippet it cites:
sentences no snippet supports are removed and listed, never shown as cited.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.ask.compliance import OffLabelFlag
from coach.ask.sentences import content_words, overlap, split_sentences
from coach.settings import AskSettings
from retrieval.retriever import heading_terms
from retrieval.types import UNINFORMATIVE_TITLE, Citation, Passage

Mode = Literal["extractive", "generative"]
REFUSAL = "The approved sources do not answer this question."
_CITE = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_MODEL_REFUSES = re.compile(r"(do(?:es)? not (?:answer|contain|provide|mention|address)|cannot (?:answer|find)|"
                            r"no information|not (?:provided|mentioned|stated) in the sources)", re.I)
# No "say the sources do not answer" escape: refusing is decided before the model runs (no passage close
# enough to the question), and every sentence it writes is checked against its source anyway. Given the
# escape, the local 1.5B model took it for 7 of 12 answerable dev questions whose sources held the answer.
SYSTEM_PROMPT = (
    "You answer a Medical Science Liaison's question using only the numbered approved sources. "
    "Write at most three short sentences. End every sentence with the number of the source it comes from, "
    "like [1]. Do not add any fact that is not in the sources."
)


@dataclass
class Snippet:
    """A sentence of a retrieved passage, scored against the question."""

    passage: Passage
    sentence: str
    offset: int  # start of the sentence within the passage text
    score: float
    question: str = ""  # the question it was scored against (product names removed)


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


_DANGLING_END = re.compile(r"(\[see|\(see|[,;:(\[]|\b(?:or|and|of|the|to|with|for|in|a|an|by|as))$", re.I)
_TERMINAL = re.compile(r"[.!?:;)\]%]$")
_WORDS = re.compile(r"[A-Za-z][A-Za-z’'\-]*")
_TRAILING_PARENS = re.compile(r"(?:\s*\([^()]*\))+$")  # "(10–17 years of age) (2.2)"


def _heading(sentence: str) -> bool:
    """A title line ('Crohn’s Disease Clinical Studies', 'PRINCIPAL DISPLAY PANEL - 10 mg …') or the
    title of a cross-referenced section ('Dosage in Patients with Renal Impairment (2.5)')."""
    sentence = _TRAILING_PARENS.sub("", sentence)
    if _TERMINAL.search(sentence) or " | " in sentence or ":" in sentence:
        return False
    words = [w for w in _WORDS.findall(sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _usable(sentence: str, lowercase_ok: bool = False) -> bool:
    """A whole sentence worth quoting: long enough, starts like a sentence, ends cleanly, not a heading or a question.

    ``lowercase_ok`` admits a line that starts in lower case: an item of an OTC Drug Facts list
    ("temporarily relieves cough …" under "Uses"), which completes its section heading.
    """
    if len(sentence) < 25 or len(sentence.split()) < 4 or sentence.endswith("?"):
        return False  # a question in the source (a Medication Guide heading) never answers one
    first = sentence[0]
    if not (first.isupper() or first.isdigit() or first in "•-(\"'" or (lowercase_ok and first.islower())):
        return False
    return not _DANGLING_END.search(sentence) and not _heading(sentence)


def _list_section(p: Passage) -> bool:
    """A label section written as a list of lower-case items completing its heading (OTC Drug Facts).

    Only a passage that starts its section qualifies: there the items hang off the section heading the
    citation names, not off a sentence elsewhere in a long section (a Medication Guide's lists).
    """
    if p.doc_type != "label" or p.kind != "section" or p.start != 0:
        return False
    lines = [ln.lstrip("•-–* \t") for ln in p.text.splitlines() if ln.strip()]
    lines = [ln for ln in lines if ln and ln[0].isalpha()]
    return bool(lines) and sum(ln[0].islower() for ln in lines) / len(lines) >= 0.5


def _line_start(p: Passage, offset: int) -> bool:
    """Does a sentence at ``offset`` begin a line of its section (not the middle of a sentence)?"""
    if offset == 0:
        return p.start == 0
    return p.text[offset - 1] == "\n"


# A paper's structural headings say where a sentence sits, not what it is about: reading "Results: …"
# adds nothing to the sentence and would double the sentences embedded at ingest.
_STRUCTURAL_TITLE = re.compile(r"^(?:abstract|background|introduction|objectives?|aims?|purpose|(?:materials and )?"
                               r"methods?|design|setting|patients|participants|results?|findings|discussion|"
                               r"conclusions?|summary)$", re.I)


def heading_context(p: Passage) -> str:
    """The section title a sentence sits under, when it says something ('Uses', 'Mechanism of Action')."""
    title = (p.section_title or "").strip()
    if p.kind != "section" or not title or UNINFORMATIVE_TITLE.match(title) or _STRUCTURAL_TITLE.match(title):
        return ""
    return title


def titled(p: Passage, sentence: str) -> str | None:
    """The sentence read under its section title ("Uses: temporarily relieves …"), if the title says something.
    Ingest stores the vector of exactly this text, and questions read it back."""
    title = heading_context(p)
    return f"{title}: {sentence}" if title else None


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
# Words of an MSL's question that look like names but are not about the sources.
_NOT_NAMES = {"i", "ok", "msl", "msls", "hcp", "hcps", "dr", "mr", "mrs", "ms", "us", "can", "what", "how"}
# WHO INN stems: a lower-case word ending so is a medicine's name (rosuvastatin, etanercept, …).
_DRUG_STEM = re.compile(r"(?:vastatin|mab|cept|mibe|glutide|gliflozin|xaban|gatran|tinib|sartan|pril|olol|"
                        r"dipine|prazole|floxacin|navir)$")


def unknown_names(question: str, texts: list[str]) -> list[str]:
    """Names the question uses (a drug, a trial, a place) that none of ``texts`` mentions.

    A name is a word capitalised inside the question, an acronym, or a lower-case medicine name. When
    the sources never mention what the question is about, they cannot answer it.
    """
    body = " ".join(texts)
    found: list[str] = []
    for m in _TOKEN.finditer(question):
        tok = m.group(0).rstrip(".")
        before = question[: m.start()].rstrip()
        first = not before or before[-1] in ".?!:"
        caps = sum(c.isupper() for c in tok)
        named = (caps and not first and tok[0].isupper()) or caps >= 2 or _DRUG_STEM.search(tok.lower())
        if not named or tok.lower() in _NOT_NAMES or len(tok) < 2:
            continue
        if not re.search(rf"(?<![A-Za-z0-9]){re.escape(tok)}(?:s|es|’s|'s)?(?![A-Za-z0-9])", body, re.I):
            found.append(tok)
    return found


def word_match(question: str, sentence: str, heading: str = "") -> float:
    """Share of the question's content words that the sentence, or the headings it sits under, use.

    A sentence under "Mechanism of Action" answers "what is the mechanism of action?" without saying
    so; heading words are compared in label vocabulary ("dose" matches "Dosage and Administration").
    """
    words = set(content_words(question))
    if not words:
        return 0.0
    said = set(content_words(sentence))
    head = heading_terms(heading) if heading else set()
    return sum(w in said or bool(head and heading_terms(w) & head) for w in words) / len(words)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return b @ a  # embeddings are normalized


class Composer:
    """Turns retrieved passages into a cited answer (extractive) or checks a generated one."""

    _MEMO_SIZE = 20000  # approved sentences recur across questions: keep their vectors (~30 MB at most)

    def __init__(self, embeddings: Embeddings, settings: AskSettings | None = None,
                 stored: Embeddings | None = None) -> None:
        """``stored`` is the same model behind a persistent cache: approved sentences embedded at ingest."""
        self.embeddings = embeddings
        self.settings = settings or AskSettings()
        self.stored = stored
        self._memo: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str], approved: bool = False) -> np.ndarray:
        """L2-normalised embedding rows of ``texts``, memoised (shared by Ask, claim checks and rehearsals).

        ``approved`` texts (sentences of the library) are read from the persistent cache when they were
        embedded before, at ingest or by an earlier question; other texts are never written there.
        """
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        memo = self._memo  # replaced, never cleared in place: safe to read while another thread embeds
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if len(memo) + len(todo) > self._MEMO_SIZE:
            memo = self._memo = {}
            todo = list(dict.fromkeys(texts))
        if todo:
            model = self.stored if approved and self.stored is not None else self.embeddings
            v = np.asarray(model.embed_documents(todo), dtype=np.float32)
            v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
            memo.update(zip(todo, v))
        return np.stack([memo[t] for t in texts])

    @staticmethod
    def candidates(p: Passage) -> list[tuple[str, int]]:
        """The sentences of a passage an answer may quote, with their offsets."""
        listy = _list_section(p)
        return [(s.text, s.start) for s in split_sentences(p.text)
                if _usable(s.text, lowercase_ok=listy and _line_start(p, s.start))]

    def warm(self, passages: Sequence[Passage]) -> int:
        """Embed the quotable sentences of new passages into the persistent cache (called at ingest), so
        a question embeds only itself. Returns how many texts were looked at."""
        if self.stored is None:
            return 0
        texts: list[str] = []
        for p in passages:
            for text, _ in self.candidates(p):
                texts.append(text)
                if reading := titled(p, text):
                    texts.append(reading)
        texts = list(dict.fromkeys(texts))
        for i in range(0, len(texts), 512):
            self.stored.embed_documents(texts[i : i + 512])  # stored, not memoised: the library may be large
        return len(texts)

    def snippets(self, question: str, passages: list[Passage], ignore: list[str] | None = None) -> list[Snippet]:
        """Every usable sentence of the passages, best first.

        ``ignore`` lists words (product names) that every passage shares and that should not score.
        """
        for name in ignore or []:
            question = re.sub(rf"\b{re.escape(name)}\b", "it", question, flags=re.I)
        cands = [(p, text, start) for p in passages for text, start in self.candidates(p)]
        if not cands:
            return []
        # A sentence is read under its section title too ("Uses: temporarily relieves …"): the better of
        # the two readings counts, so a title adds context without burying what the sentence says.
        readings = {i: r for i, (p, t, _) in enumerate(cands) if (r := titled(p, t))}
        q = self.embed([question])[0]
        vecs = self.embed([c[1] for c in cands] + list(readings.values()), approved=True)
        n = len(cands)
        sims = _cos(q, vecs[:n])
        if readings:
            idx = np.fromiter(readings.keys(), dtype=int)
            sims[idx] = np.maximum(sims[idx], _cos(q, vecs[n:]))
        out = [Snippet(p, t, off, float(0.8 * sims[i] + 0.2 * word_match(question, t, p.heading)), question)
               for i, (p, t, off) in enumerate(cands)]
        return sorted(out, key=lambda s: -s.score)

    def relevant(self, snippets: list[Snippet]) -> list[Snippet]:
        """Snippets good enough to answer from (empty means refuse).

        The sources do not answer when the best sentence is not close enough to the question, or when
        the question names something (another drug, a trial, a place) that the passages never mention.
        """
        if not snippets or snippets[0].score < self.settings.min_relevance:
            return []
        texts = list({id(s.passage): s.passage.text for s in snippets}.values())
        if snippets[0].question and unknown_names(snippets[0].question, texts):
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
        for s in numbered:  # a small model may echo a source's label ("(LIPITOR … , 5.1 Skeletal Muscle)")
            generated = generated.replace(f"({s.passage.title}, {s.passage.locator})", " ")
            generated = generated.replace(s.passage.title, " ")
        parts = [s.text for s in split_sentences(generated.strip())]
        if not parts:
            return answer
        clean = [_CITE.sub("", p).strip() for p in parts]
        cited = [[int(n) for grp in _CITE.findall(p) for n in grp.split(",")] for p in parts]
        vecs = self.embed(clean + [s.sentence for s in numbered])
        sent_v, snip_v = vecs[: len(clean)], vecs[len(clean) :]
        used: dict[int, int] = {}
        for i, text in enumerate(clean):
            if not text or _MODEL_REFUSES.search(text):
                continue
            sims = _cos(sent_v[i], snip_v)
            support = np.array([max(float(sims[j]), overlap(text, numbered[j].sentence))
                                if consistent(text, numbered[j], answer.question) else 0.0
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
            if not answer.sentences:  # "However, it should be discontinued …" cannot open an answer
                text = _CONNECTIVE.sub("", text)
                text = text[:1].upper() + text[1:]
            answer.sentences.append(AnswerSentence(text, nums, True, float(max(support[j] for j in backing))))
        return answer


_CONNECTIVE = re.compile(r"^(?:however|additionally|also|moreover|furthermore|therefore|thus|in addition),\s+", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|avoid(?:ed)?|contraindicated|cannot|except|unless)\b|n[’']t\b",
                       re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Words that claim a use or a benefit, each with the words a source must use to back it.
_CLAIMS = {
    re.compile(r"\btreat", re.I): re.compile(r"\btreat", re.I),
    re.compile(r"\bindicat", re.I): re.compile(r"\bindicat", re.I),
    re.compile(r"\bapprov", re.I): re.compile(r"\bapprov", re.I),
    re.compile(r"\b(?:effective|efficacy|works?)\b", re.I): re.compile(r"\b(?:effective|efficacy)", re.I),
    re.compile(r"\brecommend", re.I): re.compile(r"\brecommend", re.I),
    re.compile(r"\bsafe(?:ly)?\b", re.I): re.compile(r"\bsafe", re.I),
    re.compile(r"\b(?:prevent|cure)", re.I): re.compile(r"\b(?:prevent|cure|reduce the risk)", re.I),
}


_NOVEL_SHARE = 0.25  # paraphrase may bring its own verbs and connectives, not its own facts


def novel_words(sentence: str, known: str, ignore: Collection[str] = ()) -> tuple[list[str], int]:
    """The content words of ``sentence`` that ``known`` does not use (compared on their first five letters, so
    "screened" matches "screening" and "adjust" "adjustment"), and how many content words it has; numbers are
    checked on their own and ``ignore`` words do not count."""
    words = [w for w in content_words(sentence) if not w.isdigit() and w not in ignore]
    have = {w[:5] for w in content_words(known)}
    return [w for w in words if w[:5] not in have], len(words)


def novel_share(sentence: str, known: str, ignore: Collection[str] = ()) -> float:
    """Share of the content words of ``sentence`` that ``known`` does not use (see ``novel_words``)."""
    novel, n = novel_words(sentence, known, ignore)
    return len(novel) / n if n else 0.0


def consistent(sentence: str, snippet: Snippet, question: str = "") -> bool:
    """Can ``snippet`` back ``sentence`` at all? Similar wording is not enough when the sentence

    - states a number the source (or the question) does not have,
    - says the opposite: one of the two is negated or makes an exception ("Do not use: with any other
      product containing diphenhydramine" does not back "it can be used with …"; the section title
      counts; "… may receive vaccinations, except for live vaccines" does not back "… can receive live
      vaccines"), or
    - claims a use or benefit (treats, is indicated, effective, safe, …) the source does not state, or
    - says more than the source: over a quarter of its content words are in neither the source, its
      headings nor the question ("… potentially leading to muscle pain" added to a grapefruit-juice
      sentence; "targets the TNF receptor and lymphotoxin" backed by a sentence about adhesion molecules).
    """
    source = f"{heading_context(snippet.passage)}: {snippet.sentence}"
    if novel_share(sentence, f"{source} {snippet.passage.title} {question}") > _NOVEL_SHARE:
        return False
    allowed = {n.replace(",", "") for n in _NUMBER.findall(source + " " + question)}
    if any(n.replace(",", "") not in allowed for n in _NUMBER.findall(sentence)):
        return False
    if bool(NEGATION.search(sentence)) != bool(NEGATION.search(source)):
        return False
    return all(backs.search(source) for claim, backs in _CLAIMS.items() if claim.search(sentence))


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
