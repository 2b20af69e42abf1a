"""Off-label checks: does a question ask about a use the product's label does not list?

The judgement is made against the label's Indications and Usage section (LOINC 34067-9 and its
numbered subsections), with no chat model: the condition or population the question asks about is
pulled out of the question and looked for in the indications text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.ask.sentences import content_words

INDICATIONS_CODE = "34067-9"
UNSOLICITED_GUIDANCE = (
    "This question concerns a use that is not in the approved label. Respond only if the request is "
    "unsolicited; give balanced, scientific, non-promotional information; say that the use is not approved; "
    "document the request; and refer the HCP to Medical Information for a formal response."
)
# Words that ask about using the product for something.
_USE_INTENT = re.compile(
    r"\b(use[sd]?|using|treat(?:s|ed|ing|ment)?|prescrib\w*|give|giving|indicat\w*|approv\w*|effective|"
    r"work|help|start|dose|dosing|therapy|manage\w*|prevent\w*|off[- ]label|for)\b", re.I)
# The thing asked about: after "for/in/treat/with", up to the end of the clause.
_TARGET = re.compile(
    r"\b(?:for|in|treat(?:s|ing)?|treatment of|with|against|manage|prevent(?:ion of)?)\s+"
    r"(?:the\s+|a\s+|an\s+|my\s+|our\s+|patients?\s+with\s+|people\s+with\s+|adults?\s+with\s+)?"
    r"([^?.,;]+)", re.I)
# Words in a target phrase that say nothing about the condition itself.
_GENERIC = set(
    """patient people adult adults man men woman women someone anyone treatment therapy use dose dosing daily
    mg tablet tablets injection injections clinical practice practise day week month year years long term
    first line second line setting combination monotherapy risk reduce reducing level levels high low
    safe safety efficacy effective benefit benefits option options case cases label approved indicated""".split()
)
_POPULATIONS = {"child": ("pediatric", "child", "adolescent", "children", "years of age"),
                "children": ("pediatric", "child", "adolescent", "children", "years of age"),
                "kid": ("pediatric", "child"), "pediatric": ("pediatric", "child", "adolescent"),
                "pregnant": ("pregnan",), "pregnancy": ("pregnan",), "infant": ("infant", "neonat")}


@dataclass
class OffLabelFlag:
    """The verdict and its reasons."""

    off_label: bool
    product: str | None
    asked_about: str | None
    reason: str
    guidance: str = ""
    indications: list[str] = field(default_factory=list)


def asked_targets(question: str, products: list[str]) -> list[str]:
    """Condition/population phrases the question asks about (product names removed)."""
    if not _USE_INTENT.search(question):
        return []
    names = {n.lower() for n in products}
    return [t for t, _ in _targets(question, names)]


def _targets(question: str, names: set[str]) -> list[tuple[str, str]]:
    """(stemmed target, the question's own words for it) pairs."""
    found = []
    for m in _TARGET.finditer(question):
        phrase = m.group(1).strip()
        words = [w for w in content_words(phrase) if w not in names and w not in _GENERIC]
        if words:
            found.append((" ".join(words), phrase))
    return found


def _covered(target: str, indications_text: str) -> bool:
    text = indications_text.lower()
    stems = set(content_words(indications_text))
    words = target.split()
    for w in words:
        if w in _POPULATIONS:
            if not any(p in text for p in _POPULATIONS[w]):
                return False
            continue
        if w in stems or w[:6] in text:
            continue
        return False
    return True


def check_off_label(question: str, product: str | None, indications_text: str | None,
                    product_names: list[str] | None = None) -> OffLabelFlag:
    """Flag a question about a condition or population absent from the label's indications."""
    if not product or not indications_text:
        return OffLabelFlag(False, product, None, "no product label to judge against")
    targets = asked_targets(question, [product, *(product_names or [])])
    if not targets:
        return OffLabelFlag(False, product, None, "the question names no condition or population of use")
    missing = [t for t in targets if not _covered(t, indications_text)]
    if not missing or len(missing) < len(targets) and all(len(t.split()) == 1 for t in missing):
        return OffLabelFlag(False, product, targets[0], f"'{targets[0]}' appears in the {product} indications")
    said = dict(_targets(question, {n.lower() for n in [product, *(product_names or [])]}))
    return OffLabelFlag(True, product, missing[0],
                        f"'{said.get(missing[0], missing[0])}' is not among the indications in the {product} label",
                        guidance=UNSOLICITED_GUIDANCE)
