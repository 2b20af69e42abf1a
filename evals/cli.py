"""`coach eval …`: the evaluation commands of DESIGN.md (plugged into `coach` by entry point)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from evals.datasets import AnswerQuestion, EvalDataError, RetrievalQuestion, read_jsonl

app = typer.Typer(help="Measure retrieval, answers, dialogue acts and feedback.", no_args_is_help=True)


def _write_json(out: Optional[Path], payload: object) -> None:
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(payload, indent=2))
        typer.echo(f"Figures written to {out}")


def _load(path: Path, model: type) -> list:  # type: ignore[type-arg]
    try:
        return read_jsonl(path, model)
    except (EvalDataError, OSError) as exc:
        typer.secho(f"Error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc


@app.command()
def retrieval(
    corpus: Path = typer.Option(..., exists=True, help="Folder of documents (manifest optional)."),
    questions: Path = typer.Option(..., exists=True, help='JSONL: {"id","question","relevant":[doc_id]}'),
    modes: str = typer.Option("bm25,dense,hybrid", help="Comma-separated modes."),
    k: int = typer.Option(10, help="Ranking depth."),
    out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    """Recall@1/5/10, MRR, nDCG@10 and latency p50/p95 per mode, side by side."""
    from evals.index import eval_services
    from evals.retrieval import evaluate_retrieval, format_table

    qs = _load(questions, RetrievalQuestion)
    chosen = [m.strip() for m in modes.split(",") if m.strip()]
    bad = [m for m in chosen if m not in ("bm25", "dense", "hybrid")]
    if bad:
        raise typer.BadParameter(f"unknown mode(s) {bad}; use bm25, dense, hybrid")
    s = eval_services(corpus)
    results = evaluate_retrieval(s.retriever, qs, chosen, depth=max(k, 10))  # type: ignore[arg-type]
    typer.echo(format_table(results))
    _write_json(out, {"corpus": str(corpus), "questions": str(questions), "results": [r.as_dict() for r in results]})


@app.command()
def answers(
    corpus: Path = typer.Option(..., exists=True, help="Folder of documents (manifest optional)."),
    questions: Path = typer.Option(..., exists=True, help="JSONL questions; may carry reference and relevant."),
    mode: str = typer.Option("extractive", help="extractive or generative (uses the configured chat model)."),
    judge: bool = typer.Option(False, help="Also run LLM-judged ragas metrics with the configured chat model."),
    out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    """Ragas metrics, citation precision/recall and refusal rate of cited answers."""
    from evals.answers import evaluate_answers, format_report
    from evals.index import eval_services

    qs = _load(questions, AnswerQuestion)
    s = eval_services(corpus)
    report = evaluate_answers(s, qs, mode=mode, judge=judge)
    typer.echo(format_report(report))
    _write_json(out, report)


@app.command()
def acts(
    data: Path = typer.Option(..., exists=True, help='JSONL: {"text", "context", gold fields…}'),
    split: Optional[str] = typer.Option(None, help="Only lines of this split (e.g. test = the held-out part)."),
    out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    """Precision/recall/F1 per field and value, macro-F1 and confusion matrices of dialogue-act analysis."""
    from coach.services import Services
    from evals.acts import evaluate_acts, format_acts, load_utterances

    rows = load_utterances(data, split)
    if not rows:
        typer.secho("Error: no utterances to evaluate (check --split).", fg="red", err=True)
        raise typer.Exit(1)
    report = evaluate_acts(Services().act_analyzer, rows)
    typer.echo(format_acts(report))
    _write_json(out, report)


@app.command()
def feedback(
    data: Path = typer.Option(..., exists=True, help="JSONL rehearsals with gold rubric verdicts."),
    corpus: Path = typer.Option(Path(__file__).resolve().parents[1] / "demo_corpus" / "labels", exists=True,
                                help="Approved documents the scenarios use (claims are checked against them)."),
    split: Optional[str] = typer.Option(None, help="Only rehearsals of this split."),
    out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    """Replay labelled rehearsals and print the scorecard's accuracy per rubric item."""
    from evals.feedback import evaluate_feedback, format_feedback, load_rehearsals
    from evals.index import eval_services

    rows = load_rehearsals(data, split)
    report = evaluate_feedback(eval_services(corpus, progress=False), rows)
    typer.echo(format_feedback(report))
    _write_json(out, report)


@app.command()
def claims(
    data: Path = typer.Option(..., exists=True, help='JSONL: {"claim", "doc_id", "supported"}'),
    corpus: Path = typer.Option(Path(__file__).resolve().parents[1] / "demo_corpus" / "labels", exists=True,
                                help="Approved documents the claims are checked against."),
    split: Optional[str] = typer.Option(None, help="Only claims of this split."),
    out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON."),
) -> None:
    """Accuracy of the claim check: unsupported claims that pass, supported claims refused."""
    from evals.claims import evaluate_claims, format_claims, load_claims
    from evals.index import eval_services

    rows = load_claims(data, split)
    report = evaluate_claims(eval_services(corpus, progress=False).act_analyzer.claims, rows)
    typer.echo(format_claims(report))
    _write_json(out, report)
