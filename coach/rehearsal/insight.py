"""Is a captured insight strategic (actionable, specific, with a why) or general feedback?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.acts.typed import as_words
from coach.rehearsal.models import Insight

_WHY = re.compile(r"\b(because|since|due to|as a result|so that|which means|driven by|unless|until|if|"
                  r"only when|instead of|rather than|concern(?:ed)? (?:about|that)|worr(?:y|ies|ied) (?:about|that)|"
                  r"believes?|perceives?|thinks?|needs? (?:to|more|evidence|data)|before|so (?:she|he|they|it)|fears?|"
                  r"afraid|reluctan\w*|hesitan\w*|wary|distrusts?|doubts?|(?:is|that'?s|which is) why|the reason|"
                  r"on (?:\w+ )?grounds|expect(?:s|ed)?|makes? (?:her|him|them) (?:want|wary|avoid|prefer|reluctant|hesitant)|"
                  r"given (?:that|her|his|their)|(?:comes?|came|stems?|stemmed) from|(?:prompted|triggered|sparked) by|"
                  # an event behind it: "after an optic neuritis case she wants…", "after one developed optic neuritis"
                  r"after (?:an?|one|two|three|her|his|their|that) (?:[\w-]+ ){0,3}(?:case|cases|developed|had|event|"
                  r"episode|reaction|experience|incident)|"
                  # "…after an optic neuritis six weeks into treatment she wants the 5.5 warning…": what happened,
                  # then what the HCP does since
                  r"after (?:an?|one|two|three|her|his|their|that) [^,.;]{3,60}?,? (?:she|he|they) (?:now )?(?:wants?|"
                  r"avoids?|stopped|won'?t|insists?|asks?|prefers?|refuses?|requires?|started|starts?))\b", re.I)
# "…wants more data before she changes anything" says what would move the HCP, not why they think as they do.
_NOT_A_WHY = re.compile(r"\bbefore (?:she|he|they)(?:'d| would| will)? (?:changes?|moves?|commits? to|tries|does) anything\b|"
                        r"\bneeds? more convincing\b", re.I)  # (…nor does "he needs more convincing")
_SPECIFIC = re.compile(r"(\d|\b(patients?|over \d+|elderly|older|pediatric|children|renal|hepatic|first[- ]line|"
                       r"second[- ]line|switch\w*|monitor\w*|dose|dosing|screen\w*|guideline|protocol|formulary|"
                       r"interactions?|referr\w*|practices?|clinics?|trials?|labels?|sections?|data|evidence|studies|study|"
                       r"over[- ]\d+s?|octogenarians?|nonagenarians?|elders|frail\w*|myalgi\w*|myopath\w*|myositis|rhabdo\w*|toxicit\w*|"
                       r"infections?|tuberculosis|TB|malignan\w*|lymphoma|pregnan\w*|comorbid\w*|polypharmacy|"
                       r"prescrib\w*|titrat\w*|adheren\w*|discontinu\w*|side effects?|adverse \w+|famil(?:y|ies)|parents?|toddlers?|"
                       r"infants?|[\w]+-year-olds?|age cut-?offs?|measur\w*|ingredients?|drug facts|interacting|order[- ]sets?|"
                       r"wards?|pharmacists?)\b)", re.I)
_GENERAL = re.compile(r"\b(liked|enjoyed|great (?:presentation|meeting|chat)|nice|friendly|samples?|lunch|busy|rapport|"
                      r"(?:very |really )?engaged|"
                      r"thanks?|thank you|appreciated|good (?:meeting|discussion|conversation)|happy to meet|"
                      r"wants? more (?:visits|materials|brochures)|positive (?:meeting|interaction)|(?:big )?fan of|"
                      r"(?:would like|wants?|asked for) (?:a|an|some|more|the) (?:[\w-]+ ){0,2}(?:summary|leaflets?|materials?|"
                      r"cop(?:y|ies)|brochures?|handouts?|one-pagers?|slides?|samples?))\b", re.I)


# The visit itself: its time, its follow-up and what is to be sent or brought.
_LOGISTICS = re.compile(r"\b(e-?mail(?:ed)?|book(?:ed|ing)?|slot|schedul\w*|calendar|appointment|invite list|invitation|"
                        r"drop (?:by|off|in)|next (?:visit|quarter|month|week)|more time|on time|five minutes|"
                        r"handouts?|leaflets?|dosing cups|brochures?|education evening|next time|"
                        # (as typed: "5 min between cases", "a 1 pager", "as a pdf", "f/u then", "early am")
                        r"\d+ ?min(?:ute)?s?|(?:one|1)[- ]pager|pdf|f/u|follow[- ]up|early (?:am|morning))(?![\w/])", re.I)
# A why about what the HCP believes or fears, not about the visit.
_BELIEF = re.compile(r"\b(concern(?:ed)?|worr\w+|believes?|perceives?|thinks?|fears?|afraid|reluctan\w*|hesitan\w*|wary|"
                     r"distrusts?|doubts?|unsure|uncertain|confus\w+|convinced)\b", re.I)


_ANY_DATA = re.compile(r"\b(?:data|evidence|studies|study|trials?)\b", re.I)
# Data as a taste of the HCP's, not a piece of evidence: "she respects data and candour".
_LIKES_DATA = re.compile(r"\b(?:respects?|values?|likes?|appreciates?|prefers?|responds? (?:well )?to|trusts?)\s+"
                         r"(?:(?:good|hard|real|solid|the) )?(?:data|evidence|studies|numbers)\b", re.I)


@dataclass
class InsightVerdict:
    """The classification and its reason."""

    strategic: bool
    label: str  # strategic_insight | general_feedback
    reason: str


def classify_insight(insight: Insight) -> InsightVerdict:
    """Strategic insight needs substance: specific, explains a why, and is not mere rapport."""
    text = as_words(insight.text.strip())  # ("…b/c 2 of her pts stopped walking" gives its why as typed)
    words = len(text.split())
    if words == 0:
        return InsightVerdict(False, "general_feedback", "no insight was written")
    why = bool(_WHY.search(_NOT_A_WHY.sub(" ", text)))
    general = bool(_GENERAL.search(text))
    # ("Good meeting - wants more data because she's evidence-minded": rapport, whatever its why)
    specific = bool(_SPECIFIC.search(_ANY_DATA.sub(" ", text) if general else _LIKES_DATA.sub(" ", text)))
    # ("…appreciated I stayed inside five minutes… asked for the TNT summary to be emailed so he can read it between
    # cases, and to book a longer slot next quarter": the visit and its follow-up, whatever its "so he can")
    visit = len({m.group(0).split()[-1].lower() for pattern in (_GENERAL, _LOGISTICS) for m in pattern.finditer(text)})
    if visit >= 3 and not _BELIEF.search(text):
        return InsightVerdict(False, "general_feedback", "reads as rapport or logistics: the visit and its follow-up "
                              "(time, what to send, the next meeting), not what the HCP thinks or does and why")
    if words >= 10 and why and specific and not (general and not why):
        return InsightVerdict(True, "strategic_insight",
                              "specific to a practice or patient group and says why the HCP thinks or acts so")
    missing = []
    if words < 10:
        missing.append("too short to act on")
    if not specific:
        missing.append("names no patient group, practice or evidence")
    if not why:
        missing.append("does not say why the HCP thinks or acts this way")
    if general:
        missing.append("reads as rapport or logistics")
    return InsightVerdict(False, "general_feedback", "; ".join(missing))
