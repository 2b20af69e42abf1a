"""Rehearsal commands: scenarios (list, validate, schema), rehearse (interactive, resumable), sessions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from coach.cli.common import fail_cleanly, services
from coach.rehearsal.models import Insight, PreCallPlan, SelfAssessment
from coach.rehearsal.scorecard import Scorecard

scenarios_app = typer.Typer(help="List and validate coaching scenarios.", no_args_is_help=True)


@scenarios_app.command("list")
def list_scenarios(folder: Optional[Path] = typer.Option(None, help="A folder of scenario YAML files.")) -> None:
    """The scenarios with difficulty, product and persona."""
    from coach.scenarios.loader import load_library

    with fail_cleanly():
        lib = load_library(folder)
    for s in sorted(lib.values(), key=lambda s: (s.difficulty, s.id)):
        typer.echo(f"{s.id:28} {s.difficulty:12} {s.product:10} {s.persona.name} ({s.persona.specialty}) — {s.title}")


@scenarios_app.command("validate")
def validate(paths: list[Path] = typer.Argument(None, help="Files to check (default: the shipped library).")) -> None:
    """Check scenario files; errors name the file, the field and the fix."""
    from coach.scenarios.loader import ScenarioError, load_scenario, scenario_files

    files = paths or scenario_files()
    bad = 0
    for p in files:
        try:
            s = load_scenario(p)
            typer.echo(f"ok       {p} ({s.id}, {len(s.concerns)} concerns)")
        except ScenarioError as exc:
            bad += 1
            typer.secho(f"invalid  {exc}", fg="red")
    if bad:
        raise typer.Exit(1)


@scenarios_app.command("schema")
def schema() -> None:
    """Print the scenario JSON Schema."""
    from coach.scenarios.loader import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def print_scorecard(card: Scorecard) -> None:
    """The scorecard on the terminal, headline items first."""
    from coach.rehearsal.scorecard import HEADLINE

    order = sorted(card.items, key=lambda i: (i.id not in HEADLINE, 0))
    typer.secho("\nScorecard", bold=True)
    for item in order:
        mark = typer.style("PASS" if item.passed else "FAIL", fg="green" if item.passed else "red", bold=True)
        typer.echo(f"{mark} {item.title}\n      {item.seen}")
        for q in item.quotes[:2]:
            typer.echo(f"      turn {q.turn}: “{q.text[:140]}”")
        typer.echo(f"      tip: {item.tip}")
    r = card.ratios
    typer.echo(f"\nOpen questions {r['open_question_share']:.0%} · follow-up depth {r['follow_up_depth']:.0f} · "
               f"talk ratio {r['talk_ratio']:.0%} (you) · stance {card.baseline_stance:+.0f} → {card.final_stance:+.0f}")
    typer.echo("Stance by turn: " + " ".join(f"{p['stance']:+.0f}" for p in card.trajectory))


def register(app: typer.Typer) -> None:
    """Add the rehearsal commands."""
    app.add_typer(scenarios_app, name="scenarios")

    @app.command()
    def rehearse(
        scenario: Optional[str] = typer.Argument(None, help="Scenario id or YAML file (not needed with --resume)."),
        user: str = typer.Option("me", help="Who is rehearsing."),
        resume: Optional[int] = typer.Option(None, help="Continue an unfinished session by id."),
        scripted: bool = typer.Option(False, help="HCP speaks the scenario's lines (no chat model)."),
    ) -> None:
        """Rehearse a call: plan, dialogue, self-assessment, scorecard. Saved turn by turn."""
        from coach.scenarios.loader import find_scenario

        with fail_cleanly():
            s = services()
            svc = s.rehearsal_service(need_model=not scripted and s.settings.llm.provider != "none")
            if resume is not None:
                sc, _, transcript, _ = svc.load(resume)
                sid = resume
                typer.secho(f"Resuming session {sid}: {sc.title}", bold=True)
                for speaker, text in transcript:
                    typer.echo(f"{'HCP' if speaker == 'hcp' else 'You'}: {text}")
            else:
                if not scenario:
                    raise typer.BadParameter("name a scenario (see `coach scenarios list`) or use --resume ID")
                sc = find_scenario(scenario)
                typer.secho(f"{sc.title}\n{sc.persona.name}, {sc.persona.specialty} — {sc.persona.setting}", bold=True)
                typer.echo(f"Objective: {sc.objective.strip()}\n\nPre-call plan")
                plan = PreCallPlan(
                    objective=typer.prompt("  Your objective for this call"),
                    intends_to_evolve_view=typer.confirm("  Do you intend to evolve the HCP's view?", default=True),
                    hypothesis=typer.prompt("  Your hypothesis of the HCP's current view", default=""),
                    probing_questions=[q for q in typer.prompt("  Probing questions (separate with ';')",
                                                               default="").split(";") if q.strip()],
                    evidence_to_bring=[e for e in typer.prompt("  Evidence to bring (separate with ';')",
                                                               default="").split(";") if e.strip()],
                )
                sid = svc.start(user, sc, plan)
                typer.echo(f"\n(session {sid}; type /end to finish — resume later with --resume {sid})\n")
                typer.echo(f"HCP: {sc.lines.opening.strip()}")
            while True:
                text = typer.prompt("You", default="/end", show_default=False).strip()
                if text in ("/end", "/quit", ""):
                    break
                typer.echo("HCP: ", nl=False)
                for piece in svc.say(sid, text):
                    typer.echo(piece, nl=False)
                typer.echo("")
            typer.secho("\nAfter the call", bold=True)
            changed = typer.prompt("  Did the HCP's view change? (yes/no/unsure)", default="unsure")
            stance = typer.prompt("  Where does the HCP stand now, -2 (against) … +2 (for)? (blank if unsure)",
                                  default="", show_default=False)
            summary = typer.prompt("  The HCP's view now, in a sentence", default="")
            insight = typer.prompt("  Insight from this call (what the HCP believes or does, and why)", default="")
            self_assessment = SelfAssessment(view_changed=changed if changed in ("yes", "no", "unsure") else "unsure",
                                             new_stance=int(stance) if stance.strip().lstrip("+-").isdigit() else None,
                                             summary=summary)
            card = svc.finish(sid, self_assessment, Insight(text=insight, therapeutic_area=sc.therapeutic_area,
                                                            topic=sc.topic))
        print_scorecard(card)

    @app.command()
    def sessions(user: Optional[str] = typer.Option(None), as_json: bool = typer.Option(False, "--json")) -> None:
        """Past rehearsals with their headline results."""
        with fail_cleanly():
            rows = services().rehearsal_store.sessions(user)
        out = []
        for r in rows:
            card = json.loads(r.scorecard_json) if r.scorecard_json else None
            passed = {i["id"]: i["passed"] for i in card["items"]} if card else {}
            out.append({"id": r.id, "user": r.user, "scenario": r.scenario_id, "status": r.status,
                        "at": r.updated_at.isoformat(timespec="minutes"), "passed": passed})
        if as_json:
            typer.echo(json.dumps(out, indent=2))
            return
        if not out:
            typer.echo("No rehearsals yet: `coach rehearse statin-myopathy-elderly` starts one.")
        for o in out:
            score = f"{sum(o['passed'].values())}/{len(o['passed'])} items" if o["passed"] else "unfinished"
            typer.echo(f"{o['id']:4} {o['at']} {o['user']:10} {o['scenario']:28} {o['status']:8} {score}")
