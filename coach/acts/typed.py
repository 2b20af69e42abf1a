"""Turns as they are typed on a phone or tablet: texting and field shorthand read as the words they stand for.

MSLs rehearse between visits and type fast: "so where r u now on this", "whats ur experience w muscle AEs in
ur older pts", "per PI 5.2 persistent LFT >3x ULN 0.2% on 10mg". The act rules and the claim check are written
for the words ("you", "patients", "section 5.2") and for questions that end in a question mark, so a turn is read
in those words first; what the MSL typed is what the scorecard quotes.
"""

from __future__ import annotations

import re

# Whole words, matched case-insensitively (a capitalised "U" or "Pts" is the same word).
_WORDS = {
    "u": "you", "ya": "you", "ur": "your", "r": "are", "w": "with", "b/c": "because", "bc": "because",
    "cuz": "because", "coz": "because", "w/": "with", "w/o": "without", "abt": "about", "pls": "please",
    "plz": "please", "thx": "thanks", "tho": "though", "thru": "through", "rly": "really", "ppl": "people",
    "b4": "before", "smth": "something", "sth": "something", "imo": "in my opinion", "fwiw": "for what it's worth",
    "esp": "especially", "obv": "obviously", "prob": "probably", "diff": "different", "incl": "including",
    "q": "question", "qs": "questions", "re:": "about", "re": "about", "info": "information",
    "approx": "approximately", "gr8": "great", "vs": "versus", "vs.": "versus", "hr": "hour",
    "hrs": "hours", "pbo": "placebo", "ctrl": "controlled", "rrr": "relative risk reduction", "med": "medication",
    "arr": "absolute risk reduction", "rn": "right now", "diffs": "differences", "adj": "adjustment",
    # clinical shorthand
    "pt": "patient", "pts": "patients", "pt-yrs": "patient-years", "hx": "history", "dx": "diagnosis",
    "dx'd": "diagnosed", "tx": "treatment", "d/c": "discontinue", "abx": "antibiotics", "meds": "medicines",
    "dz": "disease", "neg": "negative", "pos": "positive", "sig": "significant", "conc": "concentration",
    "concs": "concentrations", "combo": "combination", "combos": "combinations", "neuro": "neurological",
    "derm": "dermatologist", "derms": "dermatologists", "rhabdo": "rhabdomyolysis", "atorva": "atorvastatin",
    "clarithro": "clarithromycin", "clarith": "clarithromycin", "rtv": "ritonavir", "qd": "once daily",
    "crohns": "Crohn's", "hep b": "hepatitis B", "dmt": "disease-modifying therapy",
    "dmts": "disease-modifying therapies", "ddi": "drug interaction", "ddis": "drug interactions",
    "aes": "adverse events", "sae": "serious adverse event", "saes": "serious adverse events",
    "q2w": "every other week", "w&p": "warnings and precautions", "mir": "medical information request",
    "med info": "medical information", "tbl": "table", "wk": "week", "wks": "weeks", "mo": "month", "mos": "months",
    "yr": "year", "yrs": "years",
    # contractions typed without the apostrophe
    "whats": "what's", "thats": "that's", "theres": "there's", "hows": "how's", "wheres": "where's",
    "whos": "who's", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "wont": "won't", "ive": "I've", "youre": "you're", "youve": "you've",
    "youd": "you'd", "theyre": "they're", "u'd": "you'd", "u'll": "you'll", "u've": "you've", "u're": "you're",
}
_WORD = re.compile(r"(?<![\w/&:'-])(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) +
                   r")(?![\w/&-]|'(?!s\b))", re.I)
# Capitals that stand for a phrase only when capitalised ("HR 0.78" is a hazard ratio; "hr" may be an hour).
_CAPS = {"HR": "hazard ratio", "MCVE": "major cardiovascular events", "GBS": "Guillain-Barré syndrome",
         "PT": "prothrombin time", "PI": "prescribing information"}  # ("PIs" are protease inhibitors)
_CAP = re.compile(r"(?<![\w-])(" + "|".join(_CAPS) + r")(?![\w-])")
_DOCTOR = re.compile(r"(?<![\w'])dr(?![\w.'])(?! [A-Z])")  # "only if a dr directs" (not the title of "Dr. Okafor")
_IM = re.compile(r"(?<![\w'])im(?![\w'])")  # "im" typed for "I'm" (never the capital "IM" of an injection)
# "ill send it", "id say": the apostrophe left out before what the MSL will do or would say.
_I_WILL = re.compile(r"(?<![\w'])(ill|id)(?= (?:send|put|get|email|check|follow|come|bring|share|drop|leave|look|ask|"
                     r"submit|pass|make|do|be|have|forward|set|book|call|note|flag|find|pull|run|go|keep|let|say|like|"
                     r"love|suggest|want|think|add|circle|walk|loop)\b)", re.I)
