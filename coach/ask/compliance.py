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
# Commercial questions (price, coverage, rebates, sales): medical information does not answer them, and an
# answer made of sentences that merely name the product would look like one.
COMMERCIAL = re.compile(
    r"\b(price[sd]?|pricing|cost[s]?|costly|how much (?:does|is|would) (?:it|a|the|one)\b|expensive|cheap(?:er|est)?|"
    r"co-?pay\w*|co-?insurance|copay card|coupons?|rebates?|discounts?|reimburs\w*|insurance coverage|covered by "
    r"(?:insurance|medicare|medicaid)|formulary (?:status|tier)|tier \d|wholesale|list price|market share|sales)\b",
    re.I)


def commercial_request(question: str, sentences: list[str]) -> str | None:
    """The commercial topic a question asks about when the chosen approved sentences do not speak to it."""
    asked = COMMERCIAL.search(question)
    if not asked or any(COMMERCIAL.search(s) for s in sentences):
        return None
    return asked.group(0).lower()


# Words that ask about using the product for something.
_USE_INTENT = re.compile(
    r"\b(use[sd]?|using|treat(?:s|ed|ing|ment)?|prescrib\w*|give|giving|indicat\w*|approv\w*|effective|"
    r"work|help|start|dose|dosing|therapy|manage\w*|prevent\w*|off[- ]label|for)\b", re.I)
# The thing asked about: after a word that introduces it, up to the end of the clause. What the word is
# decides what the phrase is: "for X", "to treat X", "help patients with X", "the dose in X" ask about X as
# a use of the product; "in a patient with X" names who would receive it, the setting of a safety question.
_TARGET = re.compile(
    r"\b(?P<intro>for|in|treat(?:s|ing)?|treatment of|against|manage|help(?:s|ing)?(?:\s+with)?|"
    r"prevent(?:ion of)?)\s+"
    r"(?:the\s+|a\s+|an\s+|my\s+|our\s+|patients?\s+with\s+|people\s+with\s+|adults?\s+with\s+)?"
    r"(?P<phrase>[^?.,;]+)", re.I)
# "screened for tuberculosis", "monitored for infection": what is looked for, not a use.
_LOOKED_FOR = re.compile(r"\b(?:screen|test|check|monitor|evaluat|assess|watch|look)\w*\s+(?:\w+\s+)?$", re.I)
# The rest of a phrase after another medicine or a time comes in: "a patient who is also taking
# clarithromycin", "children treated with TNF blockers", "tuberculosis before starting …".
_CO_MEDICATION = re.compile(
    r"\b(?:(?:who|that)\s+(?:is\s+|are\s+)?(?:also\s+)?(?:tak(?:e|es|ing)|on|receiv\w*|us(?:e|es|ing))|taking|"
    r"receiving|treated\s+with|on|with|before|after|while|during|when)\b.*", re.I)
_PERSON = (r"(?:patients?|people|persons?|adults?|children|child|kids?|infants?|wom[ae]n|m[ae]n|mothers?|someone|"
           r"anyone|those|subjects?)")
# A person described by a condition: "a patient with renal impairment", "a woman who is pregnant".
_PERSON_WITH = re.compile(rf"^(?:\w+\s+){{0,2}}?{_PERSON}\s+(?:with|who\s+(?:is|are|has|have))\s+", re.I)
_MENTIONS_PERSON = re.compile(rf"\b{_PERSON}\b", re.I)
# Words in a target phrase that say nothing about the condition itself.
_GENERIC = set(
    """patient people adult adults man men woman women someone anyone treatment therapy use dose dosing daily
    mg tablet tablets injection injections clinical practice practise day week month year years long term
    first line second line setting combination monotherapy risk reduce reducing level levels high low
    safe safety efficacy effective benefit benefits option options case cases label approved indicated
    person persons those old age aged under over older younger trial trials study studies studied morning
    evening night time food meal""".split()
)
# Special populations: the label's own sections (Use in Specific Populations, renal and hepatic dosing)
# speak to them. A question about giving the product to them asks how, or whether it is safe, not for a
# new use.
_SPECIAL = re.compile(r"^(?:pregnan\w*|nursing|breast\w*|lactat\w*|mother\w*|elderly|geriatric|renal|kidney|"
                      r"hepatic|liver|impair\w*|insufficiency|dysfunction|transplant\w*)$", re.I)
