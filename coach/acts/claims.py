"""Check an MSL's factual claims against the approved corpus through retrieval.

A claim is supported when the approved passages retrieved for it hold a sentence that says the same
thing (sentence-level best match: embedding similarity plus content-word overlap) **and** nothing in
the claim goes beyond the source: every figure must appear in the matched passages, and a superlative
("the safest"), a comparison ("better tolerated than simvastatin"), an absolute ("never", "no risk") or
a drug name must be found there too. Semantic similarity alone is lenient on purpose (MSLs paraphrase
the label); the risky words are checked strictly, since they are what turns a paraphrase into an
unsupported claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from text_to_num import alpha2digit

from coach.acts.types import OVERREACH_KINDS, Claim
from coach.ask.answer import NEGATION, Composer, heading_context, novel_words
from coach.ask.sentences import content_words, split_sentences
from retrieval.retriever import Retriever
from retrieval.store import active_filter
from retrieval.types import Passage

SUPPORT = 0.6  # a claim whose best approved sentence scores this much is supported (if no check fails)
SUPPORT_WITH_OVERLAP = 0.5  # …or this much when most of its content words are in the matched passages
OVERLAP_NEEDED = 0.6
# …or this much when, of six or more words, nearly all are in the label text around it
WINDOW_SUPPORT, WINDOW_COVERAGE, WINDOW_WORDS = 0.4, 0.8, 6
FIGURE_ALL_WORDS = 0.25  # …or, for a stretch of a claim with a figure in it, this much
ALL_WORDS_SUPPORT = 0.4  # …or this much when one sentence holds every content word of it
NOVEL_SHARE = 0.25  # a claim with more of its content words in none of its best sentences says more than they do
HOLDING_CHUNKS = 4  # chunks fetched because they hold a claim's exact decimal figures
LIST_ITEMS = 3  # a claim of this many stretches is a list: a wrong item does not undo the right ones
TOP_SENTENCES = 3  # the sentences a claim's risky words must be found in
DRUG_RANK_BONUS = 0.1  # how much naming the claim's co-medication lifts a sentence when choosing the one behind it
FIGURE_WINDOW = 4  # the words before a figure that say what it is a figure of ("a median of 4.9 years")
CLOSE_SENTENCES = 6  # the sentences that may vouch for a stretch's figure when they are about its subject
RELEVANT_PASSAGE = 0.45  # a passage whose best sentence scores this much may hold the claim's figures
K = 6  # passages retrieved for a turn's claims (hybrid)
BM25_K = 3  # …plus these per claim (BM25)

_SPLIT = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”’])\s+")  # a sentence may end inside quotes: '…over 75."'
# Words and phrases that make a claim risky: each must be backed by the source itself.
SUPERLATIVE = re.compile(
    r"\b(best(?:[- ](?:studied|tolerated|choice|option))?|safest|most (?:effective|potent|tolerated|studied|trusted|"
    r"prescribed|powerful|reliable|proven)|superior|number one|#1|the only (?:statin|drug|treatment|option|choice|"
    r"one)|unmatched|unrivall?ed|gold standard|first[- ]choice|nothing (?:else )?(?:comes close|compares|beats)|"
    r"no other (?:statin|drug|treatment|option|product)|"
    r"(?:lowest|highest|least|fewest)\b[^.;,]{0,40}?\bof (?:any|all)|"
    # "about the most forgiving statin there is", "the gentlest biologic on the market"
    r"(?:most|least) [a-z]+ (?:statin|drug|treatment|option|therapy|biologic|product|medicine)|"
    r"[a-z]{3,}est (?:statin|drug|treatment|option|therapy|biologic|product|medicine)(?= (?:there is|available|on the "
    r"market|around|out there|of all|you can))|"
    # "the gentlest cold syrup on the shelf", "the cleanest option in its class": a quality ranked against the market
    r"\bthe (?!(?:lat|earli|high|low|larg|small|long|short|great|bigg|near|young|old|fin|clos)est\b)[a-z]{3,}est "
    r"(?:[a-z-]+ ){0,2}(?:statin|drug|treatment|option|therapy|biologic|product|medicine|syrup|remedy|formula|choice|one)"
    r"(?= (?:on the (?:market|shelf|shelves)|in (?:its|the|their) class|of (?:them )?all|there is|out there|available))|"
    r"\bthe [a-z]{3,}est one to (?:use|code|dose|prescribe|manage|give|start|monitor))\b",
    re.I)
COMPARATIVE = re.compile(
    r"\b(better|safer|easier|stronger|faster|gentler|cleaner|superior to|more (?:effective|potent|tolerable|"
    r"convenient|reliable|powerful|efficacious)|less (?:toxic|risky|dangerous)|"
    r"fewer (?:side effects|adverse|relapses|flares|attacks|exacerbations)|"
    r"outperform\w*|beats?|unlike|(?:advantage|edge) over|[a-z]{3,}er than (?:most|many|other|any|all|the other)\b|"
    r"(?:less|more|fewer) (?!than\b|often\b|frequently\b)[a-z]+(?: (?:to|of|in|with|on) [\w-]+)? than|"
    r"(?:lower|higher) (?!than\b)[a-z-]+(?: [a-z-]+| (?:of|in|with|on) [\w-]+)? than (?:the |any |other |all )+[\w-]+)\b"
    r"(?! (?:people|you|most people|many|one|we|i|clinicians|doctors) (?:might |would |\w+ )?(?:expect|think|assum|"
    r"realis|realiz|imagin))", re.I)
ABSOLUTE = re.compile(  # not partitive: "of everyone who got it, 7% were 75 or older"
    r"\b(?<!\bof )(never|always|no risk|risk[- ]free|zero risk|completely (?:safe|free)|totally safe|entirely safe|"
    r"no side effects|guarantee\w*|nothing to worry|(?:don'?t|do not|never) (?:need|have) to worry|"
    r"(?:isn'?t|aren'?t|is not|are not) (?:really |even )?(?:an? )?(?:issue|problem|concern|worry)|"
    r"no need to (?:monitor|worry|check|re-?test|test|re-?screen|screen)|(?:don'?t|do not|doesn'?t|does not) need to (?:re-?test|"
    r"test|re-?screen|screen|monitor|check)|(?:doesn'?t|does not|don'?t|do not|never|won'?t|will not) happen\w*|(?:eliminat|remov|abolish)\w* (?:the |any |all )?risk|"
    r"without (?:any )?(?:monitoring|testing|screening|checks?)|(?:is|are|it'?s|perfectly|very|quite) safe|"
    r"safe (?:in|for|to)|no effect|"
    r"no (?:interactions?|muscle|liver) (?:problems?|issues?|effects?)|"
    # "Optic neuritis just isn't something you see with HUMIRA": an absence said as a matter of experience
    r"(?:isn'?t|is not|aren'?t|are not) (?:something|anything) (?:you|we|anyone|people) (?:\w+ )?(?:see|get)|"
    r"(?:you|we) (?:don'?t|do not|never) (?:really )?see (?:that|this|it)|(?:doesn'?t|does not|won'?t|will not|can'?t|cannot) "
    r"cause|(?:all|every|most) (?:\w+ )?(?:patients|people|"
    r"adults|users)|everyone)\b", re.I)
# A rate said in words ("well under one in ten thousand"): a figure to check, however it is framed.
ONE_IN = re.compile(r"\b(?:one|1) in (?:a |one )?(?:ten|a hundred|hundred|a thousand|thousand|a million|million|\d[\d,]*)"
                    r"(?: thousand| million)?\b", re.I)
# Quantity words that stand for a figure.
_HALF, _DOUBLE, _TRIPLE = ("half", "halved", "50"), ("double", "twice", "2-fold"), ("triple", "3-fold")
QUANTITY = {"half": _HALF, "halve": _HALF, "halved": _HALF, "halving": _HALF,
            "double": _DOUBLE, "doubled": _DOUBLE, "doubling": _DOUBLE, "twice": ("twice", "double", "2-fold"),
            "triple": _TRIPLE, "tripled": _TRIPLE, "tripling": _TRIPLE, "third": ("third", "33"),
            "quarter": ("quarter", "25")}
_SHARE_OF = {"half": 50.0, "halve": 50.0, "halved": 50.0, "halving": 50.0, "third": 33.3, "quarter": 25.0}
_QUANTITY = re.compile(r"\b(" + "|".join(QUANTITY) + r")\b", re.I)
# International non-proprietary name stems: a drug the source never names cannot be compared with.
DRUG = re.compile(r"\b[a-z]{3,}(?:statin|mab|tinib|gliflozin|glutide|gliptin|pril|sartan|olol|azole|mycin|cillin|"
                  r"floxacin|xaban|gatran|parin|lukast|terol|sonide|triptan|gepant|semide|thiazide|dipine|profen|"
                  r"fibrozil|fibrate|sporine|navir|previr|buvir|chicine|goxin|farin|niacin|darone|tiazem|pamil|oxetine|"
                  r"traline|cycline|dronate)\b",
                  re.I)
# Who a claim is about, and how strongly it restricts use: both must be in the very sentence that backs it (a
# starting-dose sentence does not back "a lower starting dose in the elderly"; a sentence on active liver disease
# does not back "contraindicated in patients over 75").
POPULATIONS = {
    "elderly": r"elderly|older|geriatric|aged?\b|≥\s*(?:65|75)|over[- ](?:65|70|75|80)s?|(?:65|75|80) (?:years|or older|and "
               r"older)|octogenarian|in their (?:70s|80s|seventies|eighties)",
    "renal": r"renal|kidney|creatinine clearance|dialysis",
    "hepatic": r"hepatic|liver|cirrho",
    "pregnancy": r"pregnan|lactat|breast-?feed|nursing mothers",
    "children": r"child|pediatric|paediatric|adolescent|infant|neonat",
}
_POPULATION = {k: re.compile(rf"\b(?:{v})", re.I) for k, v in POPULATIONS.items()}
# The conditions a label gives doses and rates for, by name or by the label's own abbreviation (case matters:
# "AS" is ankylosing spondylitis, "as" is not). A figure given for one condition does not back it for another.
CONDITIONS = {
    "rheumatoid arthritis": r"(?i:rheumatoid)|\bRA\b",
    "psoriatic arthritis": r"(?i:psoriatic arthritis)|\bPsA\b",
    "ankylosing spondylitis": r"(?i:ankylosing)|\bAS\b",
    "Crohn's disease": r"(?i:crohn)|\bCD\b",
    "ulcerative colitis": r"(?i:ulcerative colitis)|\bUC\b",
    "plaque psoriasis": r"(?i:plaque psoriasis|psoriasis\b(?! area))|\bPs\b",
    "hidradenitis suppurativa": r"(?i:hidradenitis)|\bHS\b",
    "uveitis": r"(?i:uveitis)|\bUV\b",
    "juvenile idiopathic arthritis": r"(?i:juvenile idiopathic|polyarticular)|\bJIA\b",
    "familial hypercholesterolemia": r"(?i:familial hypercholesterol)|\bHe?o?FH\b",
}
_CONDITION_NAMED = {k: re.compile(v) for k, v in CONDITIONS.items()}


def _decimals(text: str) -> set[str]:
    """The decimal figures of a text, its section references left out ("3.1 on placebo" is a figure, "section 5.2"
    and "(5.2)" are not)."""
    return set(re.findall(r"(?<![\d.,])\d{1,3}\.\d+(?![\d.])", _SECTION_REF.sub(" ", text)))


# A trial named by the label's code ("Study CD-II", "Ps-I"): its figures are its own, not its sister study's.
_STUDY = re.compile(r"\b([A-Z][A-Za-z]{0,3}-[IV]{1,4})\b")


def conditions(text: str) -> set[str]:
    """The conditions a text names, and the trials it names by code."""
    return {k for k, pattern in _CONDITION_NAMED.items() if pattern.search(text)} | \
        {f"study {m.group(1).upper()}" for m in _STUDY.finditer(text)}
PROHIBITION = re.compile(r"\b(?:contraindicated|should not|must not|do not (?:use|take|start)|(?:should|must) be avoided|"
                         r"(?:is|are) not recommended)\b",
                         re.I)
_PIECE = re.compile(r"[,;:]\s+|\s+(?:and|but|while|whereas|with|which|so)\s+", re.I)
_NOT_TO_USE = re.compile(r"\b(?:should not|must not|do not) (?:be )?(?:use|used|take|taken|give|given)\b", re.I)
RESTRICTION = re.compile(r"\b(contraindicat|avoid|must|requir|mandatory|not recommended|should not|do not use)\w*", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
# Verbs by which a source is said to say something: "Section 8.5 flags…", "the label cautions that…".
ATTRIBUTION_VERBS = (
    r"(?:says?|states?|notes?|reports?|describes?|lists?|names?|mentions?|shows?(?! up)|showed(?! up)|found|recommends?|advises?|"
    r"warns?|asks?|adds?|flags?|highlights?|cautions?|stresses|emphasi[sz]es?|specifies|specify|indicates?|explains?|"
    r"confirms?|documents?|tells? (?:you|us)|points? out|spells? out|sets? out|calls? out|makes? clear|is clear|"
    r"puts? it|identifies|identify|acknowledges?|cites?|"
    r"instructs?|directs?|summari[sz]es?|reminds? (?:you|us|prescribers))")
_CLAUSE = re.compile(r";|,?\s+and (?=(?:that |sections? |it |the label |you |\d+\.\d+ ))|,\s+(?=sections? \d)|,\s+while\s+|"
                     r",\s+but\s+|,\s+which\s+|,\s+(?=\d{1,2}\.\d{1,2}\s+" + ATTRIBUTION_VERBS + r"\b)")
# Section references are citations, not figures: "section 5.1", "(8.5)", "8.5 flags…", "in 8.5 the label…".
_SECTION_REF = re.compile(
    r"\b(?:sections?|tables?|figures?)\s+\d+(?:\.\d+)*(?:\s*(?:,|and|or|&|to|through|-|–)\s*\d+(?:\.\d+)*)*|\(\d+(?:\.\d+)*\)|"
    r"\b\d{1,2}\.\d{1,2}(?:\s*(?:,|and|or|&)\s*\d{1,2}\.\d{1,2})*(?=\s+(?:(?:also|further|then|specifically|"
    r"clearly|explicitly|likewise|both|each|all|too) )?(?:" + ATTRIBUTION_VERBS + r"|covers?|address(?:es)?|gives?|"
    r"defines?)\b)|\b(?:in|per|see|under)\s+\d{1,2}\.\d{1,2}\b(?!\s*(?:%|percent|per cent|mg|mcg|g\b|mmol|ml|times|x\b|-?fold|"
    r"years?|months?|weeks?|days?|hours?|patients|per)|\.\d)|"
    # ("per 5.1 patients on concomitant immunosuppressants…": "per" a section, whatever follows it)
    r"\b(?:per|see)\s+\d{1,2}\.\d{1,2}(?=\s+patients\b)|"
    r"\bfrom\s+\d{1,2}\.\d{1,2}(?=:\s)|"  # "Worth having from 6.1: …"
    r"\((?:and|or|see|also|plus)\s+\d{1,2}\.\d{1,2}\)|"  # "boxed warning and 5.1 (and 2.6): …"
    r"\b\d{1,2}\.\d{1,2}(?= is (?:the|that|this) (?:part|section|bit|one|place|passage)\b)", re.I)  # "2.1 is the part that…"
# Attribution lead-ins ("Section 5.1 says", "the label states that") are not part of what is claimed.
_ATTRIBUTION = re.compile(r"^(?:.{0,80}?\b" + ATTRIBUTION_VERBS + r"(?: that)?\b[:,]?\s+)", re.I)
_META = {"section", "label", "says", "say", "said", "state", "states", "note", "notes", "list", "lists", "name", "names",
         "describe", "describes", "report", "reports", "mention", "mentions", "ask", "asks", "add", "adds", "also",
         "prescribing", "information", "table", "flag", "flags", "highlight", "highlights", "caution", "cautions",
         "warn", "warns", "advise", "advises", "point", "points", "spell", "spells", "stresses", "emphasises",
         "emphasizes", "specifies", "indicates", "explains", "confirms",
         # "myopathy is described as occasional", "a recognised predisposing factor": what the label calls it
         "described", "recognised", "recognized", "documented"}
_LEAD_IN = re.compile(r"^(?:and|but|so|also|plus|then|honestly|frankly|actually|in fact|for context|for what it'?s "
                      r"worth|to be clear|on (?:the|those|that) [\w\s-]{0,30}?)\s*,?\s+", re.I)


# A bare "7.11" or "8.5" with no unit after it is a label section ("Colchicine is 7.11: …"), not a figure.
# (…followed by a dash and a count it is a section still: "14.1 - 10,000 patients with CHD"; by a slash and a word
# too: "2.6 / table 1")
BARE_SECTION = re.compile(r"(?<![\d.,|])(?<!\|\s)(?<!from )(?<!between )(?:1[0-7]|[1-9])\.\d{1,2}(?![\d.])"
                          r"(?!\s*(?:to|-|–)\s*\d{1,2}(?:\.\d+)?(?![\d,]))(?!\s*(?:%|percent|per cent|mg|mcg|"
                          r"g\b|mmol|ml|times|x\b|-?fold|years?|months?|weeks?|days?|hours?|patients|per\b|/\s*\d|×|\)|\||$))",
                          re.I | re.M)


# A section number tacked on at the end, after a comma ("…has been reported with the combination, 7.11.").
_TRAILING_SECTION = re.compile(r",\s*(?:1[0-7]|[1-9])\.\d{1,2}(?=\s*(?:[.;)]|$))")


def _plain(figure: str) -> str:
    """'39,828' → '39828', '2.30' → '2.3'."""
    n = figure.replace(",", "")
    return n.rstrip("0").rstrip(".") if "." in n else n


def numbers(text: str, words: bool = True) -> set[str]:
    """The figures in ``text`` (section references left out, numbers in words read as digits unless not ``words``),
    normalised: '39,828' → '39828', '7 %' → '7%'."""
    text = in_digits(text) if words else text
    text = BARE_SECTION.sub(" ", _SECTION_REF.sub(" ", _TRAILING_SECTION.sub(" ", text)))
    text = _IN_EVERY.sub(_as_percent, text)
    text = _FROM_TO.sub(r"\1 \2% \3 \4%", text)  # "from 10.9 to 8.7 percent": both are percentages
    out = set()
    for m in _NUMBER.finditer(text):
        n = _plain(m.group(0))
        pct = re.match(r"\s*(?:%|percent\b|per cent\b)", text[m.end():])
        out.add(n + "%" if pct else n)
    return out


_FROM_TO = re.compile(r"\b(from|between)\s+(\d+(?:\.\d+)?)\s+(to|and)\s+(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)",
                      re.I)


# "Two in a thousand" is 0.2%, "one in a hundred" 1%.
_IN_EVERY = re.compile(r"\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of|per)\s+"
                       r"(?:a|every|each)\s+(1,?000|thousand|100|hundred)\b", re.I)


def _as_percent(m: re.Match[str]) -> str:
    per = 1000 if m.group(2).lower().replace(",", "") in ("1000", "thousand") else 100
    value = float(_WORD_VALUE.get(m.group(1).lower(), m.group(1)))
    return f"{_plain(str(round(value * 100 / per, 4)))}%"


# A figure the claim gives as an approximation ("just under 40,000", "about 2,800", "roughly 10%").
_APPROX = re.compile(r"\b(?:about|around|roughly|approximately|nearly|almost|just (?:under|over|below|above)|close to|some|"
                     r"circa)\s+(\d[\d,]*(?:\.\d+)?)(\s*(?:%|percent\b|per cent\b))?|~\s*(\d[\d,]*(?:\.\d+)?)(\s*%)?", re.I)
APPROX_SHARE = 0.05  # how far an approximate figure may be from the source's


ROUND_SHARE = 0.01  # how far a round count said plainly may be from the source's count


def _approximated(figure: str, text: str, source_numbers: set[str]) -> bool:
    """A figure said as an approximation that is within a twentieth of one the source gives (the label's 39,828
    patients are "just under 40,000")."""
    said = {_plain(m.group(1) or m.group(3)) + ("%" if (m.group(2) or m.group(4)) else "") for m in _APPROX.finditer(text)}
    if figure not in said:  # …or a round count said plainly: "10,000 patients" for the label's 10,001
        return figure.isdigit() and int(figure) >= 1000 and figure.endswith("000") and any(
            h.isdigit() and abs(int(h) - int(figure)) <= ROUND_SHARE * int(figure) for h in source_numbers)
    pct, value = figure.endswith("%"), float(figure.rstrip("%"))
    return any(h.endswith("%") == pct and abs(float(h.rstrip("%")) - value) <= APPROX_SHARE * value
               for h in source_numbers if re.fullmatch(r"\d+(?:\.\d+)?%?", h))


def _in_source(figure: str, source: str, source_numbers: set[str]) -> bool:
    """Whether a figure of a claim is in the source: a percentage as a percentage, a table cell or a share in
    brackets after a count."""
    if not figure.endswith("%"):
        if figure in source_numbers or figure + "%" in source_numbers:
            return True
        # an age band's last year: "6 to 11-year-olds" is the label's "6 to under 12 years"
        return figure.isdigit() and bool(re.search(rf"\bto under {int(figure) + 1}\b", source, re.I))
    n = figure[:-1]
    if figure in source_numbers:
        return True
    # a table cell of its own, or the share after a count: "548 (10.9)"
    return bool(re.search(rf"(?:^|\|)\s*[-+]?{re.escape(n)}(?:\.0+)?\s*(?:\||$)|(?:\d|\|)\s*\(\s*{re.escape(n)}(?:\.0+)?\s*%?\s*\)",
                          source, re.M))


# A section number the claim opens with ("7.5 other fibrates with caution").
_LEADING_SECTION = re.compile(r"^\s*(?:and |then |also )?(?:1[0-7]|[1-9])\.\d{1,2}\s+(?=[a-z])")
# A lead-in before a colon that names where the claim comes from ("The label's adverse reactions section:").
_SOURCE_WORDS = re.compile(r"\b(label|section|prescribing information|drug facts|study|studies|trial|trials|data|warnings?|"
                           r"guidance|says|states|notes|reads|bottom line|in short|summary)\b", re.I)


# …a section number alone ("7.5: with other fibrates, use caution."),
_SECTION_ALONE = re.compile(r"^\W*(?:and |then |so |also )?(?:section |sec\.? )?\d{1,2}\.\d{1,2}\W*$", re.I)
# …or the topic it turns to ("To your question about approvals:", "On the two-year-olds:").
_TOPIC_HEAD = re.compile(r"^(?:and |so |now )?(?:to|on|as for|regarding|about|for|with|back to|coming back to)\b", re.I)


def named_sections(text: str) -> list[str]:
    """Label sections a turn names as sources: "section 5.1", "(8.5)", "7.3 says…", "per 7.8", "in 2.6"."""
    return list(dict.fromkeys(n for m in _SECTION_REF.finditer(text) for n in re.findall(r"\d{1,2}\.\d{1,2}", m.group(0))))


_CORRECTED = re.compile(r"(\d+(?:\.\d+)?\s*(?:%|percent|mg)?),\s*not\s+(?:the\s+)?\d+(?:\.\d+)?\s*(?:%|percent|mg)?(?=\W)",
                        re.I)


def core(claim: str) -> str:
    """The claim without its attribution ("The label, section 5.1, says …") and discourse lead-ins."""
    s = claim.strip()
    s = _CORRECTED.sub(r"\1", s)  # "approximately 20%, not 30%": the MSL correcting a figure says the right one
    s = _NO_DOUBT.sub(",", s)  # "Muscle problems are real, no question, but…" grants a point; it negates nothing
    s = _PASS_ON.sub("", s)  # "you can tell them HUMIRA has the safest record…" says what it has the HCP pass on
    plain = _INTERJECTION.sub("", s)  # "Right, so like I said: 10 or 20 to start…" states what follows the "Right"
    if len(plain.split()) >= 5:
        s = plain
    if ":" in s:
        head, tail = s.split(":", 1)
        if len(head.split()) <= 3 and RESTRICTION.search(head):  # "Avoid: cyclosporine, …" says what to do with them
            s = f"{head.strip()} {tail.strip()}"
        elif len(tail.split()) >= 4 and (not numbers(head, words=False) or _SECTION_ALONE.match(head)) \
                and len(head.split()) <= 16 and (
                len(head.split()) <= 3 or _SOURCE_WORDS.search(head) or _TOPIC_HEAD.match(head)
                # …or a frame with nothing clinical in it before a list of figures ("It's not one rule for all of them:")
                or (len(tail.split()) >= 8 and numbers(tail, words=False) and not _CLINICAL.search(head)
                    and not DRUG.search(head)
                    and not conditions(head))):
            s = tail.strip()
            # …keeping the drug the head names ("Section 2.6 is clear on clarithromycin: don't go above…", "With
            # clarithromycin you don't have to stop it: keep atorvastatin at 20 mg or below")
            drugs = _co_medications(head)
            if drugs and not _co_medications(s):
                s = f"With {' and '.join(sorted(drugs))}, {s[:1].lower()}{s[1:]}"
    s = _LIST_CLOSED.sub("", s)
    for _ in range(2):
        s = _LEAD_IN.sub("", s)
    m = _ATTRIBUTION.match(s)
    if m and _SECOND_VERB.search(m.group(0)):  # "Section 2.6 caps it at 20 mg … and says avoid…": both halves are said
        m = None
    if m and len(s[m.end():].split()) >= 2 and re.search(r"\b(label|section|sections|study|studies|trial|trials|"
                                                         r"data|prescribing information|drug facts|directions|panel|"
                                                         r"box|table|\d+\.\d+|it)\b",
                                                         m.group(0), re.I):
        # …keeping a condition before the attribution: "If your patient is on clarithromycin, the label says…"
        cond = _CONDITION.match(m.group(0))
        s = (cond.group(1) + ", " if cond else "") + s[m.end():]
    s = _LEADING_SECTION.sub("", s)  # "7.5 other fibrates with caution": the section it is from, then the claim
    s = s.lstrip(" -–—,;:")
    return s[:1].upper() + s[1:] if s else s


# "…ulcerative colitis and plaque psoriasis - nothing neurological.": the list said to be complete adds no claim.
_LIST_CLOSED = re.compile(r"\s*[-–—,;:]\s*(?:and |but )?(?:nothing|none|no)(?: (?:neurological|else|other))?"
                          r"(?: (?:indication|use|listed|on (?:the|that) list))?\W*$", re.I)
_SECOND_VERB = re.compile(r"\band (?:also |then )?" + ATTRIBUTION_VERBS + r"(?: that)?\b[:,]?\s+$", re.I)
_CONDITION = re.compile(r"^((?:if|when|for|in|with|among|once|while)\b[^,]{3,70}),\s*", re.I)


def risky_words(text: str) -> dict[str, list[str]]:
    """Superlatives, comparisons, absolutes, quantity words and drug names in a claim."""
    return {"superlative": [m.group(0).lower() for m in SUPERLATIVE.finditer(text)],
            "comparative": [m.group(0).lower() for m in COMPARATIVE.finditer(text)],
            "absolute": [m.group(0).lower() for m in ABSOLUTE.finditer(text)],
            "quantity": [m.group(0).lower() for m in _QUANTITY.finditer(text)],
            "drug": sorted({m.group(0).lower() for m in DRUG.finditer(text)})}


# Clinical shorthand an MSL says aloud, in the label's words: "LFTs before you start" is about liver enzyme tests.
SHORTHAND = {"LFTs": "liver enzyme tests", "LFT": "liver enzyme test", "ULN": "upper limit of normal",
             "CV": "cardiovascular", "CHD": "coronary heart disease", "MI": "myocardial infarction", "TB": "tuberculosis",
             "HBV": "hepatitis B virus", "RA": "rheumatoid arthritis", "PsA": "psoriatic arthritis",
             "AS": "ankylosing spondylitis", "JIA": "juvenile idiopathic arthritis", "UC": "ulcerative colitis",
             "HeFH": "heterozygous familial hypercholesterolemia", "FH": "familial hypercholesterolemia",
             "MTX": "methotrexate", "eow": "every other week", "EOW": "every other week", "pts": "patients",
             "CK": "CPK creatine kinase"}
_SHORTHAND_WORD = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True)) + r")(?![\w-])")


_ABBREVIATED = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True)) +
                          r")(?![\w-]) \((?=[^()]+\))")


# A conclusion drawn from what was just said: "…, so …", "…; which means …".
_CONSEQUENCE = re.compile(r"[,;]\s+(?:and so|so|which means|meaning|therefore|hence)\s+(?=\S)", re.I)
# Ordinal words are kept as words when numbers are written as digits: "a third of patients" is a share, not "3rd".
_ORDINAL_WORD = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                           r"\w+teenth|\w+tieth|hundredth|thousandth|half|halves|quarter)\b", re.I)


def in_digits(text: str) -> str:
    """``text`` with numbers said in words written as digits ("eighty milligrams" is "80 milligrams", "about ten
    thousand" "about 10000"), as a label gives them; "one" and "two" alone, and ordinals, stay words."""
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    out = alpha2digit(_ORDINAL_WORD.sub(keep, text), "en")
    out = _ONE_TWO_UNIT.sub(lambda m: "1" if m.group(0).lower() == "one" else "2", out)  # …but "two percent" is 2%
    # "about four in ten" is the label's 40%
    out = _IN_TEN.sub(lambda m: f"{round(100 * int(m.group(1)) / int(m.group(2)))}%", out)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], out)