# A section typed short or after the document's name: "sec 2.6", "sec. 5", "PI 5.1", "label 14.1", "W&P 5.1".
_SECTION = re.compile(r"\b(?:sec(?:t)?\.?|§)\s*(?=\d)|(?<![\w&])(PI|label|W&P)\s+(?=\d{1,2}\.\d{1,2}\b)", re.I)
_WITH = re.compile(r"\bw/(?!o\b)(?=[a-z])", re.I)  # "w/CK up"
# A unit run into its figure: "80mg", "2-4wks", "4h".
_UNIT = re.compile(r"(?<=\d)(mg|mcg|ml|kg|wks?|weeks?|mos?|months?|yrs?|years?|hrs?|hours?|h|days?)\b", re.I)
_AGE = re.compile(r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)(?![\w/])", re.I)
_OR_OLDER = re.compile(r"\b(\d{1,3})\+(?=[\s,.;)]|$)")  # "65+"
_THOUSANDS = re.compile(r"\b(\d+(?:\.\d+)?)k\b")  # "39.8k"
_TIMES = re.compile(r"\b(\d+(?:\.\d+)?)\s*x(?=\s|$)(?!\s*(?:a|per)\b)", re.I)
_ABOUT = re.compile(r"~\s*(?=\d)")
_EVERY = re.compile(r"\bq\s?(\d{1,2})\s?h\b", re.I)  # "q4h"
_YEARS = re.compile(r"(?<=\d)y\b")  # "median 4.9y"
_ARROW = re.compile(r"\s*-+>\s*")  # "… a risk factor -> closer muscle monitoring"
_MORE = re.compile(r"(?<![<>=\w])>\s*(?=\d)")
_LESS = re.compile(r"(?<![<>=\w])<\s*(?=\d)")
_AND = re.compile(r"(?<=[a-z]) \+ (?=[a-z])", re.I)  # "5.5 + peripheral"

# Where a typed question begins: a question word with what makes it one, an auxiliary before its subject, or an
# "anything / any other …?".
_ASKS = re.compile(
    r"^(?:(?:so|and|but|ok|okay|also|then|right|quick question|last question|one more|and so)\W+)*(?:"
    r"what'?s\b|what (?:is|are|was|were|do|does|did|would|will|can|could|has|have|made|makes|worries|concerns|else|"
    r"about|kind|type|happens|happened|goes|gets|stops|keeps|prompted|drives|drove|led|your|you|they|she|he)\b|"
    r"how(?:'s)?\s+(?:do|does|did|is|are|was|were|would|will|can|could|has|have|many|much|often|long|soon|come|"
    r"about|you|they|she|he)\b|why\b|where(?:'s| do| does| did| are| is| would| will| r)\b|"
    r"which (?:of|ones?|patients|do|does|did|would|will)\b|when (?:do|does|did|would|will|is|are|should)\b|"
    r"who(?:'s| do| does| did| is| are| would| will| gets?)\b|"
    r"(?:do|does|did|is|are|was|were|can|could|would|will|have|has|should|shall)\s+(?:you|they|she|he|we|i|it|"
    r"this|that|those|these|the|any|anyone|your|her|his|their|there|all|most)\b|"
    r"(?:is there |are there )?any(?:thing|one| other| more| questions?| concerns?| worries| issues)\b|"
    r"still (?:the )?same\b)", re.I)
_CLAUSE = re.compile(r",\s+|\s+[-–—]+\s+|;\s+|\.{2,}\s*|…\s*|\s+or\s+")
_TAG = re.compile(r"\b(?:you|your|they|she|he)\b.*(?:,\s*|\s[-–—]\s*|\s)(?:right|correct|yeah|yes|no)$", re.I)
TAIL_WORDS = 12  # words that may trail a typed question ("…, other meds etc") and leave it a question


def _section(m: re.Match[str]) -> str:
    name = m.group(1)
    if not name:
        return "section "
    return ("prescribing information" if name.upper() == "PI" else
            "warnings and precautions" if name.upper() == "W&P" else name) + " section "


def _thousands(m: re.Match[str]) -> str:
    return f"{round(float(m.group(1)) * 1000):,}"


def question_marked(text: str) -> str:
    """A turn that ends in a question typed without its mark gets one ("…, anything else that makes it tricky,
    other meds etc" asks); a statement is left as it is."""
    stripped = text.rstrip()
    if not stripped or re.search(r"[.!?…:;)\"”']$", stripped):
        return text
    last = re.split(r"(?<=[.!?])\s+", stripped)[-1]
    if _TAG.search(last):  # "you keep most of your CAD patients on 10 or 20 right"
        return stripped + "?"
    clauses = _CLAUSE.split(last)
    for i in range(len(clauses) - 1, -1, -1):
        if _ASKS.match(clauses[i].strip()):
            after = sum(len(c.split()) for c in clauses[i + 1 :])
            return stripped + "?" if after <= TAIL_WORDS else text
    return text


def as_words(text: str) -> str:
    """The turn with typed shorthand written out and a typed question marked; plain prose comes back unchanged."""
    if not text:
        return text
    out = _AGE.sub(r"\1-year-old", text)
    out = _EVERY.sub(r"every \1 hours", out)
    out = _SECTION.sub(_section, out)
    out = _THOUSANDS.sub(_thousands, out)
    out = _UNIT.sub(r" \1", out)
    out = _OR_OLDER.sub(r"\1 or older", out)
    out = _TIMES.sub(r"\1 times", out)
    out = _ABOUT.sub("about ", out)
    out = _YEARS.sub(" years", out)
    out = _ARROW.sub(", so ", out)
    out = _MORE.sub("more than ", out)
    out = _LESS.sub("less than ", out)
    out = _AND.sub(" and ", out)
    out = _WITH.sub("with ", out)
    out = _I_WILL.sub(lambda m: "I'll" if m.group(1).lower() == "ill" else "I'd", out)
    out = _CAP.sub(lambda m: _CAPS[m.group(1)], out)
    out = _IM.sub("I'm", out)
    out = _DOCTOR.sub("doctor", out)
    out = _WORD.sub(lambda m: _WORDS[m.group(1).lower()], out)
    return question_marked(out)
