"""Library commands: ingest, withdraw, reinstate, docs, audit, setup."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import typer

from coach.cli.common import fail_cleanly, services

DEMO_CORPUS = Path(__file__).resolve().parents[2] / "demo_corpus"


def register(app: typer.Typer) -> None:
    """Add the library commands to the app."""

    @app.command()
    def ingest(
        path: Path = typer.Argument(..., help="A file or a folder (a manifest.yaml beside the files gives metadata)."),
        doc_id: Optional[str] = typer.Option(None, help="doc_id for a single file (default: file name)."),
        title: Optional[str] = typer.Option(None), product: Optional[str] = typer.Option(None),
        doc_type: Optional[str] = typer.Option(None, "--type", help="publication, label, standard_response…"),
        area: Optional[str] = typer.Option(None, help="Therapeutic area."),
        approval_code: Optional[str] = typer.Option(None), version: Optional[str] = typer.Option(None),
        expires: Optional[str] = typer.Option(None, help="Expiry date YYYY-MM-DD."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    ) -> None:
        """Add or update approved documents; bad files are reported and skipped."""
        overrides = {"doc_id": doc_id, "title": title, "product": product, "type": doc_type,
                     "therapeutic_area": area, "approval_code": approval_code, "version": version,
                     "expiry_date": dt.date.fromisoformat(expires) if expires else None}
        with fail_cleanly():
            report = services().ingestor.ingest(path, overrides=overrides, progress=not as_json)
        if as_json:
            typer.echo(json.dumps({"files": [f.__dict__ for f in report.files], "summary": report.summary()},
                                  indent=2))
        else:
            for f in report.files:
                if f.outcome in ("failed", "skipped"):
                    typer.secho(f"{f.outcome:9} {f.path}: {f.reason}", fg="red" if f.outcome == "failed" else "yellow")
            typer.echo(report.summary())
        if report.count("failed"):
            raise typer.Exit(2)

    @app.command()
    def withdraw(doc_id: str = typer.Argument(..., help="The document to take out of answers.")) -> None:
        """Withdraw a document: it stops answering at once."""
        with fail_cleanly():
            n = services().withdraw(doc_id, "withdrawn")
        typer.echo(f"{doc_id} withdrawn ({n} passages no longer answer).")

    @app.command()
    def reinstate(doc_id: str = typer.Argument(..., help="A withdrawn document to approve again.")) -> None:
        """Approve a withdrawn document again."""
        with fail_cleanly():
            n = services().withdraw(doc_id, "approved")
        typer.echo(f"{doc_id} approved again ({n} passages).")

    @app.command()
    def docs(show_all: bool = typer.Option(False, "--all", help="Include superseded versions."),
             as_json: bool = typer.Option(False, "--json")) -> None:
        """List documents with version and status."""
        with fail_cleanly():
            rows = services().registry.documents(include_superseded=show_all)
        today = dt.date.today()
        out = []
        for r in rows:
            status = "expired" if r.status == "approved" and r.expiry_date and r.expiry_date < today else r.status
            out.append({"doc_id": r.doc_id, "version": r.version, "type": r.type, "product": r.product,
                        "status": status, "expires": str(r.expiry_date or ""), "chunks": r.n_chunks, "title": r.title})
        if as_json:
            typer.echo(json.dumps(out, indent=2))
            return
        if not out:
            typer.echo("The library is empty: `coach ingest PATH` adds documents (try demo_corpus/).")
            return
        for d in out:
            typer.echo(f"{d['doc_id']:22} v{d['version']:6} {d['type']:12} {d['status']:10} {d['expires']:10} "
                       f"{d['chunks']:4} {d['title'][:60]}")
        typer.echo(f"{len(out)} documents")

    @app.command()
    def audit(limit: int = typer.Option(20, help="How many entries.")) -> None:
        """Show the newest entries of the answer audit log."""
        with fail_cleanly():
            for row in services().audit.recent(limit):
                flags = ("refused " if row.refused else "") + ("off-label" if row.off_label else "")
                cites = ", ".join(f"{c['doc_id']} v{c['version']} {c['locator']}" for c in row.citations)
                typer.echo(f"{row.at:%Y-%m-%d %H:%M} [{row.mode}/{row.model}] {flags}\n  Q: {row.question}\n"
                           f"  A: {row.answer[:200]}\n  cites: {cites or '-'}")

    @app.command()
    def setup(demo: bool = typer.Option(True, help="Ingest the shipped demo corpus."),
              model: bool = typer.Option(True, help="Assemble the local chat model into the cache.")) -> None:
        """Prepare this machine: tokenizer cache, local chat model, demo corpus (quiet when done)."""
        from coach.llm.model_files import assemble_qwen

        with fail_cleanly():
            s = services()
            if model:
                assemble_qwen(s.settings.cache_dir, progress=True)
            if demo:
                report = s.ingestor.ingest(DEMO_CORPUS, progress=True)
                if report.count("ingested"):
                    typer.echo(report.summary())