_IN_TEN = re.compile(r"\b(\d{1,2}) (?:in|out of) (10|5|4|3|2)\b(?![,.]?\d|\s*(?:thousand|million|hundred|years?|months?|weeks?|"
                     r"days?|hours?|mg|patients))", re.I)
_ONE_TWO_UNIT = re.compile(r"\b(?:one|two)(?=\s*(?:percent\b|per cent\b|%|mg\b|milligrams?\b))", re.I)


def expand_shorthand(text: str) -> str:
    """``text`` with clinical abbreviations (exact case, whole words) written out after them, for a label may use
    either ("HBV (hepatitis B virus)")."""
    def written_out(m: re.Match[str]) -> str:
        full = f" ({SHORTHAND[m.group(1)]})"
        return m.group(1) if text.startswith(full, m.end()) else m.group(1) + full  # (not twice)

    text = _INTERVAL_WORD.sub(lambda m: _INTERVALS_SAID[m.group(0).lower()], _SHORTHAND_WORD.sub(written_out, text))
    text = _UNDER_AGE.sub(lambda m: f"children under {_SMALL[m.group(1).lower()]} years", text)
    text = _AGED_BAND.sub(lambda m: f"{_age(m.group(1))} to {_age(m.group(2))}-year-olds", text)
    return _AGE_RANGE.sub(lambda m: f"{_SMALL[m.group(1).lower()]}{m.group(2)}{_SMALL[m.group(3).lower()]}", text)


# Ages as people say them: "under-fours" are children under 4 years, "four to six" is 4 to 6.
_SMALL = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORD = "|".join(list(_SMALL)[1:])
_UNDER_AGE = re.compile(rf"\bunder[- ]({_NUMBER_WORD})s\b", re.I)
_AGE_RANGE = re.compile(rf"\b({_NUMBER_WORD})(\s+(?:to|and)\s+(?:under\s+)?)({_NUMBER_WORD})\b", re.I)
# "six- to eleven-year-olds" are "6 to 11-year-olds", read against the label's "6 to under 12" like any age band.
_AGED_BAND = re.compile(rf"\b(\d{{1,2}}|{_NUMBER_WORD})-\s*(?:to|–)\s*(\d{{1,2}}|{_NUMBER_WORD})-years?-olds?\b", re.I)


def _age(said: str) -> str:
    return _SMALL.get(said.lower(), said)


# Intervals as people say them, in the label's words: "40 mg weekly" is "40 mg every week".
_INTERVALS_SAID = {"weekly": "every week", "once weekly": "every week", "once a week": "every week",
                   "fortnightly": "every other week", "biweekly": "every other week", "monthly": "every month"}
_INTERVAL_WORD = re.compile(r"\b(?:" + "|".join(sorted(_INTERVALS_SAID, key=len, reverse=True)) + r")\b", re.I)


# A ranking: "X was the most common adverse reaction", "the most common adverse reaction was X".
_RANK = r"most (?:common|frequent)(?:ly (?:reported|observed))?"
_RANKED_FIRST = re.compile(rf"^(.{{2,60}}?)\s+(?:was|is|were|are)\s+(?:by far\s+)?(?:the\s+)?(?:single\s+)?{_RANK}\b", re.I)
_RANKED_AFTER = re.compile(rf"\b{_RANK}\b[^.;]{{0,80}}?\s(?:was|were|is|are)\s+([^.;,]{{2,60}})", re.I)
_SOURCE_RANK = re.compile(rf"\b{_RANK}\b([^.;]*?)\s(?:was|were|is|are|included?)\b:?([^.;]*)", re.I)
# Words that narrow what a ranking ranks: the most common reactions *leading to discontinuation* are another list.
_RANK_QUALIFIER = re.compile(r"discontinu|serious|pediatric|children|fatal|death", re.I)


def _ranking_flags(claim: str, sentences: Sequence[str]) -> list[str]:
    """A claim that something ranks first must name what a source sentence ranks first in that same list (not the
    second item, not the first of a narrower list such as the reactions that led to discontinuation)."""
    m = _RANKED_FIRST.search(claim) or _RANKED_AFTER.search(claim)
    if not m:
        return []
    said = _subject(m.group(1))
    if not said:
        return []
    for sentence in sentences:
        for r in _SOURCE_RANK.finditer(sentence):
            category, items = r.group(1), r.group(2)
            narrower = _RANK_QUALIFIER.search(category)
            if narrower and not re.search(narrower.group(0), claim, re.I):
                continue
            if said & _sentence_words(re.split(r",|;|\(|\band\b", items, maxsplit=1)[0]):
                return []
    return [f"a ranking the source does not make: '{m.group(0).strip()}'"]


# "pre-existing" is the label's "preexisting", "co-administered" its "coadministered".
_PREFIXED = re.compile(r"\b(pre|post|re|co|non|anti)-(?=[a-z])", re.I)


def _backed(phrase: str, near: str) -> bool:
    """Whether the source sentences use the risky phrase itself ("safest", "more effective", "no effect")."""
    p = re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()
    return bool(re.search(rf"(?<![a-z]){re.escape(p)}(?![a-z])", re.sub(r"\s+", " ", near.replace("’", "'"))))


