# Exchange Coach — the two Quick start commands are `make run` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export RAGAS_DO_NOT_TRACK := true
export TOKENIZERS_PARALLELISM := false
export OMP_WAIT_POLICY := PASSIVE

.PHONY: install run test test-fast demo eval bench lint

install:  ## Python packages, local chat model, tokenizer cache (quiet when done)
	@bash scripts/install.sh

demo: install  ## ingest the shipped demo corpus (unchanged files do no work)
	@$(BIN)/coach setup --no-model

run: demo  ## start the app on the embedded default (local model, embedded Chroma, SQLite)
	@$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none

test: install  ## every test, slow and server suites included
	@bash scripts/test-services.sh
	@$(BIN)/python -m pytest -m "" $(PYTEST_ARGS)

test-fast: install  ## the quick suite (no real chat model, no servers)
	@$(BIN)/python -m pytest -m "not slow and not server" $(PYTEST_ARGS)

eval: demo  ## retrieval figures on the PubMedQA dev set, all modes side by side
	@$(BIN)/coach eval retrieval --corpus demo_corpus/publications --questions evals/data/pubmedqa_questions.jsonl --json bench-results/retrieval.json

bench: install  ## speed and memory figures on this machine
	@$(BIN)/python scripts/bench.py
