"""Surface cues of dialogue acts: used as classifier features and as rules for the clear cases."""

from __future__ import annotations

import re

import numpy as np

OPEN_CUE = re.compile(
    r"\b(tell me|walk me through|talk me through|help me understand|describe|explain|i'?m curious|i'?d love to hear|"
    r"i'?d like to hear|i'?d like to understand|what (?:drives|leads|makes|concerns|worries|are your|is your|has been|"
    r"have you (?:seen|found|noticed)|happens|happened|would|do you think|factors)|how do you|how would you|"
    r"how have you|how are you|how did you|how does|why do you|why is|in what way|what'?s your (?:experience|"
    r"thinking|take|view)|share (?:with me|your)|where (?:does|did) (?:that|this|it) leave you|where do you (?:stand|land)|"
    r"how does (?:that|this) (?:sit|fit|land))\b", re.I)
CLOSED_START = re.compile(r"^(?:so,?\s+|and\s+|but\s+|okay,?\s+|ok,?\s+)?(do|does|did|is|are|was|were|can|could|"
                          r"would|will|have|has|had|should|shall|may|might|isn'?t|aren'?t|don'?t|doesn'?t|won'?t)\b", re.I)
TAG_QUESTION = re.compile(r"(,|\s)\s*(right|correct|yes|no|true|agreed|isn'?t it|don'?t you|wouldn'?t you|"
                          r"aren'?t they|doesn'?t it|ok|okay)\s*\?\s*$", re.I)
CHOICE = re.compile(r"\b(or)\b[^?]*\?\s*$", re.I)
VIEW_CHECK = re.compile(
    r"\b(chang\w* (?:your|how you|the way you|anything|that for you|what you|where you)|"
    r"shift\w* (?:your|how|for you|at all)|what'?s (?:shifted|changed|moved)|moved? (?:you|the needle)|"
    r"where (?:does|did) (?:that|this|it) leave you|where (?:do|would) you (?:stand|land)|where you(?:'ve| have)? "
    r"land(?:ed)?|where you are (?:now|on)|"
    r"(?:has|does|did|would|will|could|might) (?:that|this|it|the data|any of (?:this|that)|seeing|what we|"
    r"our discussion|the \w+ (?:data|numbers|results))\w*(?: \w+){0,3} (?:change|shift|alter|affect|influence|move)|"
    r"how does (?:that|this|the \w+ data|the data) (?:sit|fit|land|compare)|compare in your mind|"
    r"any different(?:ly)?|differently|different from|same view|still (?:feel|think|hesitant|concerned|worried|"
    r"reluctant)|how (?:confident|comfortable|likely) (?:are|do|would) you(?: feel| be)? now|"
    r"more likely(?: now)? to|now that (?:you|we)|after (?:seeing|hearing|going through|today|this|our)|"
    r"with (?:that|this|the \w+ data) in mind|would you (?:now|consider|be more)|you'?d now|you now|"
    r"are you now|(?:thinking|weighing|describe where you are|feel) (?:about (?:\w+ ){0,6})?now|"
    r"(?:the )?next (?:eligible |worried |frail )?patient|make a difference for|"
    r"(?:your|the) (?:view|thinking|perspective|position) (?:now|changed|shifted)|compared (?:with|to) (?:before|"
    r"when we started|an hour ago)|than you were|since we started|rethink|reconsider)", re.I)
REFLECTION = re.compile(r"\b(what i'?m hearing|so what you'?re saying|it sounds like|sounds like|if i understand|"
                        r"if i heard you|let me make sure|so you'?re|you'?re saying|to summari[sz]e|in other words|"
                        r"so your (?:main|biggest|key|real) (?:concern|worry|issue|question)|you feel that)\b", re.I)