class ClaimChecker:
    """Finds the approved sentence that best supports a claim, within the given documents."""

    def __init__(self, retriever: Retriever, composer: Composer, threshold: float = SUPPORT) -> None:
        self.retriever = retriever
        self.composer = composer
        self.threshold = threshold
        self._defined: dict[str, dict[str, str]] = {}  # per document version: abbreviation -> what it stands for
        self._trials: dict[str, dict[str, set[str]]] = {}  # per document version: trial -> the figures it is given
        self._versions: dict[str, list[tuple[str, str]]] = {}  # per document version: its chunks, read once

    def _candidates(self, cores: list[str], doc_ids: list[str] | None, pieces: list[list[str]]
                    ) -> tuple[list[Passage], list[str], list[set[str]]]:
        """Approved passages for a turn's claims, with their sentences, and the ids of each claim's own: a hybrid
        search for it, BM25 for it and for each of its ``pieces`` (so its exact words and figures reach their
        passages), and the sections it names. A claim is judged on its own passages only, so that what else the
        turn says (a section another claim names) cannot crowd out its close sentences."""
        filters = {"doc_id": doc_ids} if doc_ids else None
        found: dict[str, Passage] = {}
        own: list[set[str]] = []
        for c, its_pieces in zip(cores, pieces):
            hits = [*self.retriever.search(c, k=K, filters=filters),
                    *(p for q in [c, *(x for x in its_pieces if x != c)]
                      for p in self.retriever.search(q, k=BM25_K, mode="bm25", filters=filters)),
                    *self._cited_sections(c, doc_ids),
                    *(p for q in dict.fromkeys([c, *its_pieces]) for p in self._holding(q, doc_ids))]
            for p in hits:
                found.setdefault(p.chunk_id, p)
            own.append({p.chunk_id for p in hits})
        passages = list(found.values())
        return passages, [self._spelt_out(s, p.chunk_id) for p in passages for s in _passage_sentences(p)], own

    def _spelt_out(self, sentence: str, chunk_id: str) -> str:
        """The sentence with the abbreviations its document defines elsewhere written out after them: "reduced the
        rate of MCVE" is "reduced the rate of MCVE (major cardiovascular events)", as an MSL says it."""
        head = chunk_id.rpartition("::")[0]
        if not _ABBREVIATION_USED.search(sentence) or "::" not in head:
            return sentence
        if head not in self._defined:
            self._defined[head] = abbreviations(" ".join(t for _, t in self._version(head)))
        defined = self._defined[head]
        # (not the shorthand MSLs say aloud themselves, "JIA", "RA": a claim spells those out already)
        return _ABBREVIATION_USED.sub(lambda m: f"{m.group(0)} ({defined[m.group(0)]})" if m.group(0) in defined
                                      and m.group(0) not in SHORTHAND
                                      and defined[m.group(0)].lower() not in sentence.lower() else m.group(0), sentence)

    def _trial_figures(self, head: str) -> dict[str, set[str]]:
        """The figures of each trial one document version names by acronym or code (``head`` is a chunk id's version
        part)."""
        if head not in self._trials:
            self._trials[head] = trial_figures(self._version(head)) if "::" in head else {}
        return self._trials[head]

    def _version(self, head: str) -> list[tuple[str, str]]:
        """One document version's chunks in order, as section number and text, read from the store once."""
        if head not in self._versions:
            doc_id, _, sha = head.partition("::")
            self._versions[head] = self.retriever.store.version_sections(doc_id, sha)
        return self._versions[head]

    def _holding(self, text: str, doc_ids: list[str] | None) -> list[Passage]:
        """The approved chunks that hold every exact figure of a claim with two or more decimal ones ("9.7% … against
        9.5% on placebo" is the 6.1 discontinuation sentence, whatever words the claim says it in)."""
        figures = sorted(_decimals(text))
        if len(figures) < 2 or not doc_ids:
            return []
        return self.retriever.store.select({"doc_id": {"$in": list(doc_ids)}}, active_filter(),
                                           {"$and": [{"$contains": f} for f in figures]}, HOLDING_CHUNKS)

    def _cited_sections(self, text: str, doc_ids: list[str] | None) -> list[Passage]:
        """The approved chunks of the label sections a turn names ('section 14.2', 'sections 5.1 and 8.5')."""
        nums = sorted(set(re.findall(r"\b\d{1,2}(?:\.\d{1,2})+\b|(?<=section )\d{1,2}\b",
                                     " ".join(_SECTION_REF.findall(text)))))
        if not nums or not doc_ids:
            return []
        where = {"$and": [{"doc_id": {"$in": list(doc_ids)}}, {"section_number": {"$in": nums}}]}
        return self.retriever.store.select(where, active_filter(), limit=40)

    def check(self, claim: str, doc_ids: list[str] | None = None) -> Claim:
        """The claim with its best supporting quote, supported or not, and why not."""
        return self.check_many([claim], doc_ids)[0]

    def check_many(self, claims: list[str], doc_ids: list[str] | None = None, stretches: bool = False) -> list[Claim]:
        """Check a turn's claims together (one retrieval embedding and one batch of sentence embeddings); with
        ``stretches``, the claims are stretches of others and are not cut further."""
        if not claims:
            return []
        cores = [in_digits(expand_shorthand(core(c))) for c in claims]
        clauses = [_clauses(t) for t in cores]
        # (a claim too short to cut is one stretch, held to its sentence like any: "With clarithromycin it should not
        # be used")
        pieces = [_pieces(t) or ([t] if RESTRICTION.search(t) or _NEGATED.search(t) else []) for t in cores]
        passages, sentences, own = self._candidates(cores, doc_ids, [pc if len(pc) >= 2 else [] for pc in pieces])
        if not sentences:
            return [Claim(c, False, 0.0, flags=["no approved passage found"]) for c in claims]
        owner = [p for p in passages for _ in _passage_sentences(p)]
        parts = [x for cl in clauses for x in cl]
        pieced = [x for pc in pieces for x in pc]
        vecs = self.composer.embed(cores + parts + pieced + sentences)
        claim_vecs, vecs = vecs[: len(cores)], vecs[len(cores) :]
        clause_vecs, vecs = vecs[: len(parts)], vecs[len(parts) :]
        piece_vecs, sent_vecs = vecs[: len(pieced)], vecs[len(pieced) :]
        sent_words = [_sentence_words(s) for s in sentences]
        out, at, at_piece = [], 0, 0
        for claim, text, cl, pc in zip(claims, cores, clauses, pieces):
            cl_vecs = clause_vecs[at : at + len(cl)]
            pc_vecs = piece_vecs[at_piece : at_piece + len(pc)]
            at += len(cl)
            at_piece += len(pc)
            keep = [i for i, p in enumerate(owner) if p.chunk_id in own[len(out)]]
            if not keep:
                out.append(Claim(claim, False, 0.0, flags=["no approved passage found"]))
                continue
            judged = self._judge(claim, text, claim_vecs[len(out)], cl, cl_vecs,
                                 [p for p in passages if p.chunk_id in own[len(out)]], [owner[i] for i in keep],
                                 [sentences[i] for i in keep], sent_vecs[keep], [sent_words[i] for i in keep],
                                 list(zip(pc, pc_vecs)))
            out.append(judged)
        # A list that fails on one of its items still makes the others: each that holds alone is kept.
        failed = [(c, pc) for c, pc in zip(out, pieces) if not c.supported and len(pc) >= LIST_ITEMS]
        if failed and not stretches:
            parts = self.check_many([p for _, pc in failed for p in pc], doc_ids, stretches=True)
            for c, pc in failed:
                c.parts, parts = parts[: len(pc)], parts[len(pc) :]
                # …and one that no single sentence says, but whose every item the label says, with nothing said
                # against any of them, holds ("the cup, 10 mL every four hours for 6 to under 12, no more than six
                # doses in 24 hours, never with another diphenhydramine product")
                if all(p.supported for p in c.parts) and all(f.startswith(NO_SENTENCE) for f in c.flags):
                    first = c.parts[0]
                    c.supported, c.flags = True, []
                    c.doc_id, c.version, c.locator, c.section_number, c.quote = (
                        first.doc_id, first.version, first.locator, first.section_number, first.quote)
        # A faithful statement with a wrong conclusion drawn from it ("5.5 says … demyelinating disease, so HUMIRA is
        # contraindicated in MS"): the statement holds on its own, and the conclusion is the wrong part.
        drawn = [(c, m) for c, t in zip(out, cores) if not c.supported and (m := _CONSEQUENCE.search(t))]
        if drawn and not stretches:
            halves = self.check_many([x for _, m in drawn for x in (m.string[: m.start()], m.string[m.end() :])],
                                     doc_ids, stretches=True)
            for (c, _), head, tail in zip(drawn, halves[::2], halves[1::2]):
                if head.supported and not tail.supported:
                    c.parts = [head, tail]
        return out

    def _score(self, text: str, vec: np.ndarray, sent_vecs: np.ndarray, sent_words: list[set[str]],
               sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each sentence's score for ``text``, and the share of its words each holds, synonyms counted (the words
        say "avoid the combination" where the label says "concomitant administration … should be avoided")."""
        words = _words(text)
        lex = np.array([len(words & w) / len(words) if words else 0.0 for w in sent_words])
        short = {w[:5] for w in words}
        held = np.array([len(short & _said_words(t)) / len(short) if short else 0.0 for t in sentences])
        return 0.8 * (sent_vecs @ vec) + 0.2 * lex, np.maximum(lex, held)

    def _matched(self, score: np.ndarray, lex: np.ndarray, floor: float = ALL_WORDS_SUPPORT) -> bool:
        """A close sentence, or a fairly close one holding most of the words, or a sentence with all of them (scoring
        at least ``floor``)."""
        b = int(score.argmax())
        if float(score[b]) >= self.threshold or (float(score[b]) >= SUPPORT_WITH_OVERLAP
                                                 and float(lex[b]) >= OVERLAP_NEEDED):
            return True
        return bool(np.any((lex >= 1.0) & (score >= floor)))

    def _judge(self, claim: str, text: str, vec: np.ndarray, clauses: list[str], clause_vecs: np.ndarray,
               passages: list[Passage], owner: list[Passage], sentences: list[str], sent_vecs: np.ndarray,
               sent_words: list[set[str]], pieces: list[tuple[str, np.ndarray]]) -> Claim:
        score, lex = self._score(text, vec, sent_vecs, sent_words, sentences)
        # A claim about named co-medications rests on the sentences that name them (2.6 on clarithromycin, not 2.1 on
        # starting doses): they rank first among equals.
        drugs = _co_medications(text)
        names = np.array([DRUG_RANK_BONUS if _names_any(t, drugs) else 0.0 for t in sentences])
        order = np.argsort(-(score + names), kind="stable")
        best = int(order[0])
        top = [sentences[i] for i in order[:TOP_SENTENCES]]
        words = _words(text)
        coverage = len(words & _sentence_words(" ".join(top))) / len(words) if words else 0.0
        # The passages that speak to the claim: those of its best sentences, and any whose best sentence is close.
        best_in: dict[str, float] = {}
        for p, sc in zip(owner, score):
            best_in[p.chunk_id] = max(best_in.get(p.chunk_id, -1.0), float(sc))
        relevant = {owner[i].chunk_id for i in order[:TOP_SENTENCES]} | \
            {cid for cid, sc in best_in.items() if sc >= RELEVANT_PASSAGE}
        near = " ".join(top).lower()
        # A claim that strings several facts together is matched when each of its clauses is.
        clause_ok = len(clauses) >= 2
        for c, v in zip(clauses, clause_vecs):
            c_score, c_lex = self._score(c, v, sent_vecs, sent_words, sentences)
            clause_ok = clause_ok and self._matched(c_score, c_lex)
            c_order = np.argsort(-c_score, kind="stable")[:TOP_SENTENCES]
            relevant |= {owner[i].chunk_id for i in c_order}
            near += " " + " ".join(sentences[i] for i in c_order).lower()
        source = "\n".join(p.text for p in passages if p.chunk_id in relevant)

        # The sections the claim names ("section 5.2 puts … at 2.3%"): a figure they give is theirs to give.
        named = set(re.findall(r"\d{1,2}(?:\.\d{1,2})?", " ".join(_SECTION_REF.findall(claim)))) | \
            set(BARE_SECTION.findall(claim))
        named_text = " ".join(p.text for p in passages if p.section_number and
                              any(p.section_number == n or p.section_number.startswith(n + ".") for n in named))
        source += "\n" + named_text
        # …and so does a passage that holds two of its exact decimal figures ("2.7 … against 3.1": the 6.1 table)
        decimals = _decimals(text)
        if len(decimals) >= 2:
            source += "\n" + "\n".join(p.text for p in passages if p.chunk_id not in relevant
                                       and sum(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", p.text) is not None
                                               for f in decimals) >= 2)
        flags: list[str] = []
        have = numbers(source)
        missing = sorted((n for n in numbers(text) if not _in_source(n, source, have)), key=lambda n: (len(n), n))
        if missing or unit_figures(text):  # a table often sits in a chunk near the sentence that introduces it
            source += "\n" + "\n".join(p.text for p in self.retriever.store.neighbours(sorted(relevant), active_filter(), reach=2))
            have = numbers(source)
            missing = [n for n in missing if not _in_source(n, source, have)]
        missing = [n for n in missing if not _approximated(n, text, have)]
        # …or a table of doses that starts in a passage found for the claim
        dose_used: list[tuple[str, str, set[str]]] = []
        table_passages: list[Passage] = []
        if re.search(r"\bmg\b", claim) and (missing or len(re.findall(r"\d\s*%", claim)) >= 2):
            tables = [p for p in passages if _TABLE_HEADER.search(p.text)]
            more = self.retriever.store.neighbours([p.chunk_id for p in tables], active_filter()) if tables else []
            table_passages = [*passages, *more]
            rows = [r for p in table_passages for r in p.text.splitlines() if r.count("|") >= 2]
            dose_used = _dose_rows(claim, [*rows, *(r for r in source.splitlines() if r.count("|") >= 2)])
            if dose_used:
                source += "\n" + "\n".join(rows)
        dose_cells = {n for _, _, cells in dose_used for n in cells}
        missing = [n for n in missing if n.rstrip("%") not in dose_cells]
        if missing:
            flags.append("figure not in the source: " + ", ".join(missing))
        risky = risky_words(text)
        # "Never give it…" says what a "Do not use" heading or a "do not give" sentence says
        prohibits = _PROHIBITS.search(" ".join([near, *(heading_context(p) for p in passages if p.chunk_id in relevant)]))
        # "Everyone had already reached an LDL-C under 130 on 10 mg in an eight-week run-in": who a trial took in
        enrolment = any(_EVERY_SUBJECT.fullmatch(p) for k in OVERREACH_KINDS for p in risky[k]) \
            and _says_who_enrolled(text, near, sentences)
        for kind in OVERREACH_KINDS:
            for phrase in risky[kind]:
                if enrolment and _EVERY_SUBJECT.fullmatch(phrase):
                    continue
                if not _backed(phrase, near) and not (prohibits and phrase.lower() == "never"):
                    flags.append(f"{kind} the source does not make: '{phrase}'")
        shares = {float(n.rstrip("%")) for n in numbers(text) if n.endswith("%")}
        for q in risky["quantity"]:
            # ("about a third, a 36% relative risk reduction": the share is said as a figure too, and checked as one)
            if q.lower() in _SHARE_OF and any(abs(x - _SHARE_OF[q.lower()]) <= 5 for x in shares):
                continue
            # in the sentences that back the claim or the sections it names, not anywhere near (the "approximately
            # 2-fold" lymphoma risk of 5.2 is not the infections of 5.1), and a "double-blind" study doubles nothing
            if not any(re.search(rf"\b{re.escape(alt)}\b(?![- ](?:blind|dummy))", f"{near}\n{named_text}", re.I)
                       for alt in QUANTITY[q]):
                flags.append(f"figure not in the source: '{q}'")
        flags += _ranking_flags(text, sentences)
        all_text = " ".join(p.text for p in passages).lower()
        for drug in risky["drug"]:
            if drug not in all_text:
                flags.append(f"names a drug the source does not: '{drug}'")
        # Each stretch of the claim must agree with the sentence that backs it best: who it is about, how strongly
        # it restricts, and whether it is negated.
        anchors = [best]
        holders = _figure_holders(text, [t for t, o in zip(sentences, owner) if o.chunk_id in relevant]) \
            + _pair_holders(text, sentences)
        near += " " + " ".join(holders).lower()
        table_rows = [row for row in source.splitlines() if row.count("|") >= 2]
        pieces_ok = len(pieces) >= 2  # …and so is one whose every stretch is, now that each must also agree
        piece_at: list[int] = []
        for piece, v in pieces:
            p_score, p_lex = self._score(piece, v, sent_vecs, sent_words, sentences)
            # a terse stretch with a figure ("40 if they need a big drop") embeds poorly: every word and figure of it
            # in one sentence, synonyms counted, is enough
            pieces_ok = pieces_ok and self._matched(p_score, p_lex, FIGURE_ALL_WORDS if numbers(piece) else ALL_WORDS_SUPPORT)
            p_all = np.argsort(-p_score, kind="stable")
            whole = [int(i) for i in p_all if p_lex[i] >= 1.0 and p_score[i] >= FIGURE_ALL_WORDS]
            if whole and p_lex[p_all[0]] < 1.0 and numbers(piece):  # the sentence with every word and figure of it
                p_all = np.array([whole[0], *(i for i in p_all if i != whole[0])])
            p_order = p_all[:TOP_SENTENCES]
            at = int(p_order[0])
            piece_at.append(at)
            near += " " + " ".join(sentences[i] for i in p_order[1:]).lower()
            anchors.append(at)
            flags += _disagreements(piece, f"{heading_context(owner[at])}: {sentences[at]}",
                                    f"{heading_context(owner[best])}: {sentences[best]}",
                                    [sentences[i] for i in p_all[:CLOSE_SENTENCES]], named_text, table_rows, text,
                                    [t for i in (at, best) for t in _beside(i, sentences, owner)], holders,
                                    [heading_context(owner[i]) for i in p_order])
        # what the source allows but for an exception is read for the whole claim ("vaccinated, only not with live …")
        flags += _exception_flags(text, [sentences[i] for i in dict.fromkeys(anchors)] + top)
        flags += _absence_flags(text, [*(sentences[i] for i in dict.fromkeys(anchors)), *top,
                                       *_beside(best, sentences, owner)])
        flags += _preference_flags(text, [sentences[i] for i in dict.fromkeys(anchors)])
        if _STUDY.search(claim) and "%" in claim:  # a trial's rate against the columns of a table of trials
            headed = [p for p in passages if _STUDY_HEADER.search(p.text)]
            if headed:
                chunks = {p.chunk_id: p for p in [*headed, *self.retriever.store.neighbours(
                    [p.chunk_id for p in headed], active_filter())]}
                ordered = sorted(chunks.values(), key=lambda p: (p.doc_id, int(p.chunk_id.rpartition("::")[2])
                                                                 if p.chunk_id.rpartition("::")[2].isdigit() else 0))
                flags += _study_flags(claim, _study_columns("\n".join(p.text for p in ordered)))
        if _ABBREVIATION_USED.search(text) or _STUDY.search(text):  # a trial named by acronym or code keeps its figures
            for head in dict.fromkeys(p.chunk_id.rpartition("::")[0] for p in passages if p.chunk_id in relevant):
                flags += [f for f in _trial_flags(text, self._trial_figures(head)) if f not in flags]
        # each drug the claim says to avoid, against the sentences and table rows naming it
        if avoided := _avoided_drugs(text):
            flags += _avoid_flags(avoided, [*sentences, *table_rows])
        # a limit with a co-medication, against every sentence naming it
        if drugs and (_LIMIT_FIGURE.search(claim) or _FIGURE_LIMIT.search(claim)):
            flags += [f for f in _limit_flags(claim, drugs, [t for t in sentences if _names_any(t, drugs)])
                      if f not in flags]
        # a check said to be done once ("the label only asks for a latent TB test once, before the first dose") against
        # "prior to initiating HUMIRA and periodically during therapy"
        if _ONCE.search(text) and (again := next((m for i in dict.fromkeys([best, *anchors])
                                                  if (m := _REPEATED.search(sentences[i]))), None)):
            flags.append(f"the source asks for it again: '{again.group(0)}'")
        threshold = next((m for i in dict.fromkeys([best, *anchors]) if (m := _THRESHOLD.search(sentences[i]))), None)
        if threshold and _ANY_RISE.search(text):  # "stop it if CPK rises at all" against "if markedly elevated CPK…"
            flags.append(f"the source sets a threshold: '{threshold.group(0)}'")
        raised = _RAISED.search(sentences[best])
        if raised and _NOT_RAISED.search(text):  # "no higher than in the general population" against "3-fold higher than…"
            flags.append(f"the source reports a rise: '{raised.group(0)}'")
        if _DIFFERS.search(text) and _NO_DIFFERENCE.search(sentences[best]):
            flags.append(f"the source finds no difference: '{_NO_DIFFERENCE.search(sentences[best]).group(0)}'")
        # the sentence read under its heading: "Do not use: with any other product containing diphenhydramine"
        banned = PROHIBITION.search(f"{heading_context(owner[best])}: {sentences[best]}")
        if banned and "recommended" in banned.group(0).lower() and not _PERMITS.search(text):
            banned = None  # "…raised serious infections without added benefit" reports the harm, it allows nothing
        if banned and not (_NEGATED.search(text) or RESTRICTION.search(text) or _UNKNOWN.search(text)):
            flags.append(f"the source restricts what this allows: '{banned.group(0)}'")
        near += " " + " ".join(sentences[i] for i in anchors).lower()
        row = _backing_row(text, table_rows)
        table_at = next((p for p in passages if row and row in p.text), None)
        rates = {_plain(n) for n in re.findall(rf"({_FIG})\s*%", text)}
        if not row and len(rates & dose_cells) >= 2 and rates <= dose_cells:
            # every rate is the table's for the doses and columns the claim names: the rows are the quote
            row = "\n".join(dict.fromkeys([dose_used[0][0], *(r for _, r, _ in dose_used)]))
            table_at = next((p for p in table_passages if dose_used[-1][1] in p.text), None)
        if row:
            near += " " + " ".join(r for r in table_rows if "|" in r and not numbers(r.split("|")[0])).lower()
        relevant |= {owner[i].chunk_id for i in anchors}
        known = " ".join(f"{heading_context(p)} {p.title}" for p in passages if p.chunk_id in relevant)
        said = re.sub(r"\b\w+['’]\w+\b", " ", text)  # contractions ("won't", "it's") carry no fact of their own
        if enrolment:  # (who a trial took in: "everyone" is its subjects, the sentence after says how they were assigned)
            said = _EVERY_SUBJECT.sub(" subjects ", said)
            near += " " + " ".join(_beside(best, sentences, owner)).lower()
        said = _ABBREVIATED.sub("(", said)  # "HeFH (heterozygous familial …)": the label's words are the written-out ones
        label = f"{near} {known}"
        label = _PREFIXED.sub(r"\1", label) + " " + label.replace("-", " ")  # "post-hoc" is "posthoc" and "post hoc"
        novel, n_words = novel_words(_NOT_SAID.sub(" ", _PREFIXED.sub(r"\1", said)), _with_synonyms(label),
                                     _META | _DISCOURSE)
        if n_words and len(novel) / n_words > NOVEL_SHARE:
            flags.append("says more than the source: " + ", ".join(f"'{w}'" for w in dict.fromkeys(novel)))
        else:  # …and an item of a list that none of them names ("relieves sneezing, runny nose, congestion and fever")
            flags += [f"an item the source does not list: '{item}'" for item in _list_items(said)
                      if set(content_words(item)) <= set(novel) and content_words(item)]
        s = float(score[best])
        # …or a loose paraphrase of a stretch of label text: nearly every word of it is in the best sentence, the ones
        # either side of it and the next best ("LFTs before you start, then as clinically indicated").
        matched = self._matched(score, lex) or (s >= SUPPORT_WITH_OVERLAP and coverage >= OVERLAP_NEEDED) or clause_ok \
            or pieces_ok or bool(row) \
            or (s >= WINDOW_SUPPORT and _window_share(words, [*_beside(best, sentences, owner, itself=True), *top])
                >= WINDOW_COVERAGE)
        if not matched:
            flags.append(f"{NO_SENTENCE} (best match {s:.2f})")
        p, quote = owner[best], sentences[best]
        if pieces_ok and not self._matched(score, lex) and piece_at:
            # matched stretch by stretch: cited to the section most of its stretches come from
            sections = [owner[i].section_number for i in piece_at]
            top_section = max(sections, key=sections.count)
            at = next(i for i in piece_at if owner[i].section_number == top_section)
            p, quote = owner[at], sentences[at]
        if row and "|" in row and table_at is not None:  # a table backs it: its header and rows are the quote
            before = table_at.text[: table_at.text.find(row.splitlines()[0])].splitlines()
            head = next((h for h in reversed(before) if "|" in h and re.search(r"\bN\s*=|\bmg\b", h)), "")
            p, quote = table_at, "\n".join(dict.fromkeys([head, *row.splitlines()]) if head else row.splitlines())
        return Claim(claim, matched and not flags, round(s, 3), p.doc_id, p.version, p.locator, p.section_number,
                     quote, flags)


# "A rather than B": the source's recommendation must be A ("simultaneous co-administration … is recommended" backs
# "give them at the same time rather than staggered", not "several hours after … rather than at the same time").
_RATHER = re.compile(r"\b(?:rather than|instead of|in place of)\b", re.I)
_GIVING = "given giving give administered administration use used take taken dose dosed product drug medicine"
_RECOMMENDS = re.compile(r"\b(?:is|are) (?:recommended|preferred|advised)\b|\bshould be\b", re.I)


def _preference_flags(claim: str, texts: Sequence[str]) -> list[str]:
    """A preference the claim turns round: what it sets aside is what the source recommends."""
    m = _RATHER.search(claim)
    if not m:
        return []
    plain = _said_words(_GIVING) | {w[:5] for w in _co_medications(claim) | {"lipitor", "humira", "triaminic"}}
    kept, set_aside = _said_words(claim[: m.start()]) - plain, _said_words(claim[m.end():]) - plain
    for t in texts:
        for clause in re.split(r"[;,]\s+", t):
            if not _RECOMMENDS.search(clause):
                continue
            said = _said_words(clause[: _RECOMMENDS.search(clause).start()])
            if set_aside and len(set_aside & said) / len(set_aside) > max(0.5, len(kept & said) / max(len(kept), 1)):
                return [f"the source recommends what the claim sets aside: '{claim[m.end():].strip(' .')}'"]
    return []


# A difference the claim states ("the elderly had more muscle side effects than younger patients") against a sentence
# that found none ("No overall differences in safety … between these subjects and younger subjects").
_DIFFERS = re.compile(r"\b(?:more|less|fewer|higher|lower|greater|worse|better)\b(?: [\w-]+){0,4}? than\b", re.I)
_ANY_RISE = re.compile(r"\b(?:ris\w*|increas\w*|goes up|go up|elevat\w*|abnormal)\b[^.;]{0,12}?\bat all\b|"
                       r"\bany (?:rise|increase|elevation|abnormality)\b", re.I)
_REPEATED = re.compile(r"\b(?:periodically|regularly|repeated(?:ly)?|at (?:regular|each|every) [\w-]+)\b[^.;]{0,30}|"
                       r"\bduring (?:therapy|treatment)\b", re.I)
# "only once", "a single test", "once, before…": a check done one time (not a dose: "once daily")
_ONCE = re.compile(r"\bonly (?:\w+ ){0,6}once\b|\bonce\b(?! (?:a |per |every )?(?:day|daily|week|weekly|month|monthly|"
                   r"every|or twice))(?=[^.;]{0,40}\b(?:before|at (?:the )?start|first dose|start(?:ing)?)\b)|"
                   r"\b(?:a single|just one|one-off)\s+(?:test|screen|check)", re.I)
_THRESHOLD = re.compile(r"\bmarked(?:ly)?\b|\b\d+\s*(?:x|×|times)\s*(?:the\s+)?(?:ULN|upper limit)|\bpersist\w*|"
                        r"\bsignificant(?:ly)?\b", re.I)
_NOT_RAISED = re.compile(r"\b(?:no|not|n't|never)\s+(?:any\s+)?(?:higher|greater|more common|more frequent|increased|"
                         r"elevated|raised)\b|\bno (?:increase|excess|rise)\b", re.I)
_RAISED = re.compile(r"\b(?:\d+(?:\.\d+)?-fold|significantly|substantially|markedly)\s+(?:higher|greater|increased|more)\b|"
                     r"\b(?:higher|greater) than (?:expected|in the general|the general|placebo)\b", re.I)
_NO_DIFFERENCE = re.compile(r"\bno (?:overall |significant |meaningful |clinically (?:meaningful |significant )?)?differences?\b|"
                            r"\bnot (?:been )?(?:identified|found|shown|show) (?:any )?differences?\b", re.I)
# A sentence denying an effect: "is not expected to significantly enhance", "did not reduce", "does not increase".
_DENIED_ACT = re.compile(r"\b(?:is|are|was|were|did|does|do|has|have)\s+not\s+(?:been\s+)?(?:expected\s+to\s+|shown\s+to\s+|"
                         r"found\s+to\s+)?(?:significantly\s+|substantially\s+|meaningfully\s+)?"
                         r"(enhance\w*|increas\w*|reduc\w*|lower\w*|rais\w*|improv\w*|prolong\w*|shorten\w*|"
                         r"affect\w*|alter\w*|change\w*|prevent\w*|cause\w*|accumulat\w*|clear\w*|remov\w*)", re.I)


def _instruction(text: str, m: re.Match[str]) -> bool:
    """The match opens a sentence with "Do not": an instruction to the reader ("Do not change your dose without talking
    to your doctor"), which denies no effect."""
    return m.group(0).split()[0].lower() == "do" and text[: m.start()].rstrip()[-1:] in ("", ".", "!", "?", ":", ";")


_PROHIBITS = re.compile(r"\b(?:do not|should not|must not) (?:use|give|take|start|exceed)\b|\bcontraindicated\b", re.I)
_NO_BENEFIT = re.compile(r"\bwithout (?:any )?(?:added |additional |further |clinical )*benefit|\bno (?:added |additional |"
                         r"further |clinical )*benefit|\b(?:did|does) not (?:improve|add|show (?:a |any )?benefit)", re.I)
# "No dose adjustment is necessary" against a claim that changes the dose ("…so the dose should be reduced").
_NO_ADJUSTMENT = re.compile(r"\bno (?:dose |dosage |dosing )?adjustment|\badjustment\b[^.;]{0,60}?\bis not (?:necessary|needed|"
                            r"required)|\b(?:not|n't) (?:suggest|require|need)\w*[^.;]{0,30}?\badjustment", re.I)
_ADJUSTS = re.compile(r"\b(?:lower|reduc|decreas|cut|drop|rais|increas|higher|bigger|smaller|adjust|halv|doubl)\w*\b[^.;]{0,30}?"
                      r"\bdos(?:e|es|age|ing)\b|\bdos(?:e|es|age)\b[^.;]{0,30}?\b(?:lower|reduc|decreas|rais|increas|adjust|"
                      r"higher|cut|halv|doubl)\w*", re.I)
# "The effectiveness … has not been established in patients who have lost response…", "…has not been studied in
# conditions where…": what comes after says where the label makes no claim.
_UNESTABLISHED = re.compile(r"\bha(?:s|ve) not been (?:established|studied)(?:\s+(?:in|for)\s+([^.;]+))?", re.I)
_USE_SAID = re.compile(r"\b(?:works?|effective|efficacy|benefit\w*|helps?|indicated|approved|improv\w*|reduc\w*|"
                       r"prevent\w*)\b", re.I)
UNESTABLISHED_OVERLAP = (2, 3)  # subject words shared with where it is not established (the words after "in"), or with
# the whole sentence when it does not say where ("The long-term efficacy … in childhood … has not been established.")
_BENEFIT_SAID = re.compile(r"\b(?:improv\w*|benefit\w*|better|more effective|adds? to|works? better)\b", re.I)
# Negation as an MSL says it: Ask's negation words plus "nothing under 4", "only if a doctor directs it".
_NEGATED = re.compile(rf"{NEGATION.pattern}|\b(?:nothing|none|only if|unless|neither|nor)\b", re.I)
# Words that frame a claim rather than state it ("on the muscle side, the guidance is…", "so I won't claim that").
_DISCOURSE = {"side", "meant", "guidance", "instruction", "clear", "clearly", "advice", "point", "really", "basically",
              "simply", "actually", "honestly", "thing", "part", "bit", "piece", "whole", "exactly", "addresse",
              "already", "still", "also", "just", "even", "because", "but", "explicit", "explicitly", "worth", "tell",
              "telling", "say", "saying", "claim", "answer", "question", "request", "discus", "submit", "headline",
              "quick", "something", "anything", "stay", "go", "put", "puts", "count", "make", "give", "get",
              # everyday verbs and hedges a paraphrase uses for the label's own ("went back to", "possibly at risk")
              "went", "back", "need", "needed", "same", "applies", "apply", "much", "across", "like", "roughly",
              "around", "possibly", "potentially", "has", "had", "call", "calls", "called", "line", "detail", "behind",
              "turned", "turn", "altogether",
              # how people say "the usual dose", "whatever time suits them", "go straight to 40", "the pooled trials"
              "usual", "usually", "someone", "somebody", "whatever", "suit", "suits", "straight", "pool", "pooled",
              "folk", "folks", "tops", "out", "ran", "brought", "got", "gets", "getting", "though", "honest", "rather",
              "keep", "up", "look"}
# Label shorthand read as the words an MSL says for it: "< 130 mg/dL" is "below 130", "3 × ULN" "three times".
_SHORTHAND = {"<": " below under less ", "≤": " at most below ", ">": " above over more greater ",
              "≥": " above over at least more greater ", "×": " times ", " vs.": " versus against compared ",
              " vs ": " versus against compared ", "%": " percent "}
_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty").split()
# Plain words an MSL uses for the label's terms: a source using one backs the others.
SYNONYMS = (("stop", "stopp", "discontinu", "withdraw", "interrupt"), ("level", "concentration"),
            ("change", "affect", "influenc", "alter"), ("together", "combin", "co-administ", "coadminist", "concomitan"),
            ("cap", "capped", "limit", "exceed", "ceiling", "above"), ("steroid", "corticosteroid"), ("time", "fold"),
            ("raise", "rise", "elevat", "increas", "high"),
            ("lower", "reduc", "decreas", "cut", "drop", "down"), ("milligram", "mg"), ("once", "single"),
            ("older", "elderly", "geriatric", "advanced age"),
            ("check", "recheck", "retest", "monitor", "measur", "test", "assess", "analy"), ("lft", "liver enzyme", "liver function", "transaminase"), ("muscle", "myalgia", "myopathy"),
            ("start", "initiat", "begin"), ("kidney", "renal"), ("liver", "hepatic"),
            ("kid", "child", "pediatric", "toddler"),
            ("patient", "anyone", "anybody", "people", "subject"), ("every", "interval", "often"), ("seen", "observ"),
            ("given", "giving", "administ", "dosed"), ("later", "delay", "stagger", "apart"), ("same time", "simultan"),
            ("problem", "impairment", "dysfunction", "disease"), ("drop", "fall", "reduction"), ("big", "large", "substantial"),
            ("enclosed", "box", "supplied", "provided", "packed", "comes", "come"), ("skin", "cream", "ointment", "lotion", "topical"),
            ("dosing", "measur"), ("return", "came", "come"), ("baseline", "pretreat", "pre-treat"),
            ("multiple", "repeat"), ("rose", "increas"), ("codos", "co-dos", "coadminist", "co-administ"),
            ("reach", "achiev", "hit"), ("randomi", "random", "assign"), ("enrol", "involv", "recruit"))


def _with_synonyms(known: str) -> str:
    """``known`` with the synonyms of the plain words it uses added, its shorthand and small numbers in words."""
    for mark, said in _SHORTHAND.items():
        known = known.replace(mark, said)
    known += " " + " ".join(_NUMBER_WORDS[int(n)] for n in re.findall(r"(?<![\d.])\d{1,2}(?![\d.])", known)
                            if int(n) < len(_NUMBER_WORDS))
    words = {w[:5] for w in content_words(known)}
    if re.search(r"\bdo not\b|\bnot (?:be )?(?:use|give|take)", known, re.I):  # "do not use" is "nothing"/"none"/"never"
        known += " nothing none never"
    if re.search(r"\bwith (?:any )?other\b", known, re.I):  # "with any other product containing…" is "together with another"
        known += " together another alongside else"
    if re.search(r"\b(?:in|every|per) 24 hours\b", known, re.I):  # "6 doses in 24 hours" is "6 doses a day"
        known += " day daily"
    if re.search(r"\bunless\b", known, re.I):  # "unless directed by a doctor" is "only if a doctor directs"
        known += " only"
    if re.search(r"\b(?:patients?|subjects?|people)\b", known, re.I):  # "…in patients with…" is "in anyone with…"
        known += " anyone anybody"
    extra = [g for group in SYNONYMS if any(w[:5] in words for w in group) for g in group]
    return f"{known} {' '.join(extra)}"


# A figure with its unit: "80 mg", "20%", "4 years", "every 12 weeks", "4.6 per 100 patient-years".
_UNIT_FIGURE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(%|percent\b|per cent\b|per 100 patient[- ]years?\b|mg\b|mcg\b|"
                          r"milligrams?\b|micrograms?\b|doses?\b|tablets?\b|capsules?\b|ml\b|years?\b|months?\b|"
                          r"weeks?\b|days?\b|hours?\b|-fold\b|fold\b)", re.I)
_UNIT = {"percent": "%", "per cent": "%", "fold": "fold", "-fold": "fold", "milligram": "mg", "milligrams": "mg",
         "microgram": "mcg", "micrograms": "mcg", "doses": "dose", "tablets": "tablet", "capsules": "capsule"}
# How figures are read before their units are found: a confidence interval after a rate is left out ("0.6 (0.38,
# 0.91) per 100 patient-years" is a rate of 0.6), a range gives both ends its unit ("4 to 17 years"), and an age is
# in years ("from age 2", "aged 65").
_CONFIDENCE = re.compile(r"\s*\(\s*\d+(?:\.\d+)?\s*,\s*\d+(?:\.\d+)?\s*\)")
_RANGE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(\s*(?:to|-|–)\s*)(?=\d+(?:\.\d+)?\s*(%|mg\b|mcg\b|years?\b|months?\b|"
                    r"weeks?\b|days?\b|hours?\b))", re.I)
_AGE = re.compile(r"\bage(?:d|s)?\s+(\d{1,3})\b(?!\s*(?:years?|months?|%))", re.I)
# The figure compared with one that has a unit shares it: "3.1 per 100 patient-years on HUMIRA versus 4.6 on control"
# ("…and 4.6 on control").
_VERSUS = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(%|per 100 patient[- ]years?\b)([^.;\d%]{0,40}?\b(?:versus|vs\.?|against|"
                     r"compared (?:with|to)|and(?=\s+\d+(?:\.\d+)?\s+(?:on|in|with|among|for)\s+(?:the\s+)?(?:placebo|control)))"
                     r"\s+(?:a rate of\s+)?)(\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:%|-?fold\b|(?:per|percent|mg|mcg|"
                     r"ml|years?|months?|weeks?|days?|hours?)\b))", re.I)


# A dose said without its unit, as doses are said aloud: "10 or 20 once daily", "a range of 10 to 80" (milligrams).
_BARE_DOSE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(?:(\s*(?:or|to|-|–)\s*)(\d+(?:\.\d+)?))?"
                        r"(?=\s+(?:once|twice) (?:a day|daily)\b)|"
                        r"(?<=\brange )(?:of\s+|is\s+)?(\d+(?:\.\d+)?)(\s*(?:to|-|–)\s*)(\d+(?:\.\d+)?)(?![\d.])"
                        r"(?!\s*(?:%|percent|mg|mcg|ml|years?|months?|weeks?|days?|hours?)\b)", re.I)


def _with_dose_units(m: re.Match[str]) -> str:
    low, between, high = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return f"{low} mg{between}{high} mg" if high else f"{low} mg"


def _read_figures(text: str) -> str:
    """The text with each figure's unit spelled next to it (see _CONFIDENCE, _AGE, _RANGE, _VERSUS, _BARE_DOSE)."""
    text = _BARE_DOSE.sub(_with_dose_units, text)
    text = _AGE.sub(lambda m: f"age {m.group(1)} years", _CONFIDENCE.sub("", text))
    text = _RANGE.sub(lambda m: f"{m.group(1)} {m.group(3)}{m.group(2)}", text)
    return _VERSUS.sub(lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}{m.group(4)} {m.group(2)}", text)


_WORD_FIGURE = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\s+(?:years?|months?|weeks?|"
                          r"days?|hours?)\b)", re.I)
_WORD_VALUE = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def _figure_matches(text: str) -> tuple[str, list[tuple[re.Match[str], str, str]]]:
    """The text as figures are read in it (numbers in words written as digits, section references blanked), and each
    figure in it with its unit and plain value."""
    text = _SECTION_REF.sub(" ", _WORD_FIGURE.sub(lambda m: _WORD_VALUE[m.group(1).lower()], in_digits(text)))
    text = _read_figures(text)
    out = []
    for m in _UNIT_FIGURE.finditer(text):
        unit = m.group(2).lower()
        unit = "per 100 patient-years" if unit.startswith("per 100") else \
            _UNIT.get(unit, unit if unit in ("%", "mcg") else unit.rstrip("s"))
        out.append((m, unit, _plain(m.group(1))))
    return text, out


def unit_figures(text: str) -> dict[str, set[str]]:
    """Figures by unit: {"mg": {"40", "80"}, "%": {"20"}, "year": {"2"}} ("two years" is 2 years)."""
    out: dict[str, set[str]] = {}
    for _, unit, value in _figure_matches(text)[1]:
        out.setdefault(unit, set()).add(value)
    return out


def _pairs(figures: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(unit, value) for unit, values in figures.items() for value in values}


# "about 0.11" and "approximately 0.11": the words that hedge a figure say nothing of what it is a figure of
_APPROXIMATORS = {"about", "approximately", "roughly", "around", "nearly", "almost", "some", "~", "circa", "was", "were",
                  "is", "are"}


def _figure_words(text: str) -> dict[tuple[str, str], set[str]]:
    """Each figure with its unit, and the words said right before it ("a median of 4.9 years" -> {"media"}, "cut …
    by 22%" -> {"cut", "reduc", …}): what the figure is a figure of, as word starts with their synonyms."""
    out: dict[tuple[str, str], set[str]] = {}
    text, found = _figure_matches(text)
    for m, unit, value in found:
        lead = [w for w in text[: m.start()].split() if w.lower() not in _APPROXIMATORS]
        before = {w[:5] for w in content_words(" ".join(lead[-FIGURE_WINDOW:]))
                  if w not in _GENERIC_SUBJECT and not any(ch.isdigit() for ch in w)}
        before |= {g[:5] for group in SYNONYMS if any(w[:5] in before for w in group) for g in group}
        out.setdefault((unit, value), set()).update(before)
    return out


def _figure_holders(claim: str, sentences: Sequence[str]) -> list[str]:
    """The source sentences that give one of the claim's figures, in its unit, after a word the claim also puts
    right before it: "followed for a median duration of 4.9 years" holds "over a median of 4.9 years", "a relative
    risk reduction of 22%" holds "cut events by 22%"; "0.2%, 0.2%, 0.6%, and 2.3%" holds none of its rates."""
    wanted = _figure_words(claim)
    if not wanted:
        return []
    out = []
    for sentence in sentences:
        got = _figure_words(sentence)
        if any(words & got.get(key, set()) for key, words in wanted.items()):
            out.append(sentence)
    return out


def _pair_holders(claim: str, sentences: Sequence[str]) -> list[str]:
    """The source sentences that give every one of two or more figures a stretch of the claim pairs, in their unit,
    whatever words they put around them: "9.7% of patients on LIPITOR and 9.5% … on placebo discontinued" holds
    "9.7% on atorvastatin stopped for an adverse reaction against 9.5% on placebo"."""
    paired = [figs for stretch in (_pieces(claim) or [claim]) for figs in unit_figures(stretch).items()
              if len(figs[1]) >= 2]
    return [t for t in sentences if paired and any(figs <= unit_figures(t).get(unit, set()) for unit, figs in paired)]


# Dosing intervals that differ by one word: "every week" is not "every other week".
_INTERVAL = re.compile(r"\b(every other (?:day|week|month)|every (?:day|week|month)|weekly|daily|monthly|twice (?:a|per) "
                       r"(?:day|week)|once (?:a|per) (?:day|week))\b", re.I)
_SAME_INTERVAL = {"weekly": "every week", "daily": "every day", "monthly": "every month", "once a day": "every day",
                  "once per day": "every day", "once a week": "every week", "once per week": "every week"}


def _intervals(text: str) -> set[str]:
    return {_SAME_INTERVAL.get(m.group(1).lower(), m.group(1).lower()) for m in _INTERVAL.finditer(text)}


# Words too common in a label to say what a figure is about: units, the product, "patients", "dose".
_GENERIC_SUBJECT = ("mg", "mcg", "ml", "dl", "daily", "once", "twice", "patient", "patients", "dose", "doses",
                          "week", "weeks", "day", "days", "year", "years", "month", "months", "placebo", "lipitor",
                          "humira", "atorvastatin", "adalimumab", "trial", "trials", "study", "studies", "percent",
                          "versus", "vs", "against", "compared")
_LIMIT = re.compile(r"\b(?:no|not) (?:more|higher|greater|above) than\b|(?:\bnot|n't) (?:to )?(?:exceed|go above|go over)\w*|"
                    r"(?:\bnot|n't)(?: \w+){0,2} more (?:often|frequently) than\b", re.I)


def _co_medications(text: str) -> set[str]:
    """The drugs a text names other than the product itself."""
    return {m.group(0).lower() for m in DRUG.finditer(text)} - set(_GENERIC_SUBJECT)


def _names_any(sentence: str, drugs: set[str]) -> bool:
    """Whether the sentence itself (not the heading it is read under, "Heading: sentence") names one of the drugs."""
    return any(d in sentence.split(": ", 1)[-1].lower() for d in drugs)


_FIG = r"\d+(?:\.\d+)?"


def _row_cells(row: str) -> tuple[str, set[str]]:
    """A table row's label and the figures of its cells (a share in brackets, "548 | (10.9)", is one of them, not a
    section reference)."""
    label, _, rest = row.partition("|")
    return label, {_plain(n) for n in re.findall(_FIG, rest)}


def _subject(text: str) -> set[str]:
    return {w for w in _words(text) if not any(ch.isdigit() for ch in w)} - _GENERIC_STEMS


def _figure_flags(piece: str, backing: str, claim_backing: str, close: Sequence[str], named: str,
                  rows: Sequence[str], claim: str = "", holders: Sequence[str] = ()) -> list[str]:
    """A figure must be one the sentences behind it give for that unit, not another of the label's numbers: a close
    sentence vouches for it only if it is about as much about the stretch's subject as the best one ("20 mg" for
    clarithromycin does not back "no more than 20 mg" with nelfinavir). A stretch that is only figures ("8.7% versus
    10.9%") is about what the claim around it is about."""
    # A figure given for another drug is not this drug's: when the claim names drugs, the sentences that back its
    # figures must name one of them ("no more than 40 mg" is nelfinavir's limit, not clarithromycin's).
    drugs = _co_medications(piece) or _co_medications(claim)  # the stretch's own drugs first ("…, with nelfinavir up to 40")
    # …and one given for another condition is not this condition's ("a loading dose of 160 mg" is Crohn's, not psoriasis)
    # (the stretch's own, or those said before it: "In psoriasis patients it starts with | a 160 mg dose"; "…highly
    # active RA" later in a claim is another fact)
    at = claim.find(piece)
    named_conditions = conditions(piece) or (conditions(claim[:at]) if at > 0 else set())

    studies = {c for c in named_conditions if c.startswith("study ")}

    def about(t: str) -> bool:  # a trial named is the stricter condition: CD-I's figures are not CD-II's
        said = conditions(t)
        return (not drugs or _names_any(t, drugs)) and (
            not named_conditions or bool((studies or named_conditions) & said))

    if not about(backing):
        backing = next((t for t in (claim_backing, *close) if about(t)), backing)
    said, source = unit_figures(piece), unit_figures(backing)
    subject = _subject(piece) or _subject(claim)
    needed = len(subject & _sentence_words(backing))
    vouch = [c for c in close if about(c) and len(subject & _sentence_words(c)) >= needed]
    named = " ".join(t for t in re.split(r"(?<=[.;])\s+", named) if about(t))
    holders = [t for t in holders if about(t)]  # …and a sentence that gives the figure for what the claim says it is
    nearby = unit_figures(" ".join([claim_backing if about(claim_backing) else "", named, *vouch, *holders]))
    # (a cell with its own unit holds a figure in that unit only: the digoxin row's "40 mg QD" is a dose, not a 40%
    # rise)
    # (a row named by what the stretch is about is its row: "digoxin concentrations rose by 30%" is the digoxin row's,
    # not the rifampin row's, whose long label also says "concentration")
    keyed = [r for r in rows if _row_drugs(r) & subject]
    cells = [(figs, unit_figures(r.partition("|")[2])) for r in keyed or rows
             for label, figs in [_row_cells(r)] if subject & _sentence_words(label)]
    doses = _dose_cells(claim or piece, rows)

    def in_cells(unit: str) -> set[str]:
        return doses | {n for figs, units in cells
                        for n in figs - {m for u, ns in units.items() if u != unit for m in ns}}
    # Each figure is held to the backing sentence's figures in its unit or, when that sentence gives none in the
    # unit, to those of the nearest sentence that does and is about the same thing.
    others = [(unit_figures(c), _sentence_words(c)) for c in (claim_backing, *close) if about(c)]
    flags = []
    for unit, figures in said.items():
        given = source.get(unit) or next((figs[unit] for figs, words in others
                                          if unit in figs and len(subject & words) >= 2), set())
        wrong = sorted(f for f in figures - given - nearby.get(unit, set()) - in_cells(unit)
                       if not _approximated(f + ("%" if unit == "%" else ""), piece,
                                            {g + ("%" if unit == "%" else "") for g in given}))
        if given and wrong:  # ("just under 5 years" is the label's 4.9)
            flags.append(f"the sentence behind it gives {', '.join(sorted(given))} {unit}, not {', '.join(wrong)} {unit}")
    return flags


def _row_drugs(row: str) -> set[str]:
    """The drugs a table row gives with a dose ("Digoxin 0.25 mg QD", "Rifampin 600 mg"), stemmed as the claim's
    words are: what a pharmacokinetic row is about."""
    return _sentence_words(" ".join(re.findall(r"\b([A-Z][a-z]{3,})\s+\d+(?:\.\d+)?\s*mg\b", row)))


def _backing_row(claim: str, rows: Sequence[str]) -> str:
    """A table row that says what the claim says: its label names the claim's subject and its cells hold at least two
    of the claim's figures, the rest (a dose column, "80 mg") being in the table's header rows ("Myalgia was 2.7% on
    80 mg against 3.1% on placebo" is the row "Myalgia | … | 2.7 | 3.1")."""
    figures = {_plain(n) for n in re.findall(_FIG, _SECTION_REF.sub(" ", claim))}
    subject = _subject(claim)
    if len(figures) < 2 or not subject:
        return ""
    header = {_plain(n) for r in rows if not (subject & _sentence_words(r.split("|")[0]))
              for n in re.findall(_FIG, r) if "N=" in r or "mg" in r}
    for r in rows:
        label, cells = _row_cells(r)
        if subject & _sentence_words(label) and len(figures & cells) >= 2 and figures <= cells | header:
            return r
    return ""


# A header row naming one trial per group of columns ("CD-I | CD-II", "Study UC-I | Study UC-II").
_STUDY_HEADER = re.compile(r"^\s*(?:Study\s+)?[A-Z][A-Za-z]{0,3}-[IV]{1,4}(?:\s*\|\s*(?:Study\s+)?[A-Z][A-Za-z]{0,3}-[IV]{1,4})+\s*$",
                           re.M)


def _study_columns(text: str) -> dict[str, set[str]]:
    """The figures each trial's columns give in tables whose header names a trial per group of columns (the rows
    after "CD-I | CD-II" read "Clinical remission | 12% | 36%* | 7% | 21%*": 12 and 36 are CD-I's, 7 and 21 CD-II's)."""
    out: dict[str, set[str]] = {}
    groups: list[str] = []
    for line in text.splitlines():
        if _STUDY_HEADER.match(line):
            groups = [_STUDY.search(c).group(1).upper() for c in line.split("|")]  # type: ignore[union-attr]
            continue
        cells = [c.strip() for c in line.split("|")]
        if not groups or len(cells) < 2:
            if line.strip() and "|" not in line and len(line) > 80:
                groups = []  # prose after the table ends it
            continue
        values = cells[1:]
        if len(values) % len(groups) or not any(re.search(r"\d", c) for c in values):
            continue
        width = len(values) // len(groups)
        for i, cell in enumerate(values):
            first = re.match(rf"\s*({_FIG})", cell)  # the cell's own figure, not its confidence interval
            if first:
                out.setdefault(groups[i // width], set()).add(_plain(first.group(1)))
    return out


def _study_flags(claim: str, columns: dict[str, set[str]]) -> list[str]:
    """A rate the claim gives a trial must be in that trial's columns, not only in its sister trial's."""
    named = {m.group(1).upper() for m in _STUDY.finditer(claim)} & set(columns)
    if len(named) != 1:
        return []
    study = named.pop()
    rates = {_plain(n) for n in re.findall(rf"({_FIG})\s*%", claim)}
    elsewhere = {r for r in rates - columns[study] if any(r in figs for s, figs in columns.items() if s != study)}
    return [f"the table gives {', '.join(sorted(elsewhere))}% for another trial, not {study}"] if elsewhere else []


# The label's short column names, in the words an MSL says for them.
_COLUMN_SAID = {"tc": "total cholesterol total-c", "tg": "triglyceride triglycerides tg", "ldl-c": "ldl ldl-c",
                "hdl-c": "hdl hdl-c", "apo b": "apo apolipoprotein", "non-hdl-c/ hdl-c": "non-hdl"}


_TABLE_HEADER = re.compile(r"^\s*(?:dose|\d+(?:\.\d+)?(?:\s*mg)?|placebo)\s*\|", re.I | re.M)  # a table of doses, or its rows


def _dose_cells(claim: str, rows: Sequence[str]) -> set[str]:
    """The figures a table of doses gives for the claim's doses in the columns it names: the claim "80 mg brought LDL-C
    down 60%" reads the row "80 | 23 | -45 | -60 | …" under the header "Dose | N | TC | LDL-C | …" (both signs)."""
    return {n for _, _, cells in _dose_rows(claim, rows) for n in cells}


def _dose_rows(claim: str, rows: Sequence[str]) -> list[tuple[str, str, set[str]]]:
    """Each header and row of a table of doses that the claim reads, with the figures of the columns it names."""
    doses = {_plain(d) for d in re.findall(rf"({_FIG})\s*mg\b", claim, re.I)}
    said = {w[:5] for w in content_words(claim)}
    placebo = "placebo" in claim.lower()
    headers = [r for r in rows if r.count("|") >= 3 and not re.search(r"\d", r.replace("HDL-C/", ""))]
    out: list[tuple[str, str, set[str]]] = []
    for r in rows:
        cells = [c.strip() for c in r.split("|")]
        label = cells[0].lower()
        if not (label in doses or label == "placebo" and placebo):
            continue
        for header in headers:
            head = [c.strip().lower() for c in header.split("|")]
            if len(head) != len(cells):
                continue
            figures = {_plain(n) for name, cell in zip(head[1:], cells[1:])
                       if {w[:5] for w in content_words(f"{name} {_COLUMN_SAID.get(name, '')}")} - {"n"} & said
                       for n in re.findall(_FIG, cell)}
            if figures and (header, r, figures) not in out:
                out.append((header, r, figures))
    return out


# "0.2%, 0.2%, 0.6%, and 2.3% for 10, 20, 40, and 80 mg, respectively": each dose has its own rate.
_RESPECTIVELY = re.compile(rf"((?:{_FIG}\s*%,?\s*(?:and\s+)?){{2,}})\s*(?:for|with|at|in)\s+((?:{_FIG},?\s*(?:and\s+)?){{2,}})"
                           r"\s*mg\b,?\s*respectively", re.I)
_RATE_AT_DOSE = re.compile(rf"({_FIG})\s*%[^.;%]{{0,40}}?\b(?:on|at|with|taking|receiving|given)\s+({_FIG})\s*mg\b|"
                           rf"({_FIG})\s*mg\b[^.;%]{{0,40}}?\b({_FIG})\s*%", re.I)


_ARM = {"placebo": "placebo", "control": "placebo", "humira": "drug", "adalimumab": "drug", "lipitor": "drug",
        "atorvastatin": "drug"}


def _arm_rates(text: str) -> dict[str, str]:
    """Which arm each rate (a percentage, or events per 100 patient-years) belongs to: "20% of patients treated with
    HUMIRA compared to 14% of patients receiving placebo" → {"drug": "20%", "placebo": "14%"} (the arm named just
    after a rate, else just before it)."""
    text = re.sub(r"\s*per 100 patient[- ]years?\b", "/", _read_figures(text).lower().replace(" percent", "%"))
    tokens = re.findall(rf"{_FIG}[%/]|[a-z]+", text)
    out: dict[str, str] = {}
    for i, t in enumerate(tokens):
        if not t.endswith(("%", "/")):
            continue
        after = None
        for w in tokens[i + 1 : i + 7]:
            if w.endswith(("%", "/")):
                break
            if w in _ARM:
                after = _ARM[w]
                break
        # "Humira 14% vs placebo 20%": an arm right before the rate is its own
        arm = _ARM[tokens[i - 1]] if i and tokens[i - 1] in _ARM else after
        if arm and arm not in out:
            out[arm] = _plain(t[:-1]) + ("%" if t.endswith("%") else " per 100 patient-years")
    return out


def _arm_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """Rates given to the wrong arms: the drug's rate said for placebo and placebo's for the drug."""
    said = _arm_rates(piece)
    if len(said) < 2 or said["drug"] == said["placebo"]:
        return []
    for t in texts:
        source = _arm_rates(t)
        if len(source) == 2 and source["drug"] == said["placebo"] and source["placebo"] == said["drug"]:
            return [f"swaps the arms: the source gives {source['drug']} on the drug and {source['placebo']} on placebo"]
    return []


def _per_dose(texts: Sequence[str]) -> dict[str, str]:
    """The rate the label gives for each dose ("0.2%, 0.2%, 0.6%, and 2.3% for 10, 20, 40, and 80 mg, respectively")."""
    per_dose: dict[str, str] = {}
    for t in texts:
        for m in _RESPECTIVELY.finditer(t):
            rates, doses = re.findall(_FIG, m.group(1)), re.findall(_FIG, m.group(2))
            if len(rates) == len(doses):
                per_dose.update({_plain(d): _plain(r) for d, r in zip(doses, rates)})
    return per_dose


def _rates_at_doses(piece: str) -> list[tuple[str, str]]:
    return [(_plain(m.group(1)), _plain(m.group(2))) if m.group(1) else (_plain(m.group(4)), _plain(m.group(3)))
            for m in _RATE_AT_DOSE.finditer(piece)]


def _respective_flags(said: list[tuple[str, str]], per_dose: dict[str, str]) -> list[str]:
    """A rate said for a dose (``said``: rate, dose) must be that dose's rate where the label gives one rate per dose."""
    return [f"the label gives {per_dose[dose]}% at {dose} mg, not {rate}%" for rate, dose in said
            if per_dose.get(dose, rate) != rate]


def _respective_confirms(said: list[tuple[str, str]], per_dose: dict[str, str]) -> bool:
    """Every rate the piece gives for a dose is the one a per-dose sentence gives for it, though another sentence
    about the same thing was closer ("persistent transaminase rises at 80 mg ran at 2.3%")."""
    return bool(said) and all(per_dose.get(dose) == rate for rate, dose in said)


_DAY = re.compile(r"\bday (\d+)\b", re.I)
_DOSE = re.compile(rf"({_FIG})\s*mg\b", re.I)


def _day_doses(text: str, label: bool) -> dict[str, str]:
    """The dose given on each numbered day of a schedule ("160 mg on Day 1, followed by 80 mg two weeks later
    (Day 15)"). In the label a day's dose is the last one before it since the previous day (asides in brackets
    left out), else the first after it; in a claim it is the nearest one."""
    text = re.sub(r"\((?!day \d+\))[^()]*\)", " ", text, flags=re.I)
    days = list(_DAY.finditer(text))
    out: dict[str, str] = {}
    for i, d in enumerate(days):
        start = days[i - 1].end() if i else 0
        end = days[i + 1].start() if i + 1 < len(days) else len(text)
        before = list(_DOSE.finditer(text, start, d.start()))
        after = list(_DOSE.finditer(text, d.end(), end))
        if label:
            dose = before[-1] if before else after[0] if after else None
        else:
            near = [(d.start() - m.end(), m) for m in before] + [(m.start() - d.end(), m) for m in after]
            dose = min(near, key=lambda x: x[0])[1] if near else None
        if dose:
            out[d.group(1)] = _plain(dose.group(1))
    return out


def _day_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """A dose said for a day of a loading schedule must be the one the label gives for that day."""
    given: dict[str, str] = {}
    for t in texts:
        for day, dose in _day_doses(t, label=True).items():
            given.setdefault(day, dose)
    return [f"the label gives {given[day]} mg on Day {day}, not {dose} mg"
            for day, dose in _day_doses(piece, label=False).items() if day in given and given[day] != dose]


# Which way a quantity moves: "can increase plasma concentrations" against "lowers atorvastatin levels".
_UP = r"increas\w*|rais(?:e|es|ed|ing)|ris(?:e|es|ing)|rose|elevat\w*|higher|boost\w*|enhanc\w*|more"
_DOWN = r"decreas\w*|reduc\w*|lower(?:s|ed|ing)?|lessen\w*|cut(?:s|ting)?|drop(?:s|ped)?|diminish\w*|declin\w*|fell|fewer|less"
_MOVES = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b(?!\s+(?:than|often|frequently)\b)", re.I)
_SAME_THING = (("level", "concen", "exposu", "auc"), ("hemor", "haemo"), ("drows", "sleep", "sedat"))
DIRECTION_WINDOW = 4  # content words after a direction word that say what moves
# …or, when nothing follows it, before it back to where its clause starts
_CLAUSE_START = re.compile(r"[,;:.()]|\b(?:and|but|or|when|while|because|if)\b", re.I)
_BY_HOW_MUCH = re.compile(r"[\d.,%]+|about|approximately|roughly|around|nearly|almost|some|percent|fold|times", re.I)
# …up to the first word that starts saying when, with what or compared with what ("a lower dose with niacin")
_PHRASE_END = re.compile(r"[,;:.()]|\b(?:with|when|in|for|if|while|because|compared|versus|vs|than|by|on|at|during|among|"
                         r"after|before|from|to|and|or|but|especially|unless)\b", re.I)


def _directions(text: str) -> list[tuple[str, set[str]]]:
    """Each direction word with what it says moves: the few content words of the phrase after it (as word starts,
    with their synonyms)."""
    out = []
    for m in _MOVES.finditer(text):
        phrase = _PHRASE_END.split(text[m.end():], maxsplit=1)[0]
        after = [w[:5] for w in content_words(phrase) if w not in _GENERIC_SUBJECT and not _BY_HOW_MUCH.fullmatch(w)
                 ][:DIRECTION_WINDOW]
        if not after:  # said of what comes before it: "digoxin concentrations increased by approximately 20%"
            before = _CLAUSE_START.split(text[: m.start()])[-1]
            after = [w[:5] for w in content_words(before) if w not in _GENERIC_SUBJECT][-DIRECTION_WINDOW:]
        what = set(after) | {g for group in _SAME_THING if set(group) & set(after) for g in group}
        if what:
            out.append(("up" if m.group("up") else "down", what))
    return out


def _direction_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """A quantity said to move one way that the sentences behind it say moves the other, and never this way."""
    said = _directions(piece)
    if not said:
        return []
    source = [d for t in texts for d in _directions(t)]
    flags = []
    for way, what in said:
        other = [w for d, w in source if d != way and w & what]
        if other and not any(d == way and w & what for d, w in source):
            flags.append(f"the source says it goes the other way: '{'up' if way == 'down' else 'down'}' for "
                         f"'{', '.join(sorted(what & other[0]))}'")
    return flags


# A dose limit and its figure: "up to 40 milligrams", "do not exceed 20 mg", "should be limited to 20 mg".
_LIMIT_FIGURE = re.compile(r"(?:\b|(?<=\w)(?=n't))(?:up to|no more than|not (?:to )?(?:exceed|go above|go over)|n't (?:exceed|go above|go over)|"
                           r"not above|maximum(?: dose)?(?: of| is)?|max(?: is| of)?|cap(?:ped)?(?: it)? at|limit(?:ed)? (?:to|at)|"
                           r"(?:cap|ceiling|limit|upper limit) (?:is|of)|"
                           r"exceeds?|tops? out at|at most|max(?:imum)?(?: daily)?(?: dose)? (?:with|on|alongside) [\w-]+(?: [\w-]+)?(?: is| of)?)"
                           r"\s+(\d+(?:\.\d+)?)\s*(?:mg\b|milligrams?\b)", re.I)
# …or the figure first: "20 mg is the ceiling", "40 milligrams as the maximum"
_FIGURE_LIMIT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:mg\b|milligrams?\b)\s+(?:is|as|being)\s+(?:the\s+|your\s+)?"
                           r"(?:cap|ceiling|limit|upper limit|maximum|max|most)\b", re.I)
_AVOID = re.compile(r"\bavoid\w*|\bcontraindicated\b|\bnot recommended\b", re.I)


# A starting dose and its figures: "the starting dose is 10 or 20 mg", "may be started at 40 mg", "start at 40 or 80".
_START_FIGURE = re.compile(r"\b(?:start(?:ing|ed|s)?|initial|initiat\w*)(?: dose)?(?: of \w+)?(?: (?:is|was|at|of|on|with))?"
                           r"\s+(\d+(?:\.\d+)?)(?:\s*mg\b)?(?:\s*(?:or|to|-|–|and)\s*(\d+(?:\.\d+)?)(?:\s*mg\b)?)?",
                           re.I)


def _start_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """A starting dose said must be one the source gives as a starting dose (not its range's top)."""
    said = {_plain(f) for m in _START_FIGURE.finditer(_read_figures(piece)) for f in m.groups() if f}
    given = {_plain(f) for t in texts for m in _START_FIGURE.finditer(t) for f in m.groups() if f}
    wrong = sorted(said - given, key=float)
    return [f"the source starts at {', '.join(sorted(given, key=float))} mg, not {', '.join(wrong)}"] \
        if said and given and wrong else []


def _limit_flags(piece: str, drugs: set[str], texts: Sequence[str]) -> list[str]:
    """A dose limit said with a co-medication must be the limit the sentences naming that drug give."""
    said = {_plain(f) for f in _LIMIT_FIGURE.findall(piece) + _FIGURE_LIMIT.findall(piece)}
    if not said or not drugs:
        return []
    given = {_plain(f) for t in texts if _names_any(t, drugs) for f in _LIMIT_FIGURE.findall(t)}
    avoided = [t for t in texts if _names_any(t, drugs) and _AVOID.search(t)]
    if not given and avoided:  # "Max dose with cyclosporine is 10 mg" where the label says to avoid the combination
        return [f"the label says '{_AVOID.search(avoided[0]).group(0)}' with {', '.join(sorted(drugs))}; it gives no dose"]
    wrong = sorted(said - given)
    flags = [f"the label limits it to {', '.join(sorted(given))} mg with {', '.join(sorted(drugs))}, not "
             f"{', '.join(wrong)} mg"] if given and wrong else []
    # …and each drug of a list must be one the label gives a limit for ("no more than 40 mg: nelfinavir, boceprevir and
    # lopinavir plus ritonavir": lopinavir is "use with caution", with no figure)
    for drug in sorted(_drugs_under(piece, _LIMIT_FIGURE) & drugs):
        named = [t for t in texts if _names_any(t, {drug})]
        if given and named and not any(_LIMIT_FIGURE.search(t) or _AVOID.search(t) for t in named):
            flags.append(f"the label gives no dose limit with {drug}")
    return flags


_NOT_AVOID = re.compile(r"(?:\bnot|n't|\bno need to|rather than|instead of|\bnever)\s+(?:\w+\s+){0,2}$", re.I)
_OTHER_RULE = re.compile(r"\b(?:is|are|was|'s|should|use|used|keep|limit\w*|consider\w*|caution\w*|lowest|ceiling|cap\w*|"
                         r"exceed\w*|monitor\w*|not|no more|above|up to)\b|n't\b|\d\s*mg\b", re.I)


# A rule said of drugs: the drugs of a clause that holds one before another are its own ("…should be avoided with
# cyclosporine and limited to 20 mg with clarithromycin")
_RULE = re.compile(rf"{_AVOID.pattern}|\bcaution\w*|{_LIMIT_FIGURE.pattern}", re.I)
_NEXT_RULE = re.compile(rf"{_OTHER_RULE.pattern}|{_AVOID.pattern}", re.I)


def _avoided_drugs(claim: str) -> set[str]:
    """The drugs a claim says to avoid: those in the clause before an "avoid" ("tipranavir with ritonavir is an
    avoid") and the list after it ("avoid it with cyclosporine, tipranavir plus ritonavir or telaprevir"), up to the
    next rule ("…, saquinavir or darunavir is a 20 mg ceiling"); not an avoid said not to be one ("caution rather than
    avoid")."""
    return _drugs_under(claim, _AVOID)


def _drugs_under(claim: str, rule: re.Pattern[str]) -> set[str]:
    """The drugs a rule of the claim is said of: the clause before it and the list after it (after a colon too: "No
    more than 40 mg: nelfinavir, boceprevir…"), up to the next rule."""
    out: set[str] = set()
    for m in rule.finditer(claim):
        if _NOT_AVOID.search(claim[: m.start()]):
            continue
        before = re.split(r"[;,:]|\s[-–—]\s|\bbut\b|\bwhile\b", claim[: m.start()])[-1]
        before = "" if _RULE.search(before) else before
        cut = re.split(r"(,|;|:|\s[-–—]\s|\.\s)", claim[m.end():])
        if len(cut) >= 3 and cut[1] == ":" and not cut[0].strip():  # "Avoid: …", "No more than 40 mg: …"
            cut = cut[2:]
        after = cut[0]
        for joint, part in zip(cut[1::2], cut[2::2]):
            if joint != "," or _NEXT_RULE.search(part) or _NEXT_RULE.search(after):
                break
            after += part
        after = after[: m2.start()] if (m2 := _NEXT_RULE.search(after)) else after  # ("…and limited to 20 mg with…")
        out |= _co_medications(before) | _co_medications(after)
    return out


def _avoid_flags(drugs: set[str], texts: Sequence[str]) -> list[str]:
    """A drug said to be avoided must be one the label says to avoid, not one it names only for caution or a dose
    limit ("avoid … cyclosporine, tipranavir plus ritonavir, telaprevir and lopinavir plus ritonavir": lopinavir is
    "use with caution")."""
    flags = []
    for drug in sorted(drugs):
        naming = [t for t in texts if _names_any(t, {drug})]
        if naming and not any(_AVOID.search(t) for t in naming):
            flags.append(f"the label does not say to avoid {drug}: '{naming[0][:100]}'")
    return flags


# "Such patients merit closer monitoring…": who the sentence is about is in the one before it.
_SUCH_PATIENTS = re.compile(r"(?:^|:\s+)(?:such|these|those) (?:patients|subjects|individuals|people)\b", re.I)


def _row_names(population: re.Pattern[str], piece: str, texts: Sequence[str]) -> bool:
    """A table row near the stretch names its population with its figures: "children 6 to under 12 years of age | 2
    teaspoonfuls (10 mL)" is who "every four hours for children 6 to under 12" is about."""
    said = numbers(piece, words=False)
    return any(population.search(head) and said & numbers(head, words=False)
               for t in texts if "|" in t for head in [t.partition("|")[0]])


def _disagreements(piece: str, backing: str, claim_backing: str, close: Sequence[str] = (), named: str = "",
                   rows: Sequence[str] = (), claim: str = "", adjacent: Sequence[str] = (),
                   holders: Sequence[str] = (), headed: Sequence[str] = ()) -> list[str]:
    """Why a stretch of a claim is not what its best sentence (or the whole claim's) says. ``close`` are the few
    sentences nearest the stretch (``headed``: the headings of its best few), ``named`` the text of the sections
    the claim names, ``rows`` table rows near them
    (a row whose label names the stretch's subject, "Myalgia | 3.1 | 2.7", vouches for its cells). A stretch that
    names a drug is held to the close sentence that names it ("avoid … gemfibrozil" to 7.4, not to a 5.1 sentence on
    'the aforementioned drugs')."""
    drugs = _co_medications(piece)
    if drugs and not _names_any(backing, drugs):
        backing = next((c for c in close if _names_any(c, drugs)), backing)
    both = f"{backing} {claim_backing}"
    # the sentences either side of the backing one continue it ("The incidence of these abnormalities was…")
    around = [backing, claim_backing, *close, *adjacent]
    said_at_doses = _rates_at_doses(piece)
    per_dose = _per_dose([*around, named]) if said_at_doses else {}
    flags = _figure_flags(piece, backing, claim_backing, close, named, rows, claim, holders) \
        if unit_figures(piece) and not _respective_confirms(said_at_doses, per_dose) else []
    flags += _respective_flags(said_at_doses, per_dose) + _day_flags(piece, around)
    flags += _arm_flags(claim or piece, [backing, claim_backing, *close])
    flags += _crossed_flags(piece, [backing, claim_backing, *close[:TOP_SENTENCES]])
    flags += _start_flags(piece, [backing, claim_backing, *close, *re.split(r"(?<=[.;])\s+", named)])
    flags += _direction_flags(piece, [backing, claim_backing, *close[:TOP_SENTENCES]])
    flags += _limit_flags(piece, drugs or _co_medications(claim), [backing, claim_backing, *close])
    intervals, source_intervals = _intervals(piece), _intervals(both)
    if source_intervals and intervals - source_intervals:
        flags.append(f"an interval the source does not give: '{', '.join(sorted(intervals - source_intervals))}'")
    for pattern in _POPULATION.values():
        who = pattern.search(piece)
        if who and not pattern.search(both) and not _row_names(pattern, piece, close) \
                and not (_SUCH_PATIENTS.search(backing) and any(pattern.search(a) for a in adjacent)):
            flags.append(f"the sentence that backs it is not about this population: '{who.group(0)}'")
    # a restriction on a named drug may sit in any close sentence about that drug ("…with cyclosporine should be avoided")
    stated = " ".join([both, *(c for c in close if drugs and _names_any(c, drugs))])
    for m in RESTRICTION.finditer(piece):
        # ("should not use it" is the Directions' "do not use": one prohibition in other words)
        if m.group(1).lower() in ("should not", "do not use") and _NOT_TO_USE.search(stated):
            continue
        # ("should not go above 20 mg" is the source's "should be limited to 20 mg": a limit, held to it elsewhere)
        if m.group(1).lower() == "should not" and _LIMIT.search(piece, m.start(), m.end() + 25) \
                and _LIMIT_FIGURE.search(stated):
            continue
        if not re.search(rf"\b{re.escape(m.group(1))}", stated, re.I):
            flags.append(f"a restriction the source does not state here: '{m.group(0)}'")
    # …and a benefit the sentence behind it denies ("improves clinical benefit" against "without added benefit")
    denied = next((m for t in (both, *close[:TOP_SENTENCES]) if (m := _NO_BENEFIT.search(t))), None)
    if denied and _BENEFIT_SAID.search(piece) and not re.search(rf"{_NEGATED.pattern}|\bwithout\b", piece, re.I):
        flags.append(f"the source says there is no such benefit: '{denied.group(0)}'")
    # …and a use where it says none has been established, for the patients the claim names
    for t in (both, *close[:TOP_SENTENCES]):
        m = _UNESTABLISHED.search(t)
        where = _subject(m.group(1) or t) if m else set()
        needed = UNESTABLISHED_OVERLAP[0] if m and m.group(1) else UNESTABLISHED_OVERLAP[1]
        if m and len(where & _subject(claim or piece)) >= needed and _USE_SAID.search(piece) \
                and not _NEGATED.search(piece):
            flags.append(f"the source makes no such claim: '{m.group(0)[:120]}'")
            break
    # …and a dose change where it says none is needed, in a sentence about what the claim is about
    subject = _subject(claim or piece)
    unneeded = next((m for t in (both, *close[:TOP_SENTENCES]) if (m := _NO_ADJUSTMENT.search(t))
                     and len(subject & _sentence_words(t)) >= 2), None)
    if unneeded and _ADJUSTS.search(piece) and not _NEGATED.search(piece):
        flags.append(f"the source says no dose adjustment is needed: '{unneeded.group(0)}'")
    # …and the reverse: what the claim affirms, the sentence behind it denies ("hemodialysis significantly enhances
    # clearance" against "hemodialysis is not expected to significantly enhance LIPITOR clearance")
    said = {w[:5] for w in content_words(piece)}
    denied_act = next((m for m in _DENIED_ACT.finditer(both) if m.group(1).lower()[:5] in said
                       and not _instruction(both, m)), None)
    if denied_act and not _NEGATED.search(piece):
        flags.append(f"the source says the opposite: '{denied_act.group(0)}'")
    if _NEGATED.search(_CONTRAST.sub(" ", _LIMIT.sub(" at most ", _without_as_source(piece, both)))) \
            and not _NEGATED.search(stated) \
            and not any(_NEGATED.search(h) for h in headed):  # "…never together" under a "Do not use" heading
        # (a negation said of a named drug may sit in any close sentence about it, as a restriction may: "Atorvastatin
        # should be avoided with cyclosporine" and 7.3's "The co-administration … with cyclosporine should be avoided")
        flags.append(f"negates what the source states: '{piece}'")
    return flags


_NO_THING = re.compile(r"\b(?:with\s+)?no\s+([\w-]{4,})", re.I)


def _without_as_source(piece: str, source: str) -> str:
    """``piece`` without the "no X" that the source says as "without X" ("…came back to baseline with no sequelae"
    against "…returned to or near pretreatment levels without sequelae"): the same absence, no negation of it."""
    return _NO_THING.sub(lambda m: " " if re.search(rf"\bwithout\s+(?:\w+\s+)?{re.escape(m.group(1)[:5])}", source, re.I)
                         else m.group(0), piece)


_CLAUSE_BREAK = re.compile(r",(?!\d)|;|\band\b|\bwhile\b|\bwhereas\b", re.I)


def _crossed_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """Two figures said together that a source sentence gives crossed: "7% were 65 or older" where it says "15,813
    (40%) were ≥65 years old and 2,800 (7%) were ≥75 years old" (each paired with another figure of the other's kind,
    a share with an age)."""
    def kind(figure: str) -> bool:
        return figure.endswith("%")

    said_pairs = [f for f in map(numbers, _CLAUSE_BREAK.split(piece))
                  if len(f) == 2 and kind(min(f)) != kind(max(f))]
    if not said_pairs:
        return []
    # each source sentence's figures, and those of each of its clauses (a per-dose "respectively" list pairs by order)
    sources = [(numbers(t), [numbers(c) for c in _CLAUSE_BREAK.split(t)]) for t in texts
               if not re.search(r"\brespectively\b", t, re.I)]
    flags = []
    for figures in said_pairs:
        a, b = sorted(figures)
        for in_sentence, groups in sources:
            if not figures <= in_sentence:
                continue
            if any(figures <= g for g in groups):
                break
            other_a = {f for g in groups if a in g for f in g if kind(f) == kind(b)}
            other_b = {f for g in groups if b in g for f in g if kind(f) == kind(a)}
            if other_a and other_b:
                flags.append(f"the source gives {a} with {', '.join(sorted(other_a))} and {b} with "
                             f"{', '.join(sorted(other_b))}, not {a} with {b}")
                break
    return flags


# "…may receive concurrent vaccinations, except for live vaccines": what the source allows, and what it excepts.
_EXCEPT = re.compile(r"[,;(]?\s*\bexcept(?: for| in| with)?\s+((?:(?!while|when|during|in|with|if|as|unless|and|or)"
                     r"[\w-]+\s*){1,4})", re.I)
_SETS_APART = re.compile(r"\b(?:other than|apart from|aside from|but not|excluding|besides)\b", re.I)


def _exception_flags(piece: str, texts: Sequence[str]) -> list[str]:
    """A claim that allows what the source excepts ("it can be given with live vaccines"), or rules out all of what
    the source allows but for its exception ("no vaccinations at all" against "vaccinations, except live ones")."""
    said = {w[:5] for w in content_words(piece)}
    for t in (s for text in texts for s in _SPLIT.split(text)):
        m = _EXCEPT.search(t)
        if not m or not (excepted := {w[:5] for w in content_words(m.group(1))}):
            continue
        negated = bool(_NEGATED.search(piece) or _SETS_APART.search(piece))
        if excepted <= said and not negated:
            return [f"allows what the source excepts: '{m.group(0).strip(' ,;(')}'"]
        allowed = _EXCEPT.sub(" ", t)
        allowed_words = {w[:5] for w in content_words(allowed)}
        if negated and not (excepted - allowed_words) & said and not _NEGATED.search(allowed) \
                and said & allowed_words:
            return [f"rules out what the source allows but for its exception: '{m.group(0).strip(' ,;(')}'"]
    return []


# "Humira has no warnings", "there's no interaction with digoxin": an absence is a claim of its own.
_ABSENCE = re.compile(r"\b(?:has|have|had|there(?:'s| is| are| was| were)|carries|carry|shows?|showed|poses?|with)\s+no\s+"
                      r"((?:[\w-]+\s+){0,2}?[\w-]+?)(?=\s+(?:with|in|on|for|to|of|between|at|when|if|and|or|but|so|is|are|"
                      r"was|were)\b|[.,;:]|$)", re.I)
_CROSS_REFERENCE = re.compile(r"[\[(]see [^\])]*[\])]", re.I)  # "[see Warnings and Precautions (5.10)]" states nothing
ABSENCE_REACH = 5  # words between the source's negation and the thing it says is absent ("No dose adjustment …")


def _absence_flags(claim: str, texts: Sequence[str]) -> list[str]:
    """An absence the claim states must be one a close sentence states: the thing said to be absent within a few
    words of a negation ("no clinically significant effect", "Contraindications: none.")."""
    flags = []
    for m in _ABSENCE.finditer(claim):
        head = content_words(m.group(1))
        if not head:
            continue
        stem = re.escape(head[-1][: max(5, len(head[-1]) - 2)])  # "contraindication", not "contr" (controlled)
        if head[-1].lower() in ("need", "needs"):  # "no need to adjust the dose": "…adjustment … is not necessary"
            stem = r"(?:necess|requir|need)"
        # (…or "dosage adjustment in patients with renal dysfunction is not necessary": the thing said to be unneeded)
        near = re.compile(rf"(?:{_NEGATED.pattern}|\bwithout\b)(?:\W+\w+){{0,{ABSENCE_REACH}}}?\W+{stem}|\b{stem}\w*\W+"
                          rf"(?:\w+\W+){{0,2}}(?:none|not)\b|\b{stem}\w*\W+(?:[\w-]+\W+){{0,8}}(?:is|are) not "
                          rf"(?:necessary|needed|required)\b", re.I)
        if not any(near.search(_CROSS_REFERENCE.sub(" ", t)) for t in texts):
            flags.append(f"an absence the source does not state: 'no {m.group(1)}'")
    return flags


# A claim that allows something: what "is not recommended" in the source must not be.
_PERMITS = re.compile(r"\b(?:can|may|could|fine|okay|ok|safe|allowed|acceptable|recommended|appropriate|go ahead|no problem|"
                      r"together)\b", re.I)
# What the label does not know permits nothing: "insufficient information on using it with other biologics".
_UNKNOWN = re.compile(r"\b(?:insufficient|limited|unknown|uncertain|lack of)\b", re.I)
# "…at the same time as atorvastatin, not later": the contrast names what is not said, it negates nothing said.
_CONTRAST = re.compile(r",\s*(?:and\s+|but\s+)?not\s+(?:[\w-]+\s*){1,3}(?=[,.;:]|$)|\s(?:and\s+|but\s+)?not\s+(?:later|"
                       r"earlier|after(?:wards)?|before|instead|separately)\b(?:\s+[\w-]+){0,2}(?=[,.;:]|$)", re.I)
_PREDICATE = re.compile(r"(?:is|are|was|were|remains?|becomes?)\b", re.I)


_NONE_ONLY = re.compile(r"\s*none(?: known)?\.?\s*$", re.I)


# An abbreviation in capitals ("MCVE", "HSTCL"), and where a label defines one: "major cardiovascular events (MCVE)".
_ABBREVIATION_USED = re.compile(r"\b[A-Z]{3,6}\b")
_DEFINED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,6}?)\(([A-Z]{3,6})\)")


def abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a text defines, with the words they stand for: the shortest run of words before the
    bracket that starts with the abbreviation's first letter and ends with a word starting with its last
    ("…any of the following major cardiovascular events (MCVE)" defines MCVE)."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        abbr, words = m.group(2), m.group(1).split()
        for start in range(len(words) - 1, -1, -1):
            run = words[start:]
            if run[0][0].lower() == abbr[0].lower() and run[-1][0].lower() == abbr[-1].lower() \
                    and len(run) <= len(abbr):
                out.setdefault(abbr, " ".join(run))
                break
    return out


# "Everyone", "all patients" said of a trial's subjects, and the sentence that says who they were ("…in 10,001
# subjects … who had achieved a target LDL-C level <130 mg/dL after completing an 8-week, open-label, run-in period").
_EVERY_SUBJECT = re.compile(r"everyone|(?:all|every) (?:\w+ )?(?:patients|people|subjects)", re.I)
_ABOUT_ENROLMENT = re.compile(r"\b(?:enrol\w*|randomi[sz]\w*|run-in|entered|entry|took part|in (?:the|that) "
                              r"(?:trial|study))\b", re.I)
_SUBJECTS_WHO = re.compile(r"\b(?:subjects|patients)\b[^.;]{0,120}\bwho (?:had|were)\b", re.I)


