"""The `coach` command: thin calls into the library.

Sub-command groups from other packages (e.g. `coach eval`) plug in through the ``coach.cli``
entry-point group, so the coach package never imports them.
"""

from __future__ import annotations

import json
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Optional

import typer

from coach.cli.common import fail_cleanly, services
from coach.cli.corpus_cmds import register as register_corpus
from coach.cli.rehearse_cmds import register as register_rehearse

app = typer.Typer(help="Exchange Coach: cited answers from approved sources, and MSL rehearsal.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
register_corpus(app)
register_rehearse(app)


@app.command()
def ask(
    question: str = typer.Argument(..., help="The question, in quotes."),
    mode: str = typer.Option("extractive", help="extractive (verbatim approved sentences) or generative."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of streaming."),
    product: Optional[str] = typer.Option(None, help="Only documents about this product."),
    doc_type: Optional[str] = typer.Option(None, "--type", help="Only this document type (label, publication…)."),
    area: Optional[str] = typer.Option(None, help="Only this therapeutic area."),
) -> None:
    """Answer from approved sources, every sentence cited, or refuse."""
    if mode not in ("extractive", "generative"):
        raise typer.BadParameter("mode must be extractive or generative")
    filters = {"product": product, "type": doc_type, "therapeutic_area": area}
    with fail_cleanly():
        svc = services().ask_service(need_model=mode == "generative")
        final = None
        for event in svc.stream(question, mode, filters):  # type: ignore[arg-type]
            if event.kind == "token" and not as_json:
                typer.echo(event.text, nl=False)
            elif event.kind == "answer":
                final = event.answer
        assert final is not None
        if as_json:
            typer.echo(json.dumps(final.to_dict(), indent=2))
            return
        if mode == "generative" and not final.refused:
            typer.echo("\n\nChecked answer:")
        _print_answer(final)


def _print_answer(a) -> None:  # type: ignore[no-untyped-def]
    if a.off_label and a.off_label.off_label:
        typer.secho(f"OFF-LABEL: {a.off_label.reason}.", fg="yellow", bold=True)
        typer.echo(a.off_label.guidance)
    if a.refused:
        typer.secho(f"No answer: the approved sources do not answer this question ({a.refusal_reason}).", fg="red")
        return
    typer.echo(a.text)
    for s in a.removed:
        typer.secho(f"  removed (not supported by the sources): {s.text}", fg="red")
    typer.echo("")
    for c in a.citations:
        typer.secho(f"[{c.number}] {c.title} (v{c.version}), {c.locator}, chars {c.start}-{c.end}", bold=True)
        typer.echo(f"    “{c.quote}”")


def _load_plugins() -> None:
    for ep in entry_points(group="coach.cli"):
        app.add_typer(ep.load(), name=ep.name)


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _load_plugins()
    app(prog_name="coach")


if __name__ == "__main__":
    sys.exit(main())
