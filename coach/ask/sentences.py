"""Sentence splitting with character offsets, and light text matching helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end with a period but not a sentence.
_ABBREV = {"e.g", "i.e", "vs", "etc", "dr", "approx", "fig", "al", "u.s", "incl", "ca"}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9•\-])|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
STOPWORDS = set(
    """a an the of and or in on at to for from by with without is are was were be been being do does did
    what which who whom whose when where why how that this these those it its as into than then there their
    they them he she his her we our you your i me my can could should would may might must shall will not no
    yes any all some more most less such about over under per if so also between after before during
    tell please know use used using patients patient""".split()
)


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it sits in its text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (also split at line breaks: label lists and table rows)."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        before = text[pos : m.start()].rstrip()
        last = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.split() else ""
        if m.group(0).strip() == "" and "\n" not in m.group(0) and last in _ABBREV:
            continue
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        s = start + piece.find(stripped)
        out.append(Sentence(stripped, s, s + len(stripped)))


def content_words(text: str) -> list[str]:
    """Lower-cased words without stopwords, crudely stemmed (plural 's' dropped)."""
    words = []
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS or len(w) < 2:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(_US_SPELLING.sub(lambda m: _US[m.group(0)], w) if len(w) > 5 else w)
    return words


# British spellings read as the American ones labels use ("randomised" is "randomized", "paediatric" "pediatric").
_US = {"ise": "ize", "ised": "ized", "ising": "izing", "isation": "ization", "our": "or", "paed": "ped", "haem": "hem",
       "aemia": "emia", "oedema": "edema", "oea": "ea", "oestr": "estr"}
_US_SPELLING = re.compile(r"(?:isation|ising|ised|ise|our)$|^(?:paed|haem|oestr)|aemia|oedema|oea", re.I)


def overlap(a: str, b: str) -> float:
    """Share of the content words of ``a`` found in ``b`` (0 when ``a`` has none)."""
    wa = set(content_words(a))
    if not wa:
        return 0.0
    return len(wa & set(content_words(b))) / len(wa)