def _says_who_enrolled(text: str, near: str, sentences: Sequence[str]) -> bool:
    """The claim says who a trial took in: it speaks of entry beside the sentence that says who the subjects were, or
    says two of that sentence's entry figures ("Everyone had got under 130 on 10 mg first")."""
    if _ABOUT_ENROLMENT.search(text) and _SUBJECTS_WHO.search(near):
        return True
    said = set(numbers(text, words=False))
    return len(said) >= 2 and any(len(said & set(numbers(t[who.end():], words=False))) >= 2
                                  for t in sentences if (who := _SUBJECTS_WHO.search(t)))


# A trial the label names by an acronym: "Treating to New Targets Study (TNT)", "… Cholesterol Levels (SPARCL) study"
# (not a design: "open-label, blinded endpoint (PROBE) study").
_TRIAL_DEFINED = re.compile(r"\b(?:Study|Trial)\s*\(([A-Z]{3,8})\)|\b[A-Z][a-z]+\s+\(([A-Z]{3,8})\)\s+(?i:study|trial)\b")


def trial_figures(chunks: Sequence[tuple[str, str]]) -> dict[str, set[str]]:
    """The figures each trial a label names by acronym or code is given (bare, without their "%"): those said from
    where it is named ("In the Treating to New Targets Study (TNT), …", "In TNT [see …]", "Table 14. Efficacy Results
    at 16 Weeks in Study Ps-I") to where another trial is, or to the end of its section; a table whose columns are
    several trials gives its figures to each. ``chunks`` are a version's chunks in order, as section number and text."""
    trials = {a or b for number, t in chunks for a, b in _TRIAL_DEFINED.findall(t)} | \
        {m.group(1) for number, t in chunks for m in _STUDY.finditer(t)}  # …or by its code ("Study Ps-I")
    if not trials:
        return {}
    named = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(trials, key=len, reverse=True))) + r")(?![\w-])")
    out: dict[str, set[str]] = {t: set() for t in trials}
    current: set[str] = set()
    section = None

    def give(text: str) -> None:
        for t in current:
            out[t] |= {n.rstrip("%") for n in numbers(text, words=False)}

    for number, text in chunks:
        if number != section:
            current, section = set(), number
        for line in text.splitlines():
            marks = list(named.finditer(line))
            if len({m.group(1) for m in marks}) >= 2 and "|" in line:  # a table's columns: "CD-I | CD-II"
                current = {m.group(1) for m in marks}
                continue
            at = 0
            for m in marks:
                give(line[at : m.start()])
                current, at = {m.group(1)}, m.start()
            give(line[at:])
    return out