FOLLOW_UP = re.compile(r"\b(you mentioned|you said|you noted|you talked about|you brought up|you described|"
                       r"earlier you|going back to|you'?ve seen|that case|those (?:cases|patients)|when that happened|"
                       r"tell me more|say more|what happened (?:next|then|with)|you raised)\b|[\"“'][^\"”']{6,}[\"”']",
                       re.I)
EVIDENCE = re.compile(
    r"(\d+(?:\.\d+)?\s*%|\bsection \d|\(\d+\.\d+\)|\bthe (?:label|prescribing information|pi|data|trial|study|"
    r"studies|analysis|registry)\b|\b(?:trial|study|studies|data) (?:show|showed|found|demonstrat|report)|"
    r"\bn\s*=\s*\d|\bp\s*[<=]\s*0|\bhazard ratio|\brelative risk|\bcompared (?:with|to) placebo|\bin clinical "
    r"(?:studies|trials)|\baccording to|\bthe label (?:says|states|notes|describes|reports|lists|recommends)|"
    r"\bwas (?:observed|reported)|\bwere (?:observed|reported))", re.I)
CITATION = re.compile(r"(\bsection \d+(?:\.\d+)?|\(\d+(?:\.\d+)?\)|\[\d+\]|\bthe (?:label|prescribing information|"
                      r"drug facts|medication guide)\b|\bet al\b|\b(?:trial|study)\b [A-Z0-9-]{3,})", re.I)
SECTION_REF = re.compile(r"\bsection (\d+(?:\.\d+)?)|\((\d+\.\d+)\)", re.I)
PROMO = re.compile(
    r"\b(best|safest|most effective|superior|better than|safer than|more effective than|outperforms|"
    r"no side effects|completely safe|totally safe|no risk|risk[- ]free|miracle|breakthrough|game[- ]changer|"
    r"everyone should|all your patients should|you should (?:switch|put)|beats|number one|#1|the only (?:statin|drug|"
    r"option|choice))\b", re.I)
NEGATED_USE = re.compile(r"\b(not (?:approved|indicated|in the label|labell?ed)|isn'?t (?:approved|indicated)|"
                         r"outside (?:the|its) (?:label|indication)|off[- ]label|can'?t (?:recommend|promote|discuss)|"
                         r"medical information)\b", re.I)
_WORD = re.compile(r"[a-z]+")
STOP = set("the a an and or of to in on for with is are was were be do does did you your i me my we our it that this "
           "what how why when can could would will have has had about at as so just".split())


def questions(text: str) -> list[str]:
    """The question sentences of a turn."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [p for p in parts if p.rstrip().endswith("?")]


def word_overlap(a: str, b: str) -> float:
    """Share of the content words of ``a`` that appear in ``b``."""
    wa = {w for w in _WORD.findall(a.lower()) if w not in STOP and len(w) > 2}
    wb = {w for w in _WORD.findall(b.lower()) if w not in STOP and len(w) > 2}
    return len(wa & wb) / len(wa) if wa else 0.0


def cue_features(text: str, context: str) -> np.ndarray:
    """Hand-made features: one number per cue."""
    qs = questions(text)
    last_q = qs[-1] if qs else ""
    return np.array([
        float(bool(qs)),
        float(text.rstrip().endswith("?")),
        float(bool(OPEN_CUE.search(text))),
        float(bool(last_q and OPEN_CUE.search(last_q))),
        float(bool(last_q and CLOSED_START.search(last_q))),
        float(bool(TAG_QUESTION.search(text))),
        float(bool(last_q and CHOICE.search(last_q))),
        float(bool(VIEW_CHECK.search(text))),
        float(bool(REFLECTION.search(text))),
        float(bool(FOLLOW_UP.search(text))),
        float(bool(EVIDENCE.search(text))),
        float(bool(CITATION.search(text))),
        float(bool(PROMO.search(text))),
        float(bool(context.strip())),
        word_overlap(text, context) if context else 0.0,
        min(len(text.split()), 80) / 80.0,
    ], dtype=np.float32)