_POPULATIONS = {"child": ("pediatric", "child", "adolescent", "children", "years of age"),
                "children": ("pediatric", "child", "adolescent", "children", "years of age"),
                "kid": ("pediatric", "child"), "pediatric": ("pediatric", "child", "adolescent"),
                "adolescent": ("pediatric", "adolescent", "years of age"), "teen": ("pediatric", "adolescent"),
                "infant": ("infant", "neonat"), "newborn": ("infant", "neonat"), "baby": ("infant", "neonat")}
# Questions on how to dose or how safe the product is: asking them about an age group is not asking to
# use the product for anything new.
_DOSING_OR_SAFETY = re.compile(
    r"\b(?:dos(?:e|es|ed|ing|age)|how (?:much|often|many)|adjust\w*|maximum|safe\w*|risks?|consider\w*|"
    r"precaution\w*|contraindicat\w*|warnings?|monitor\w*|screen\w*|side effects?|adverse|interact\w*|"
    r"caution|known|reported)\b", re.I)


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
    """Conditions and populations the question asks to use the product for (product names removed).

    Not among them: what the product is given *in* when that is a condition or a special population
    ("in a patient with heart failure", "in a woman who is pregnant": a safety question), other medicines
    ("with another product that contains …", "a patient taking clarithromycin"), what is screened for,
    and an age group in a dosing or safety question ("the dose for children 6 to under 12").
    """
    if not _USE_INTENT.search(question):
        return []
    names = {n.lower() for n in products}
    return [t for t, _ in _targets(question, names)]


def _targets(question: str, names: set[str]) -> list[tuple[str, str]]:
    """(stemmed target, the question's own words for it) pairs."""
    dosing_or_safety = bool(_DOSING_OR_SAFETY.search(question))
    found = []
    for m in _TARGET.finditer(question):
        intro, phrase = m.group("intro").lower(), m.group("phrase").strip()
        if intro == "for" and _LOOKED_FOR.search(question[: m.start()]):
            continue
        # "considerations for Lipitor in elderly patients": the product, then who it is given to.
        first, _, rest = phrase.partition(" ")
        if first.lower() in names and rest.lower().startswith("in "):
            intro, phrase = "in", rest[3:].strip()
        described = _PERSON_WITH.match(phrase)
        condition_part = _CO_MEDICATION.sub("", phrase[described.end():] if described else phrase)
        words = [w for w in content_words(condition_part) if w not in names and w not in _GENERIC
                 and not w.isdigit() and not _SPECIAL.match(w)]
        people = [w for w in words if w in _POPULATIONS]
        if described:
            people += [w for w in content_words(phrase[: described.end()]) if w in _POPULATIONS]
        conditions = [w for w in words if w not in _POPULATIONS]
        if conditions and intro == "in" and _MENTIONS_PERSON.search(m.group(0)):
            continue  # who receives it ("in a patient with heart failure"): the setting of a safety question
        if not conditions and (dosing_or_safety or not people):
            continue
        found.append((" ".join(dict.fromkeys(conditions + people)), phrase))
    return found


def _covered(target: str, indications_text: str) -> bool:
    text = indications_text.lower().replace("’", "'")
    stems = set(content_words(indications_text))
    words = target.split()
    for w in words:
        if w in _POPULATIONS:
            if not any(p in text for p in _POPULATIONS[w]):
                return False
            continue
        if w in stems or re.search(rf"\b{re.escape(w[:6])}", text):
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