def _trial_flags(claim: str, figures: dict[str, set[str]]) -> list[str]:
    """A figure said of a trial named by acronym or code must be one the label gives that trial, not only another
    ("In TNT, 80 mg cut major cardiovascular events by 37%": 37% is CARDS's). A clause naming no trial is about the
    last one named; one naming two is about neither."""
    flags: list[str] = []
    current = None
    for clause in _clauses(claim) or [claim]:
        said = [t for t in figures if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", clause)]
        current = said[0] if len(said) == 1 else (None if said else current)
        if current is None:
            continue
        for n in sorted(numbers(clause)):
            if n.rstrip("%") in figures[current]:
                continue
            others = sorted(t for t, figs in figures.items() if t != current and n.rstrip("%") in figs)
            if others:
                flags.append(f"the label gives {n} for {' and '.join(others)}, not {current}")
    return flags


_ITEM_CUT = re.compile(r",\s*(?:and |or )?|\s+(?:and|or)\s+", re.I)


# What qualifies the item before it rather than adding one: "…, or fosamprenavir, boosted or not", "…, with or without
# ritonavir".
_QUALIFIES = re.compile(r",?\s*\b(?:[\w-]+ or not|with or without [\w-]+|either way)\b", re.I)


def _list_items(text: str) -> list[str]:
    """The items of a claim that lists three or more short ones ("sneezing, runny nose, nasal congestion and fever"):
    each after the first, of three words at most; none when the claim is no such list."""
    items = [i.strip(" .;:") for i in _ITEM_CUT.split(_QUALIFIES.sub("", text))]
    tail = [i for i in items[1:] if i]
    return tail if len(items) >= LIST_ITEMS and tail and all(len(i.split()) <= 3 for i in tail) else []


def _passage_sentences(p: Passage) -> list[str]:
    """A passage's sentences of four words or more; a section whose whole text is "None." is read with its title
    ("4 CONTRAINDICATIONS / None." is "Contraindications: none."), so "the label lists no contraindications" has a
    sentence to match."""
    if _NONE_ONLY.match(p.text) and p.section_title:
        return [f"{p.section_title.capitalize()}: none."]
    return [s.text for s in split_sentences(p.text) if len(s.text.split()) >= 4]


NO_SENTENCE = "no approved sentence says this"
_BARE_NOT = re.compile(r"(?:(?:and|but|or)\s+)?(?:not|never|nor)", re.I)
_BARE_USE = re.compile(r"\b(?:given|used|taken|administered|dosed|measured)$", re.I)  # "It's meant to be given | with…"
_PIECE_KEPT = re.compile(f"({_PIECE.pattern})", re.I)  # …keeping what each cut was made at
_WIDENS = re.compile(r"(?:even|including|that includes|especially|particularly)\b", re.I)


def _pieces(text: str) -> list[str]:
    """A claim cut at its commas and conjunctions, each stretch with at least two content words."""
    out: list[str] = []
    cut = _PIECE_KEPT.split(text)
    for part, joint in zip(cut[::2], [""] + cut[1::2]):
        part = part.strip(" ,;:.")
        # too short to say anything alone, or a predicate whose subject is the stretch before ("advanced age, 65 and
        # over, | is a predisposing factor")
        # (…and "even one used on the skin" widens the stretch before it, and "with …" is what a "shouldn't be given"
        # or "never together" before it rules out)
        # (a semicolon starts a fact of its own, however short its first stretch, and so does a bare "and not": what
        # it rules out follows)
        if out and (len(content_words(part)) < 2 or _PREDICATE.match(part) or _WIDENS.match(part)) \
                and joint.strip() != ";" and not _BARE_NOT.fullmatch(part):
            out[-1] += " " + part
        elif out and joint.strip().lower() == "with" and (_NEGATED.search(out[-1]) and not _NEGATED.search(part)
                                                          or _BARE_USE.search(out[-1])):
            out[-1] += " with " + part
        elif part:
            out.append(part)
    return [p for p in out if len(content_words(p)) >= 2]


def _beside(i: int, sentences: Sequence[str], owner: Sequence[Passage], itself: bool = False) -> list[str]:
    """The sentences either side of sentence ``i`` in its own passage (and it too, with ``itself``)."""
    return [sentences[j] for j in ((i - 1, i, i + 1) if itself else (i - 1, i + 1))
            if 0 <= j < len(sentences) and owner[j] is owner[i]]


@lru_cache(maxsize=4096)
def _said_words(text: str) -> frozenset[str]:
    """The first five letters of a text's words, of the synonyms it uses and of its words split at hyphens."""
    return frozenset(w[:5] for w in content_words(_with_synonyms(f"{text} {text.replace('-', ' ')}")))


def _window_share(words: set[str], around: Sequence[str]) -> float:
    """Share of a claim's words (six or more, no contractions or figures) found in the label text ``around`` it,
    with the synonyms it uses and either spelling; 0 for a claim too short for the share to mean anything."""
    plain = {_british(w) for w in words if re.fullmatch(r"[a-z][a-z-]{2,}", w)}
    if len(plain) < WINDOW_WORDS:
        return 0.0
    said = {_british(w) for w in _sentence_words(_with_synonyms(" ".join(around).lower()))}
    return len(plain & said) / len(plain)


def _british(word: str) -> str:
    """One spelling for both sides of the Atlantic: "localised" and "localized" alike."""
    return re.sub(r"is(e|ed|es|ing|ation)?$", r"iz\1", word) if len(word) > 5 else word


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|e|s|ly)$", "", word) if len(word) > 4 else word


