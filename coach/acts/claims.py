"""Check an MSL's factual claims against the approved corpus through retrieval."""

from __future__ import annotations

from coach.acts.types import Claim
from coach.ask.answer import Composer
from retrieval.retriever import Retriever

SUPPORT = 0.6  # a claim this close to an approved sentence is supported


class ClaimChecker:
    """Finds the approved sentence that best supports a claim, within the given documents."""

    def __init__(self, retriever: Retriever, composer: Composer, threshold: float = SUPPORT) -> None:
        self.retriever = retriever
        self.composer = composer
        self.threshold = threshold

    def check(self, claim: str, doc_ids: list[str] | None = None) -> Claim:
        """The claim with its best supporting quote, supported or not."""
        filters = {"doc_id": doc_ids} if doc_ids else None
        passages = self.retriever.search(claim, k=4, filters=filters)
        snippets = self.composer.snippets(claim, passages)
        if not snippets:
            return Claim(claim, False, 0.0)
        best = snippets[0]
        p = best.passage
        return Claim(claim, best.score >= self.threshold, round(best.score, 3), p.doc_id, p.version, p.locator,
                     p.section_number, best.sentence)
