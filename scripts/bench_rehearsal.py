"""Rehearsal speed on this machine: turn analysis + state update (no chat model in that path) and the
simulated HCP's time to first token with the local chat model, turn by turn (llama.cpp reuses the
prompt prefix from the previous turn).

Usage: python scripts/bench_rehearsal.py [--model qwen2.5-1.5b|smollm2-135m] [--no-llm] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
TURNS = [
    "Thanks for seeing me. What have you seen in your older patients on statins?",
    "You mentioned patients who stopped walking — what happened in those cases?",
    "Do you check CK levels before starting?",
    "What else makes you hesitant about statins at that age?",
    "The LIPITOR label, section 5.1, says myopathy is occasional and rhabdomyolysis is rare, that advanced age is a "
    "predisposing factor, and that therapy should be stopped if CPK rises markedly.",
    "In clinical studies 7% of patients were 75 or older, with no overall differences in safety or effectiveness "
    "compared with younger patients (section 8.5).",
    "So what I'm hearing is that the muscle risk and the lack of data in the very old are what hold you back.",
    "Where does that leave you now on starting a statin in your over-75s?",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="qwen2.5-1.5b")
    ap.add_argument("--no-llm", action="store_true")
    ap.add_argument("--repeats", type=int, default=5, help="Replays of the transcript for the analysis timing.")
    ap.add_argument("--json", type=Path, default=ROOT / "bench-results" / "rehearsal.json")
    args = ap.parse_args()

    from coach.llm.fake import FakeChatModel  # noqa: F401  (import cost outside the timings)
    from coach.rehearsal.models import PreCallPlan
    from coach.scenarios.loader import find_scenario
    from coach.services import Services
    from coach.settings import LLMSettings, Settings

    data = Path(tempfile.mkdtemp(prefix="bench-rehearsal-"))
    s = Services(Settings(data_dir=data, llm=LLMSettings(provider="llama", model=args.model, max_tokens=80)))
    s.ingestor.ingest(ROOT / "demo_corpus" / "labels" / "lipitor-orig.xml")
    scenario = find_scenario("statin-myopathy-elderly")
    sim_svc = s.rehearsal_service(need_model=False)
    sim = sim_svc.simulator(scenario)
    sim.replay(TURNS[:2])  # warm up: classifier, embeddings, BM25 index
    times = []
    openers = ["", "Okay. ", "Right. ", "I see. ", "Thanks. ", "Understood. ", "Good. ", "Fair enough. "]
    for r in range(args.repeats):
        state = sim.engine.initial_state()
        ctx = scenario.lines.opening
        for turn in TURNS:
            t = openers[r % len(openers)] + turn  # new text each pass: nothing is served from the embedding memo
            t0 = time.perf_counter()
            a, state, reactions = sim.step(state, t, ctx)
            times.append((time.perf_counter() - t0) * 1000)
            ctx = " ".join(r.line for r in reactions)
    out = {"analysis_state_ms_p50": round(float(np.percentile(times, 50)), 1),
           "analysis_state_ms_p95": round(float(np.percentile(times, 95)), 1), "turns_timed": len(times)}
    print(f"turn analysis + state update: p50 {out['analysis_state_ms_p50']} ms, p95 {out['analysis_state_ms_p95']} ms "
          f"over {len(times)} turns")
    if not args.no_llm:
        t0 = time.perf_counter()
        model = s.chat_model
        out["model_load_s"] = round(time.perf_counter() - t0, 2)
        live = s.rehearsal_service(need_model=True)
        sid = live.start("bench", scenario, PreCallPlan(objective="bench", intends_to_evolve_view=True))
        ttft, rates = [], []
        for t in TURNS:
            t0 = time.perf_counter()
            first = None
            n = 0
            for piece in live.say(sid, t):
                if first is None:
                    first = time.perf_counter() - t0
                n += 1
            total = time.perf_counter() - t0
            ttft.append(first or total)
            rates.append(n / max(total - (first or 0), 1e-6))
            print(f"  turn {len(ttft)}: first token {ttft[-1]:.2f} s, {n} pieces in {total:.2f} s")
        out.update({"model": args.model, "first_turn_ttft_s": round(ttft[0], 2),
                    "later_turns_ttft_s_p50": round(float(np.median(ttft[1:])), 2),
                    "later_turns_ttft_s_p95": round(float(np.percentile(ttft[1:], 95)), 2),
                    "tokens_per_s_p50": round(float(np.median(rates)), 1)})
        print(f"HCP reply ({args.model}): first turn {out['first_turn_ttft_s']} s to first token; later turns p50 "
              f"{out['later_turns_ttft_s_p50']} s (p95 {out['later_turns_ttft_s_p95']} s); ~{out['tokens_per_s_p50']} "
              "tokens/s; cold/warm ratio "
              f"{out['first_turn_ttft_s'] / max(out['later_turns_ttft_s_p50'], 1e-6):.1f}x")
        del model
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak memory {out['peak_rss_mb']} MB")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