_GENERIC_STEMS = {_stem(w) for w in _GENERIC_SUBJECT}


# Words that say nothing the label must hold: "one" as a pronoun ("gemfibrozil is one to avoid", "one of the most
# common"), not a count, and emphasis ("under four, don't use it, full stop").
_NOT_SAID = re.compile(r"\b(?:full stop|end of story|(?:that|which) (?:does|do|did) the job)\b|"
                       r"\b(?:(?<=\bthe )|(?<=\bthis )|(?<=\bthat )|(?<=\bis )|(?<=\bare )|(?<=\beach ))one\b|"
                       r"\bone(?=\s+(?:to|of|that|which|who|you)\b)|"
                       r"(?<=[a-z] )one(?=\s*(?:[,;.:]|$))", re.I)  # "…, even a localized one,"


def _words(text: str) -> set[str]:
    """Stemmed content words of a claim, without the words that only say where it comes from."""
    # ("shouldn't", "don't": the negation is held to the source's on its own; the label says "should not")
    return {_stem(w) for w in content_words(_NOT_SAID.sub(" ", text))
            if w not in _META and w not in _DISCOURSE and not re.fullmatch(r"\d+\.\d+", w) and not re.search(r"n['’]t$", w)}


def _sentence_words(text: str) -> set[str]:
    return {_stem(w) for w in content_words(text)}


def _clauses(text: str) -> list[str]:
    """The clauses of a claim that strings several facts together (empty for a single fact)."""
    parts = [core(c.strip(" ,;")) for c in _CLAUSE.split(text)]
    parts = [c for c in parts if len(content_words(c)) >= 2]
    return parts if len(parts) >= 2 else []


_ABOUT_HCP = re.compile(r"^(?:you said|you mentioned|you told me|you described|you noted|as you said|like you said|"
                        r"you'?ve said|when you say|you'?re saying|so you|so your|it sounds|sounds like)\b", re.I)
# A suggestion, after a condition or not ("For patients who struggle with a daily tablet, you could…"), claims nothing.
_SUGGESTION = re.compile(r"^(?:[^:.]{0,40}:\s*)?(?:(?:and |but |so |well,? )?(?:for|if|when|in|while|once|since|now that) "
                         r"[^,]{3,60}, )?(?:you could|you might|you may want|you can|"
                         r"(?:parents|patients|families|carers|caregivers|they) (?:could|might|may want|can)(?! be\b)|"
                         r"you should consider|why not|consider|it might be worth|maybe (?:try|consider)|"
                         r"perhaps (?:try|consider))\b", re.I)
# "I won't pretend it's risk-free": the MSL declining to claim something claims nothing.
DISCLAIMER = re.compile(r"\b(?:i|we)\s+(?:won'?t|will not|wouldn'?t|would not|don'?t|do not|can'?t|cannot|am not going to|"
                         r"'m not going to)\s+(?:pretend|claim|say|tell you|suggest|promise)\b|"
                         # "5.1 doesn't pretend they're low risk"
                         r"\b(?:it|the label|section [\d.]+|\d+\.\d+)\s+(?:doesn'?t|does not|won'?t|will not)\s+(?:pretend|promise)\b",
                         re.I)
# A point of the HCP's granted ("yeah the kitchen spoon thing is so common"), short and in their words.
_GRANTED = re.compile(r"^(?:yeah|yes|yep|right|sure|totally|absolutely|agreed|exactly|true|fair)\b", re.I)
GRANTED_WORDS = 10


def granted(sentence: str, context: str) -> bool:
    """A short sentence that grants the HCP's point in their words, with no figure and no drug of its own."""
    return bool(_GRANTED.match(sentence)) and len(sentence.split()) <= GRANTED_WORDS \
        and not numbers(sentence, words=False) and not DRUG.search(sentence) \
        and bool(set(content_words(sentence)) & set(content_words(context)))


# The label itself compared with something ("the label is more granular than a blanket hold").
_LABEL_COMPARED = re.compile(r"\b(?:the label|the pi|the prescribing information|the drug facts|section \d+(?:\.\d+)?|"
                             r"\d{1,2}\.\d{1,2})(?: itself)? (?:is|are|gets|goes) (?:(?:much|a lot|far|a bit) )?(?:more|less) "
                             r"[a-z-]+ than\b", re.I)
_BARE_COMPARATIVE = re.compile(r"(?:easier|better|faster|simpler|clearer)(?: (?:easier|better|faster|simpler|clearer))*")
# What the MSL has the HCP pass on ("You can tell them …"), what the MSL will do next ("…, so let me go through it"),
# and a point granted ("…, no question, …"): none of them is the claim.
_PASS_ON = re.compile(r"^(?:(?:and|so|but|honestly|frankly)\W+){0,2}(?:you can|you could|feel free to|do) (?:tell|reassure|"
                      r"let) (?:them|her|him|patients|parents|families|your patients)(?: know)?(?: that)?\s+", re.I)
_PROCESS_TAIL = re.compile(r",?\s+(?:so |and )?(?:let me|let's|i'll|i will) (?:go|run|walk|take you|talk you|step) "
                           r"through\b[^.;]*[.!]?$|"
                           # what form the facts come in: "…, so it's a short named list with dose limits."
                           r",\s+so (?:it'?s|it is|that'?s|that is) (?:a|an|one) (?:[\w-]+ ){0,3}(?:list|table|rule|"
                           r"set of rules|checklist)\b[^.;]{0,40}[.!]?$", re.I)
_NO_DOUBT = re.compile(r",\s*(?:there'?s |there is )?no (?:question|doubt|denying it)(?: about (?:it|that))?\s*,", re.I)
# An interjection and a connective before what a sentence states ("Right, so like I said:", "Okay, and").
_INTERJECTION = re.compile(r"^(?:right|okay|ok|great|fair|sure|good|yes|yeah|absolutely|exactly)\b\s*[,.!:;—–-]*\s+"
                           r"(?:(?:and|so|well|then|now)\b[,]?\s+)*(?:(?:like|as) i (?:said|mentioned)\b[,:]?\s+)?", re.I)
