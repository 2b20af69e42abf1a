"""Chat-model providers behind one interface, LangChain's ``BaseChatModel``.

- ``llama``: a GGUF file run in-process by llama.cpp (Qwen2.5-Coder-1.5B by default). llama.cpp keeps
  the evaluated prompt and reuses its longest common prefix on the next call, so a fixed system prompt
  is evaluated once per process.
- ``openai``: any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, a llama.cpp server).
- ``azure``: Azure OpenAI.
- ``none``: no chat model; extractive answers and scripted HCP lines only.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from langchain_core.language_models.chat_models import BaseChatModel

from coach.errors import ModelError
from coach.llm.model_files import resolve_gguf
from coach.settings import LLMSettings


def model_label(settings: LLMSettings) -> str:
    """A short name of the configured model for audit logs and the UI."""
    if settings.provider == "none":
        return "none"
    if settings.provider == "llama":
        return f"llama.cpp:{Path(settings.model).name}"
    return f"{settings.provider}:{settings.model}"


@lru_cache(maxsize=2)
def _llama(path: str, n_ctx: int, n_threads: int | None, temperature: float, max_tokens: int, seed: int,
           ) -> BaseChatModel:
    from langchain_community.chat_models import ChatLlamaCpp

    return ChatLlamaCpp(model_path=path, n_ctx=n_ctx, n_threads=n_threads or os.cpu_count() or 2, n_batch=512,
                        temperature=temperature, max_tokens=max_tokens, seed=seed, verbose=False, streaming=True)


def get_chat_model(settings: LLMSettings, cache_dir: Path) -> BaseChatModel | None:
    """The configured chat model, loaded once per process (None for provider 'none')."""
    if settings.provider == "none":
        return None
    if settings.provider == "llama":
        path = resolve_gguf(settings.model, cache_dir)
        try:
            return _llama(str(path), settings.n_ctx, settings.n_threads, settings.temperature, settings.max_tokens,
                          settings.seed)
        except Exception as exc:  # llama.cpp reports bad files with ValueError/RuntimeError
            raise ModelError(f"llama.cpp could not load {path} ({exc}); check the file is a GGUF model.") from exc
    if settings.provider == "openai":
        from langchain_openai import ChatOpenAI

        key = os.environ.get("OPENAI_API_KEY")
        if not key and not settings.base_url:
            raise ModelError("The OpenAI provider needs OPENAI_API_KEY (or COACH_LLM__BASE_URL for a local "
                             "OpenAI-compatible server); or choose COACH_LLM__PROVIDER=llama.")
        return ChatOpenAI(model=settings.model, base_url=settings.base_url, api_key=key or "not-needed",
                          temperature=settings.temperature, max_tokens=settings.max_tokens, streaming=True)
    if settings.provider == "azure":
        from langchain_openai import AzureChatOpenAI

        if not os.environ.get("AZURE_OPENAI_API_KEY") or not settings.azure_endpoint:
            raise ModelError("Azure OpenAI needs AZURE_OPENAI_API_KEY and COACH_LLM__AZURE_ENDPOINT; or choose "
                             "COACH_LLM__PROVIDER=llama.")
        return AzureChatOpenAI(azure_deployment=settings.model, azure_endpoint=settings.azure_endpoint,
                               api_version=settings.api_version, temperature=settings.temperature,
                               max_tokens=settings.max_tokens, streaming=True)
    raise ModelError(f"Unknown chat provider '{settings.provider}'; use llama, openai, azure or none.")
