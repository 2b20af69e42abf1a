"""Ask: question in, cited answer (or refusal) out, off-label flag raised, every answer audited."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from coach.ask.answer import REFUSAL, Answer, AskEvent, Composer, Mode, generate
from coach.ask.audit import AuditLog
from coach.ask.compliance import INDICATIONS_CODE, OffLabelFlag, check_off_label, commercial_request
from coach.errors import ModelError
from corpus.registry import DocumentRow, Registry
from retrieval.retriever import Retriever
from retrieval.store import active_filter


def product_names(row: DocumentRow) -> list[str]:
    """Names a question may use for a document's product: the product and the generic in the title."""
    names = [row.product] if row.product else []
    m = re.search(r"\(([^)]+)\)", row.title or "")
    if m:
        names.append(m.group(1).split()[0].strip(",;"))
    return [n for n in names if n]


class AskService:
    """The Ask use case, shared by the CLI and the app."""

    def __init__(self, retriever: Retriever, registry: Registry, composer: Composer, audit: AuditLog,
                 chat_model: BaseChatModel | None = None, model_name: str = "none") -> None:
        self.retriever = retriever
        self.registry = registry
        self.composer = composer
        self.audit = audit
        self.chat_model = chat_model
        self.model_name = model_name
        self._indications: dict[tuple[str, str], str] = {}

    # -- compliance ----------------------------------------------------------------------------
    def mentioned_products(self, question: str) -> list[str]:
        """Products of active documents that the question names."""
        q = question.lower()
        found: list[str] = []
        for row in self.registry.active():
            for name in product_names(row):
                if re.search(rf"\b{re.escape(name.lower())}\b", q) and row.product not in found:
                    found.append(row.product or name)
        return found

    def indications(self, product: str) -> tuple[str, list[str]] | None:
        """Indications text of the product's active label, and the names it goes by."""
        labels = [r for r in self.registry.active() if r.type == "label" and r.product == product]
        if not labels:
            return None
        row = labels[-1]
        key = (row.doc_id, row.sha256)
        if key not in self._indications:
            got = self.retriever.store.collection.get(
                where={"$and": [{"doc_id": row.doc_id}, {"sha": row.sha256[:12]}]}, include=["documents", "metadatas"])
            # Subsection titles name indications too ("1.2 Hyperlipidemia" over text on hypercholesterolemia).
            parts = [f"{m.get('section_title') or ''}\n{d}".strip()
                     for d, m in zip(got["documents"], got["metadatas"])
                     if m.get("section_code") == INDICATIONS_CODE or str(m.get("section_number", "")).split(".")[0] == "1"]
            self._indications[key] = "\n".join(parts)
        return self._indications[key], product_names(row)

    def off_label(self, question: str, product: str | None) -> OffLabelFlag | None:
        """The off-label verdict for the question's product, if it names one."""
        if not product:
            return None
        found = self.indications(product)
        if found is None:
            return OffLabelFlag(False, product, None, f"no approved label for {product} in the library")
        return check_off_label(question, product, found[0], found[1])

    def _names(self, products: list[str]) -> list[str]:
        names: list[str] = []
        for row in self.registry.active():
            if row.product in products:
                names += product_names(row)
        return sorted(set(names))

    # -- answering ------------------------------------------------------------------------------
    def stream(self, question: str, mode: Mode = "extractive", filters: dict[str, Any] | None = None,
               user: str = "") -> Iterator[AskEvent]:
        """Sources first, then the generated text as it comes, then the checked answer."""
        t0 = time.perf_counter()
        question = question.strip()
        filters = dict(filters or {})
        products = [filters["product"]] if filters.get("product") else self.mentioned_products(question)
        if len(products) == 1 and not filters.get("doc_id"):
            filters["product"] = products[0]
        model = self.model_name if mode == "generative" else "extractive"
        answer = Answer(question=question, mode=mode, model=model)
        answer.off_label = self.off_label(question, products[0] if products else None)
        active_filter(filters)  # validates filter keys early
        answer.passages = self.retriever.search(question, k=self.composer.settings.passages * 2, filters=filters)
        ranked = self.composer.snippets(question, answer.passages, ignore=self._names(products))
        chosen = self.composer.relevant(ranked)
        commercial = commercial_request(question, [s.sentence for s in chosen]) if chosen else None
        if commercial:
            chosen = []
        yield AskEvent("sources", snippets=chosen)
        if commercial:
            answer.refused = True
            answer.refusal_reason = (f"'{commercial}' is a commercial question: pricing, coverage and access "
                                     "questions go to the market-access team, not medical information")
        elif not chosen:
            answer.refused = True
            answer.refusal_reason = "no approved passage is close enough to the question"
        elif mode == "extractive":
            self.composer.extractive(answer, chosen)
        else:
            if self.chat_model is None:
                raise ModelError("Generative answers need a chat model; set COACH_LLM__PROVIDER or use "
                                 "--mode extractive.")
            numbered = chosen[: self.composer.settings.passages + 1]
            pieces: list[str] = []
            for piece in generate(self.chat_model, question, numbered):
                if answer.first_token_seconds is None:
                    answer.first_token_seconds = time.perf_counter() - t0
                pieces.append(piece)
                yield AskEvent("token", text=piece)
            self.composer.verify(answer, "".join(pieces), numbered)
            if not answer.sentences:
                # Nothing the model wrote is supported: answer with the approved sentences instead.
                answer.mode = "extractive"
                answer.refusal_reason = "generated text was not supported by the sources; quoted them instead"
                self.composer.extractive(answer, chosen)
        answer.seconds = time.perf_counter() - t0
        self.audit.record(question=question, answer=answer.text if not answer.refused else REFUSAL,
                          mode=answer.mode, model=answer.model, refused=answer.refused,
                          off_label=bool(answer.off_label and answer.off_label.off_label),
                          citations=[c.to_dict() for c in answer.citations], filters=filters, user=user)
        yield AskEvent("answer", answer=answer)

    def ask(self, question: str, mode: Mode = "extractive", filters: dict[str, Any] | None = None,
            user: str = "") -> Answer:
        """The final answer (no streaming)."""
        final = None
        for event in self.stream(question, mode, filters, user):
            if event.kind == "answer":
                final = event.answer
        assert final is not None
        return final