_PROCESS = re.compile(r"^(?:i|i'm|i'd|i'll|i've|let me|let's|we|we're|we'll|thanks|thank you|sorry|great|okay|ok|"
                      r"fair|understood|good|right|sure|that's|that is|this is|you|you're|you've|your|happy to|"
                      r"hi|hello)\b|"
                      # …after a clause that says why ("since many of the GPs here have been asking me, I thought I'd run
                      # through the dosing basics")
                      r"^(?:since|as|because|now that|given that)\b[^,;]{0,80},\s*(?:i|i'm|i'd|i'll|i've|let me)\b|"
                      # (…with no comma, before what the MSL will do: "Since you're a regular user I'll go straight to…")
                      r"^(?:since|as|because|now that|given that)\b[^,;]{0,80}?\s(?:i'll|i will|let me|i thought i'd)\s",
                      re.I)
# A product said to help, work or benefit ("so HUMIRA could well help your patients"): a claim of benefit wherever said.
BENEFIT = re.compile(r"\b(?:it|[A-Z][A-Za-z]+(?:[- ][A-Z]?[a-z]+)?) (?:could|would|will|should|may|might|can|does|do)"
                     r"(?: (?:well|really|definitely|also|certainly|probably))? (?:help|work|benefit)"
                     r"(?: (?:your|the|these|those|her|his|their|such|some|many|most|older|younger))?"
                     r" (?:patients?|people|children|kids|them|him|her|symptoms|in|with)\b")
_CLINICAL = re.compile(
    r"\b(causes?|caused|reduc\w*|lower\w*|rais\w*|increas\w*|decreas\w*|go(?:es)? up|went up|goes down|ris(?:e|es|ing)|rose|"
    r"elevat\w*|prolong\w*|improv\w*|prevent\w*|cut|halved|doubled|"
    r"occurs?|occurred|develop\w*|rare|rarely|occasional\w*|common|uncommon|frequent\w*|contraindicated|indicated|"
    r"indications?|approv\w*|recommended|should be|must be|limited to|avoid\w*|discontinu\w*|monitor\w*|observed|reported|"
    r"risk|risks|safe|safety|effective\w*|efficacy|tolerat\w*|studied|enrolled|randomi[sz]ed|dose|doses|dosing|"
    r"\d+\s*mg|interact\w*|predispos\w*|factor|adverse|side effects?|affect\w*|concentrations?|levels|exposure|"
    r"clearance|adjust\w*|metaboli\w*|inhibit\w*|rul(?:e|es|ed) out|do not (?:use|give)|don'?t (?:use|give)|caution|"
    r"myalgia|myopathy|rhabdomyolysis|incidence|in (?:the|its|their) (?:trials?|studies))\b", re.I)


# Words that give the HCP's own words back rather than claim anything: "you said…", "as you put it".
_SAID_BY_HCP = re.compile(r"\b(?:you|you'?ve) (?:just )?(?:said|say|mentioned|told me|described|noted|put it|called it|raised|"
                          r"were saying|brought up|pointed out)\b|\b(?:as|like) you (?:say|said|put it|mentioned)\b|"
                          r"\bin your (?:own )?words\b|\byour (?:words|phrase)\b", re.I)
_ADDRESSED = re.compile(r"\b(?:you|you'?re|you'?ve|you'?d|your|yours)\b", re.I)
QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]|(?<!\w)['‘]([^'‘’]{6,}?)['’](?!\w)")
# Where a sentence may be cut into stretches that say different things ("You said X - the label says Y").
_PARTS = re.compile(r"\s*(?:;|:\s|\s[-–—]+\s|[–—]|,\s+(?=(?:and|but|so|which|while|though|although)\s))\s*")
ECHO_WITH_YOU = 0.6  # share of a stretch's content words from the HCP's last turn, when it addresses the HCP
ECHO_ALONE = 0.8  # …when it does not (and the HCP did not ask a question the stretch could be answering)


def _echo(part: str, context: str) -> bool:
    """Whether a stretch of the MSL's turn only gives the HCP's own words back."""
    said = _SAID_BY_HCP.search(part)
    if said:  # "you mentioned X": an echo unless what follows is the MSL's own, new content
        rest = _sentence_words(_SAID_BY_HCP.sub(" ", part))
        if not context.strip() or len(rest) < 2:
            return True
        return len(rest & _sentence_words(context)) / len(rest) >= 0.5
    words = _sentence_words(part)
    if not context.strip() or not words:
        return False
    overlap = len(words & _sentence_words(context)) / len(words)
    if _ADDRESSED.search(part) and overlap >= ECHO_WITH_YOU:
        return True
    return overlap >= ECHO_ALONE and not context.rstrip().endswith("?")


def _without_echoed_items(part: str, context: str) -> str:
    """A comma list without the items that give the HCP's words back; unchanged when none does (or all do)."""
    items = re.split(r",\s+", part)
    kept = [f for f in items if not (_sentence_words(f) and _echo(f, context))]
    return ", ".join(kept) if kept and len(kept) < len(items) else part


def without_echoes(sentence: str, context: str = "") -> str:
    """The sentence without what merely reflects the HCP's previous turn: text in quotes taken from it, and
    stretches that repeat it back ("you mentioned…", "most of your patients are over 75…"). Empty when nothing
    of the MSL's own is left."""
    s = sentence
    if context.strip():
        ctx = _sentence_words(context)

        def unquote(m: re.Match[str]) -> str:
            words = _sentence_words(m.group(1) or m.group(2))
            return " " if words and len(words & ctx) / len(words) >= ECHO_ALONE else m.group(0)

        s = QUOTED.sub(unquote, s)
    parts = [p for p in _PARTS.split(s) if p and p.strip(" ,.")]
    kept = [p for p in parts if not _echo(p, context)]
    # a list of the HCP's own facts said back, comma by comma ("Over sixty-five, on prednisone and methotrexate, half
    # of them diabetic, that's a lot of risk"), leaves only the MSL's comment on it
    if context.strip():
        kept = [_without_echoed_items(p, context) if p.count(",") >= 2 else p for p in kept]
        kept = [p for p in kept if p.strip(" ,.")]
    if kept == parts and s == sentence:
        return sentence
    out = " ".join(p.strip() for p in kept).strip(" ,;:-–—")
    return out[:1].upper() + out[1:] if len(content_words(out)) >= 2 else ""


POINTER_WORDS = 20  # a pointer is short: longer, it says what is there
# A recap of what was already covered ("So, pulling it together: …") and a pointer to where something is ("That one's
# in the dosing section too, 2.6") state nothing new: checked only when they carry a figure with a unit.
_RECAP = re.compile(r"^(?:(?:so|and|okay|ok|right)[,:]?\s+){0,2}(?:to (?:sum|wrap) (?:it |that )?up|(?:to |quick )?recap|"
                    r"in (?:short|summary|sum)|"
                    r"(?:to )?(?:pull(?:ing)?|put(?:ting)?|bring(?:ing)?) (?:it|that|this|those) (?:all )?together|recapping)\b", re.I)
_POINTER = re.compile(r"(?:'s|\bis|\bare|\bsits?|\blives?) (?:also |too )?(?:in|under) (?:the )?(?:[\w-]+ ){0,2}(?:section|"
                      r"table|label|directions|panel)\b|"
                      # "Then here's the table, from section 2.6 and Table 1 in 5.1."
                      r"^(?:then |so |and |okay,? )?here(?:'s| is| are) (?:the |what )(?:[\w-]+ ){0,2}(?:table|list|"
                      r"wording|section|label|pi)\b(?:,? (?:from|in|under) [^;]{0,50})?\W*$|"
                      # "Then there's safety information in the label you should have": that the label says something
                      r"^(?:then |so |and |but )?there(?:'s| is| are) (?:some )?(?:[\w-]+ )?(?:information|data|wording|"
                      r"guidance|something) (?:in|from) (?:the |our )?(?:label|pi|prescribing information)\b|"
                      # "Here's how section 2.6 and Table 1 in 5.1 lay it out."
                      r"\bthe detail (?:is )?in\b|\b(?:section|table) \d+(?:\.\d+)*(?: (?:and|in|under|of) (?:section |table )?"
                      r"\d+(?:\.\d+)*)* (?:sets?|lays?|"
                      r"spells?) (?:it|this|that|them|those|these|the \w+) out\b|"
                      # "8.5 has the numbers"
                      r"\b(?:(?:section|table) )?\d+(?:\.\d+)*(?: in \d+(?:\.\d+)*)? (?:has|gives|holds|covers) (?:the|those|these) "
                      r"(?:full |complete |whole )?(?:numbers|figures|data|details?|wording|list|table)\b|"
                      # "section 2.6 and Table 1 in 5.1 name the interacting drugs", "Table 1 pulls the agents together"
                      r"\b(?:section|table) \d+(?:\.\d+)*(?: (?:and|in|under|of) (?:section |table )?\d+(?:\.\d+)*)* (?:names?|lists?|"
                      r"gathers?|collects?|pulls? (?:[\w-]+ ){1,3}together)\b|"
                      # "…because it sorts everything by named drug, and Table 1 in 5.1 mirrors it"
                      r"\b(?:sorts?|organi[sz]es|groups?|arranges?|breaks?) (?:everything|them|it|things|the [\w-]+) "
                      r"(?:[\w-]+ )?(?:by|under)\b|"
                      # "Because that's exactly who TNT enrolled": the HCP's patients pointed at the trial's, what the
                      # trial enrolled said elsewhere
                      r"\b(?:that'?s|this is|those are|these are|they'?re) (?:exactly |precisely |just )?(?:who|what|the "
                      r"(?:patients|population|people)(?: that)?) (?:[\w-]+ ){0,2}(?:enrolled|studied|tested|recruited|"
                      r"included|looked at)\W*$|"
                      # "Section 2.6, and the interaction table in section 7, set it out by drug"
                      r"\b(?:sets?|lays?|spells?) (?:it|them|this|that|everything|it all) out (?:by|drug by drug|per|for "
                      r"each)\b|"
                      # "Here is the label wording, section 2.6 and Table 1 in 5.1."
                      r"^(?:so |okay,? )?(?:here'?s|here is|this is) (?:the )?(?:label'?s? |exact |actual )?(?:wording|"
                      r"language|text|words?)\b|"
                      # the MSL's agenda: "I wanted to take you through how the label handles interactions"
                      r"^(?:i|we) (?:wanted|want|'d like|would like|was hoping|were hoping|hoped) to (?:take|walk|talk|"
                      r"run|go|step) (?:you )?through\b|^let me (?:take|walk|run|talk) you through\b", re.I)
# "There's no neurological indication among them.": the list just given said to be complete, no claim of its own.
# "…plaque psoriasis. There is no neurological indication.": after a list of indications, the same closing.
_THERE_IS_NO = r"^(?:and |so )?(?:there'?s|there is|there are) no (?:[\w-]+ ){0,2}"
# (…or "No neurological indication is listed.")
_NONE_OF_KIND = re.compile(_THERE_IS_NO + r"indications?\W*$|^(?:and |so )?no (?:[\w-]+ ){0,2}indications? (?:is|are) "
                           r"(?:listed|included|given|there|on it)\W*$|"
                           r"^(?:and |so )?no (?:[\w-]+ ){0,2}indications? (?:on|in) (?:there|it|the list)\W*$", re.I)
_LIST_CLOSED_ALONE = re.compile(_THERE_IS_NO + r"(?:indications?|uses?) (?:among (?:them|those|these)|on (?:the|that|this) "
                                r"list|in (?:there|that list|the list))\W*$|^(?:and |so )?none of (?:them|those|these) "
                                r"(?:is|are) [\w-]+\W*$", re.I)
# "Picture the next fit 78-year-old who comes through your clinic": the HCP asked to imagine, nothing stated.
_IMAGINE = re.compile(r"^(?:so,?\s+|now,?\s+|okay,?\s+|ok,?\s+)?(?:picture|imagine)\b", re.I)


# "…Is that a fair picture of where you've landed?", "Have I got that right?": what comes before it recaps the call.
_RECAP_CHECK = re.compile(r"\b(?:(?:is|was) (?:that|this) (?:a )?(?:fair|accurate|right|good) (?:picture|summary|"
                          r"reflection|account|way to put it)|(?:have|did) i (?:got|get|captured?) (?:that|it|this|you) "
                          r"right|does (?:that|this) (?:sound|capture|reflect) (?:right|it|where|how))\b", re.I)


# "That's why it's not for under-fours at all": a reason that states the label, not a courtesy.
_BECAUSE = re.compile(r"^(?:that'?s|that is|this is) (?:why|because)\b", re.I)


def _claimed_after_but(text: str) -> bool:
    """A disclaimer followed by a claim all the same: "It's not in the label as such, but I've heard … their MS
    patients had fewer relapses"."""
    from coach.acts.cues import NEGATED_USE, PROMO

    rest = re.split(r",?\s+but\s+", text, maxsplit=1)
    if len(rest) < 2 or NEGATED_USE.search(rest[1]):
        return False
    risky = risky_words(rest[1])
    return bool(risky["superlative"] or risky["comparative"] or risky["absolute"] or PROMO.search(rest[1]))


# The label's instructions said to the HCP ("You test for latent TB before starting and then periodically during
# therapy"): what to do and when is label content, not talk about the call.
_YOU_DO = re.compile(r"^you (?:test|treat|screen|monitor|check|count|stop|start|give|avoid|limit|cap|measure|keep|"
                     r"discontinue|withhold|reduce|lower)\b[^.;]*\b(?:before|during|after|if|when|until|unless|"
                     r"periodically)\b", re.I)


# A request for the HCP's own account, made as a statement.
_ASKS_ME = re.compile(r"(?:(?:so|and|but|just|please|now|then)\s+)?(?:tell me|walk me through|talk me through|help me "
                      r"understand)\b", re.I)
# …unless it states something as well: "Tell me about the TNT data, it cut events by 22%."
_STATES_TOO = re.compile(r"%|,\s*(?:it|they|which|that|this)\b", re.I)


def factual_statements(text: str, evidence: bool, context: str = "", plain: bool = False) -> list[str]:
    """The sentences of a turn that state something checkable about a product or its data.

    In a turn that presents evidence, any statement with clinical content counts. Elsewhere only
    statements with a figure or a superlative/comparative/absolute claim count, so that small talk,
    reflections of the HCP's words and suggestions ("you could use it for…") are not claims. The HCP's
    own words given back (``context`` is their previous turn) are not the MSL's claims either. ``plain``: every
    statement that is not small talk, for label content said in words of its own ("It shouldn't be given to
    under-fours at all").
    """
    from coach.acts.cues import NEGATED_USE, PROMO, REFLECTION, TESTIMONIAL

    out = []
    heard = _pairs(unit_figures(context))  # "six weeks in", after the HCP's "six weeks later", is their figure
    heard_numbers = numbers(context) if context.strip() else set()  # ("6 weeks is a tight window" after "six weeks")
    sentences = _SPLIT.split(text.strip())
    recap_checked = bool(sentences) and sentences[-1].strip().endswith("?") and bool(_RECAP_CHECK.search(sentences[-1]))
    for at, sentence in enumerate(sentences):
        s = sentence.strip()
        before = sentences[at - 1] if at else ""
        if not s or s.endswith("?"):
            continue
        s = without_echoes(s, context)
        # (what the MSL will do next states nothing: "…set it out by drug, so let me go through it the way you'd code it")
        s = _PROCESS_TAIL.sub("", s) if len(_PROCESS_TAIL.sub("", s).split()) >= 3 else s
        if not s:
            continue
        c = core(s)
        # (a suggestion that gives a dose is the label's dosing said to the HCP: "with clarithromycin you can keep
        # atorvastatin going up to 40 mg max per 2.6")
        suggested = _SUGGESTION.search(c) and not re.search(r"\d\s*mg\b", c, re.I)
        if _ABOUT_HCP.search(s) or _ABOUT_HCP.search(c) or REFLECTION.search(s) or suggested \
                or DISCLAIMER.search(c) or (_ASKS_ME.match(s.strip()) and not _STATES_TOO.search(s)):
            continue  # (…nor is a request for the HCP's account: "Tell me what you've actually seen at eighty.")
        if NEGATED_USE.search(c) and not numbers(c, words=False) and not _claimed_after_but(c):
            continue  # "MS isn't an approved indication, so I can't discuss…"
        if (_RECAP.search(s) or (_POINTER.search(c) and len(c.split()) <= POINTER_WORDS)
                or (_POINTER.match(s) and len(s.split()) <= POINTER_WORDS and not conditions(c) and not DRUG.search(c))) \
                and not unit_figures(c):
            continue
        if granted(s, context):
            continue  # "yeah the kitchen spoon thing is so common": the HCP's point granted, in their words
        if _LIST_CLOSED_ALONE.search(s) or (_NONE_OF_KIND.search(s) and len(conditions(before)) >= 3):
            continue
        if _IMAGINE.search(s) and not re.search(r"\d\s*(?:%|mg\b|per\b|percent\b)", c):  # (an age is the patient's)
            continue
        if (m := _LABEL_COMPARED.search(s)) and not DRUG.search(s[m.end():]) and not numbers(s, words=False):
            continue  # "That's where the label is more granular than a blanket hold": the source against a practice
        risky = risky_words(c)
        overreach = bool(risky["superlative"] or risky["comparative"] or risky["absolute"] or PROMO.search(c)
                         or TESTIMONIAL.search(c)
                         or ONE_IN.search(c))
        if recap_checked and not overreach:  # the call summed up for the HCP to confirm: said (and checked) before
            continue
        clinical = bool(_CLINICAL.search(c) or _CLINICAL.search(s)  # "the Indications list …" names what the list is
                        # …and so does a section said to give it ("Here's the list from section 1 of the label: …")
                        or (c != s and _SECTION_REF.search(s) and not _SECTION_REF.search(c)))
        # (a number said in words counts with its unit: "six weeks in" after the HCP's "six weeks later" is theirs)
        figure = bool(numbers(c, words=False) - heard_numbers or _pairs(unit_figures(c)) - heard or risky["quantity"]) \
            and (clinical or evidence)
        n_words = len(c.split())
        # (a short one stands when it restricts a named drug: "Section 7.4: avoid atorvastatin with gemfibrozil.")
        if n_words < 3 or (n_words < 5 and not overreach and not (RESTRICTION.search(c) and DRUG.search(c))):
            continue
        if n_words <= 6 and not clinical and not figure and not PROMO.search(c) \
                and not (risky["superlative"] or risky["comparative"]):
            continue  # "Always nice to hear!": a courtesy, whatever its adverb
        if _PROCESS.search(c) and not overreach and not _BECAUSE.search(c) and not _YOU_DO.search(c) \
                and not (c.lower().startswith("you") and re.search(r"\d\s*mg\b", c, re.I)):  # ("you can go up to 40 mg")
            continue
        if _PROCESS.search(c) and _BARE_COMPARATIVE.fullmatch(" ".join(risky["comparative"])) and not clinical \
                and not risky["superlative"] and not risky["absolute"] and not PROMO.search(c) and n_words <= 8:
            continue  # "Thanks, that makes it easier": a courtesy, not a comparison
        if overreach or figure or (evidence and (clinical or plain)) or BENEFIT.search(c):
            out.append(s)
    return out
