"""A deterministic chat model for tests only (never the product default).

With ``replies`` it answers them in turn; without, it quotes the first sentence of the first
numbered source in the prompt ("[1] …") and cites it, which is what a faithful model would do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

_SOURCE = re.compile(r"^\[(\d+)\][^\n]*?\n?(.+?)(?=\n\[\d+\]|\Z)", re.MULTILINE | re.DOTALL)


class FakeChatModel(BaseChatModel):
    """Deterministic replies, streamed word by word."""

    replies: list[str] | None = None
    calls: int = 0

    @property
    def _llm_type(self) -> str:
        return "fake-deterministic"

    def _reply(self, messages: list[BaseMessage]) -> str:
        if self.replies:
            text = self.replies[self.calls % len(self.replies)]
            self.calls += 1
            return text
        self.calls += 1
        prompt = str(messages[-1].content)
        m = re.search(r"^\[1\]\s*(?:\([^)]*\)\s*)?(.+)$", prompt, re.MULTILINE)
        if not m:
            return "The approved sources provided do not answer this question."
        first = re.split(r"(?<=[.!?])\s+", m.group(1).strip())[0]
        return f"{first} [1]"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for piece in re.findall(r"\S+\s*", self._reply(messages)):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
