"""Build the shipped demo corpus from the shared data folder (run once; its output is committed).

Usage: python scripts/make_demo_corpus.py ../shared/data
Writes demo_corpus/labels (SPL labels), demo_corpus/publications (one Markdown file per PubMedQA
abstract, without its conclusion) and evals/data/pubmedqa_questions.jsonl (question -> its abstract).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(shared: Path) -> None:
    labels, pubs = ROOT / "demo_corpus" / "labels", ROOT / "demo_corpus" / "publications"
    labels.mkdir(parents=True, exist_ok=True)
    pubs.mkdir(parents=True, exist_ok=True)
    for name in ("lipitor-orig.xml", "humira.xml", "cough.xml", "SOURCE.md"):
        shutil.copy2(shared / "labels" / name, labels / name)
    data = json.loads((shared / "pubmedqa-dev" / "pqal_dev.json").read_text())
    questions = []
    claims = []
    for pmid, item in sorted(data.items()):
        lines = [f"# PubMed {pmid} ({item.get('YEAR', 'n.d.')})", ""]
        for label, text in zip(item["LABELS"], item["CONTEXTS"]):
            lines += [f"## {label.title()}", "", text.strip(), ""]
        (pubs / f"{pmid}.md").write_text("\n".join(lines), encoding="utf-8")
        questions.append({"id": f"q{pmid}", "question": item["QUESTION"], "relevant": [pmid]})
        claims.append({"id": f"c{pmid}", "question": item["LONG_ANSWER"], "relevant": [pmid]})
    shutil.copy2(shared / "pubmedqa-dev" / "LICENSE", pubs / "LICENSE")
    shutil.copy2(shared / "pubmedqa-dev" / "SOURCE.md", pubs / "SOURCE.md")
    out = ROOT / "evals" / "data"
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "pubmedqa_questions.jsonl", "w") as f:
        f.writelines(json.dumps(q) + "\n" for q in questions)
    with open(out / "pubmedqa_claims.jsonl", "w") as f:
        f.writelines(json.dumps(q) + "\n" for q in claims)
    print(f"{len(questions)} publications and questions written")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
