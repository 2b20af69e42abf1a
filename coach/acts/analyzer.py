"""Dialogue-act analysis of an MSL turn: rules for the clear cases, a trained classifier for the rest.

Works with no chat model. Questions are classified by function ("Can you tell me how you decide…" is
open), view-change checks and follow-ups are recognised however they are phrased, and factual claims
are checked against the approved corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.acts.classifier import ActModel, Embed, featurize
from coach.acts.claims import (DISCLAIMER, DRUG, QUOTED, ClaimChecker, factual_statements, granted, named_sections,
                              numbers, risky_words)
from coach.acts.cues import (BARRIER_PROBE, CHANGE_ELSEWHERE, CHANGE_WORD, CHOICE, CITATION, CLOSED_START,
                             CONTEXT_MOVED, DASH_TAIL, EVIDENCE, FOLLOW_UP, HINT, HOW_YOU, INDIRECT_OPEN, LEAD_IN,
                             MOVEMENT, NEGATED_USE, OFFER, OPEN_CUE, PANEL_CITATION, PLAIN_VIEW_CHECK, PROMO, QUANT,
                             REASON_QUESTION, REFLECTION, SECTION_REF, TAG_QUESTION, TESTIMONIAL, VIEW_ANCHOR,
                             VIEW_CHECK, WH_QUESTION, WHAT_ELSE, WHAT_MOVED_IT, WONDERING, any_invitation, questions,
                             sentences, sidesteps, titled_sections)
from coach.acts.typed import as_words
from coach.acts.types import TurnAnalysis
from coach.ask.sentences import content_words

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


_SOFTLY = r"(?:really |just |genuinely |actually )?"  # "I'd really like to hear what you're seeing…"


def _rule_question_type(text: str) -> str | None:
    """The question type when surface form settles it, else None."""
    qs = questions(text)
    if not qs and CONFIRM_TAIL.search(text):  # "…less worried than you were, am i reading that right"
        return "closed"
    if not qs:
        return "open" if (OPEN_CUE.search(text) and re.search(r"\b(tell me|walk me|talk me|help me|describe|explain|"
                                                              r"i'?m curious|i'?d " + _SOFTLY + r"love to hear|i'?d "
                                                              + _SOFTLY + r"like to)", text, re.I)
                          or ASKS_TO_KNOW.search(text)) \
            else "none"
    last = qs[-1].strip()
    sents = sentences(text)
    after = sents[sents.index(qs[-1]) + 1:] if qs[-1] in sents else []
    # not a "Why…? Because…" that answers itself; a hint after it ("I'm thinking about what you check first.") is no
    # answer
    ends_turn = last == sents[-1].strip() or bool(after and all(HINT.match(a.strip()) for a in after))
    if not ends_turn and OPEN_ASK.match(sents[-1].strip()):  # "Why 10 or 20? Walk me through how you pick."
        return "open"
    if ends_turn and WHETHER_AND_HOW.search(last):  # "curious to hear whether, and how, it shifts your thinking"
        return "open"
    if TAG_QUESTION.search(last) or (ends_turn and WONDERING.search(last)):  # "…just wondering if that changes it"
        return "closed"
    if ends_turn and SPLICED_CLOSED.search(last):  # "How's it changed since starting, is it still over an hour?"
        return "closed"
    if ends_turn and WH_QUESTION.search(last) and _guesses_answer(last):
        return "closed"
    tail = DASH_TAIL.search(last)
    if tail and (CLOSED_START.search(tail.group(1)) or re.match(r"or\b", tail.group(1), re.I)) \
            and not OPEN_CUE.search(tail.group(1)) and not WH_QUESTION.search(tail.group(1)):
        return "closed"
    if tail and ends_turn and WH_QUESTION.search(tail.group(1)) and not QUANT.search(tail.group(1)) \
            and not _offers_choice(tail.group(1)):
        return "open"
    if INDIRECT_OPEN.search(last) and not QUANT.search(last) and not _offers_choice(last):
        return "open"
    if REASON_QUESTION.search(last) and ends_turn and not (tail and CLOSED_START.search(tail.group(1))) \
            and not _offers_choice(last):
        return "open"
    if ends_turn and WH_QUESTION.search(last) and not QUANT.search(last) \
            and not _offers_choice(last):
        return "open"
    # A statement asked back ("So in those cases the syrup's really being used to get the toddler to sleep?") with no
    # word that asks for an account, and no request for one in the turn, can only be confirmed or denied ("Any other
    # interaction that keeps firing…?" is left to the classifier: it may invite the HCP to name one).
    if ends_turn and not ACCOUNT_WORD.search(last) and not any(OPEN_ASK.match(x.strip()) for x in sents) \
            and not ASKS_TO_KNOW.search(text) and not INDIRECT_OPEN.search(last) and not any_invitation(text):
        return "closed"
    return None


# A question about what the HCP would do or feels, anchored in the data just shown ("So after the TNT numbers, would
# you move some of your patients up to 80?") or in how sure they now feel ("Feeling more confident about how to start
# it now?"): a view check, whatever the classifier makes of it.
# "…would you consider it for your next fit 78-year-old?": the next patient of an age, asked about after the data.
NEXT_OF_AGE = re.compile(r"\b(?:your|the) next (?:[\w-]+ ){0,2}\d{2}-year-old\b", re.I)
DATA_ANCHORED = re.compile(r"\b(?:after|having (?:seen|heard)|with|given) (?:the|those|these|that|this|our) (?:[\w-]+ ){0,2}"
                           r"(?:numbers|data|results|figures|findings|evidence)\b[^?]{0,20}\b(?:would|will|do|are|could) "
                           r"you\b|\b(?:feel|feeling) (?:any )?(?:more|less) (?:confident|comfortable|sure|reassured|at "
                           r"ease)\b[^?]{0,60}\bnow\b", re.I)


# A suggestion to use the product: "you could try it", "it's worth a try".
USE_SUGGESTED = re.compile(r"\b(?:you|we) (?:could|might|can|may want to|should) (?:still |always |just |[a-z]+ly )?(?:try|use|give|"
                           r"start|consider)\b|\bworth (?:a )?try(?:ing)?\b", re.I)


# What the MSL will leave or send after the visit ("I'll leave the 2.1 dosing card with your MA").
_HANDS_OVER = re.compile(r"\b(?:i'll|i will|let me|i can)\s+(?:\w+\s+)?(?:leave|send|drop|e-?mail|forward|bring|"
                         r"book|pass|share|put)\b", re.I)
# A use put to the HCP in any words ("you could even keep it running in your septic patients", "parents could give
# a dose at bedtime"): whatever else the turn says, it may promote.
USE_PROPOSED = re.compile(r"\b(?:could|might|can|should|may want to)\s+(?:\w+\s+)?(?:give|use|try|start|keep|consider|"
                          r"put|switch|add)\b", re.I)


PURPOSE_SUGGESTED = re.compile(r"\b(?:you|we) (?:could|might|can|may want to) (?:also |still |always |just )?(?:think about|"
                               r"consider|try|use|give|start)\b[^.;]*?(?:,\s*|\s)(?:for (?:the |their |his |her )?"
                               # (…not a length or an amount of time: "for two weeks", "for a while")
                               r"(?!(?:a|an|one|two|three|four|six|several|some|few|next|up|at|about|now|longer|life|"
                               r"example|instance|them|him|her|you)\b)[a-z-]+(?: [a-z-]+)?\W*$|"
                               r"to (?:protect|prevent|help|calm|settle|treat)\b)", re.I)


def _suggests_use_for(sentence: str, condition: re.Pattern[str]) -> bool:
    """The sentence suggests using the product for the condition: named after the suggestion ("you could try it and
    see whether the MS settles"), or before it with a "but" between ("MS isn't on the label, but you could try it")."""
    m = USE_SUGGESTED.search(sentence)
    if not m:
        return False
    before, after = sentence[: m.start()], re.split(r",?\s+but\b|;", sentence[m.start():], maxsplit=1)[0]
    named = condition.search(before)
    return bool(condition.search(after) or (named and re.search(r"\bbut\b", before[named.end():], re.I)))


# "I'd love to know how you actually go about dosing it": a request for an account, with no question mark.
ASKS_TO_KNOW = re.compile(r"\bi'?d " + _SOFTLY + r"(?:love|like|be (?:keen|glad)) to (?:know|hear|understand) "
                          r"(?:how|what|why|where)\b",
                          re.I)
# Words without which a question asks for no account: an interrogative, or a request for thoughts, feelings or experience.
ACCOUNT_WORD = re.compile(r"\b(?:what|what'?s|how|how'?s|why|which|where|when|who|whom|whose|tell|walk|talk|describe|explain|"
                          r"share|thoughts?|think|feel|feeling|sense|experience|view|take|curious|hear|say|else)\b", re.I)
# A turn that ends by asking for an account in so many words, after its last question.
OPEN_ASK = re.compile(r"(?:(?:so|and|but|just|please|really)\s+)?(?:tell me|walk me through|talk me through|help me "
                      r"understand|describe|explain)\b", re.I)


# A short lead before a colon or comma ("Going back to your two patients: …").
_LEAD = re.compile(r"^[^:,.;?]{3,60}[:,]\s+")


# A guessed figure spliced on after a comma ("what were their enzymes doing, over three times normal?", "what did
# you see, more than 10%?"): the HCP only has to say yes or no to it.
_GUESS_TAIL = re.compile(r",\s+((?:[\w.%'-]+\s+){0,4}[\w.%'-]+)\s*\?\s*$")
_GUESS_WORDS = re.compile(r"^(?:(?:maybe|perhaps|probably|mostly|mainly|say|like|something like|roughly|about|around)\s+)?"
                          r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|a hundred|half|"
                          r"twice|double|over|under|above|below|more than|less than|at least)\b", re.I)
_NOT_A_GUESS = re.compile(r"\b(?:you|your|they|he|she|we|i|what|how|why|which|who|when|where|or|and|do|does|did|is|are|"
                          r"was|were|would|could|can|will|should|have|has|tell|say more)\b", re.I)


def _guesses_answer(question: str) -> bool:
    m = _GUESS_TAIL.search(question)
    return bool(m) and bool(_GUESS_WORDS.search(m.group(1))) and not _NOT_A_GUESS.search(m.group(1))


def _offers_choice(question: str) -> bool:
    """The question asks the HCP to pick one of the alternatives it names. "How do you handle patients on warfarin or
    digoxin…?" asks how, whatever the "or" joins; a choice offered after a comma ("How do you feel about it, better or
    worse?") is still a choice."""
    # ("And when one of them gets an antibiotic or some other new prescription, what do you do?": the "or" sits in
    # the lead-in, the question asks what)
    question = question[LEAD_IN.match(question).end():]
    if not CHOICE.search(question) or WHAT_ELSE.match(question):
        return False
    parts = re.split(r"[,;—–]\s*", question)
    if REASON_QUESTION.search(question):  # "What's your thinking behind 10 or 20…?" asks why, whichever it is
        return len(parts) > 1 and bool(re.search(r"\bor\b", parts[-1])) and not REASON_QUESTION.search(parts[-1])
    return not HOW_YOU.search(question) or (bool(re.search(r"\bor\b", parts[-1]))
                                            and not re.search(r"\bhow\b", parts[-1], re.I))


# A confirmation asked without a question mark, at the end of the turn.
CONFIRM_TAIL = re.compile(r"[,—–-]\s*(?:(?:am|do) i (?:read|reading|have|get|getting|hear|hearing) (?:that|this|it|you) "
                          r"right|(?:have|did) i (?:got|get|read|heard?) (?:that|this|it|you) right|is that (?:right|fair|"
                          r"correct))\W*$", re.I)
WHETHER_AND_HOW = re.compile(r"\b(?:whether|if),? and how\b", re.I)
# A closed question spliced onto the end of another with a comma: the HCP answers that one.
SPLICED_CLOSED = re.compile(r",\s+(?:and\s+)?(?:is|are|was|were|do|does|did|has|have|can|could|would|will|should)\s+"
                            r"(?:it|he|she|they|you|that|there|this|those|these|his|her|their)\b"
                            r"(?![^,?]*\b(?:describe|tell|walk|explain|talk|share|how|why|what)\b)[^,?]*\?\s*$", re.I)


def _fallback_question_type(text: str) -> str:
    qs = questions(text)
    last = qs[-1] if qs else text
    if OPEN_CUE.search(last):
        return "open"
    return "closed" if CLOSED_START.search(last) else "open"


# Words that only name the kind of topic ("dementia prevention", "Alzheimer's disease"): a mention of the
# condition itself is enough.
_PERSON_WORDS = {"child", "children", "kid", "kids", "patient", "patients", "toddler", "toddlers"}
_PERSON = r"(?:child\w*|kids?|toddlers?|patients?|them|her|him)"
_TOPIC_GENERIC = {"prevention", "preventing", "disease", "diseases", "disorder", "disorders", "syndrome", "condition"}


def topic_pattern(topic: str) -> re.Pattern[str]:
    """A scenario's off-label topic as a pattern: its words in order, any endings, up to two words between."""
    words = [w for w in re.findall(r"[\w']+", topic) if w.lower() not in _TOPIC_GENERIC] or topic.split()
    # (who it is for may be said as a pronoun: "help a child sleep" is "helps them sleep right through")
    stems = [_PERSON if w.lower() in _PERSON_WORDS else re.escape(w[:-2] if w.lower().endswith("'s") else w) + r"[\w']*"
             for w in words]
    return re.compile(r"\b" + r"\W+(?:[\w']+\W+){0,2}".join(stems), re.I)


# What an off-label topic is about ("treating MS" is about MS), and a use said to do it good.
_CONDITION_OF = re.compile(r"^(?:treating|treatment of|for)\s+|\s+treatment$", re.I)
BENEFIT_VERB = re.compile(r"\b(?:should|could|would|will|may|might|can)\s+(?:\w+\s+)?(?:help|settle|calm|work|improve|"
                          r"control|benefit|treat|reduce|prevent)\w*", re.I)


# A source an MSL can present without a figure: a trial's code name, a label, a study.
_SOURCE_NAMED = re.compile(r"\b[A-Z][A-Z0-9-]{2,}\b|\b(?i:label|smpc|trials?|stud(?:y|ies)|analys[ie]s|registry|guidelines?)\b")


_ANY_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twice|half|percent(?:age)?)\b", re.I)


def _no_data(text: str) -> bool:
    """Nothing in the turn could be data: no figure outside its questions ("…a statin at sixty, what goes through your
    mind?"), no source named outside them unless with a figure ("After IMPROVE-IT, a two-point reduction, …?" presents
    it; "Could you tell me about a patient on a TNF blocker who did badly?" does not), no evidence or citation cue."""
    asked = questions(text)
    said = " ".join(s for s in sentences(text) if s not in asked)
    return not (re.search(r"\d", said) or EVIDENCE.search(text) or CITATION.search(text) or PANEL_CITATION.search(text)
                or _SOURCE_NAMED.search(said) or (_SOURCE_NAMED.search(text) and _ANY_FIGURE.search(text)))


def _asks_what_moved(question: str, context: str) -> bool:
    """The HCP has just said their view moved and the MSL asks what moved it: the view check's follow-up."""
    return bool(question and CONTEXT_MOVED.search(context) and WHAT_MOVED_IT.search(question)
                and not CHANGE_ELSEWHERE.search(question))


class ActAnalyzer:
    """Analyses MSL turns; ``model`` may be None (rules only)."""

    def __init__(self, embed: Embed, model: ActModel | None, claims: ClaimChecker | None = None) -> None:
        self.embed = embed
        self.model = model
        self.claims = claims

    def classify(self, texts: Sequence[str], contexts: Sequence[str]) -> list[TurnAnalysis]:
        """Acts of many turns at once (no claim checking)."""
        preds: dict[str, list[object]] = {}
        read = [as_words(t) for t in texts]
        if self.model is not None and texts:
            # (a typed turn is read in its words, as the model's training turns are written: "whats ur experience w
            # muscle AEs" as "what's your experience with muscle adverse events?")
            preds = self.model.predict(featurize(self.embed, read, contexts))
        out = []
        for i, (typed, ctx) in enumerate(zip(texts, contexts)):
            def pred(f: str, fallback: object) -> object:
                return preds[f][i] if f in preds else fallback

            a = TurnAnalysis(text=typed, read=read[i])
            text = a.read
            rule_q = _rule_question_type(text)
            a.question_type = rule_q or str(pred("question_type", _fallback_question_type(text)))  # type: ignore[assignment]
            a.reasons["question_type"] = "surface form" if rule_q else "classifier" if preds else "cues"
            a.follow_up = bool(ctx.strip()) and _bool(pred("follow_up", bool(FOLLOW_UP.search(text)))) \
                and not (_bare(ctx) and not BACK_REFERENCE.search(text) and _plain_words(ctx) not in _plain_words(text)
                         and not _echoes_answer(text, ctx)) \
                and not any(TOPIC_SHIFT.search(x) for x in sentences(text)) \
                and not (_generic_more(text) and not _picks_up(text, ctx)) \
                and not _calls_back_only(text, ctx) \
                and not (any(NOW_ON.match(x) for x in sentences(text)) and not _picks_up(text, ctx))
            a.sidesteps = sidesteps(text, ctx)
            a.new_topic = a.question_type == "closed" and bool(ctx.strip()) and _new_closed_topic(text, ctx)
            a.evidence = _bool(pred("evidence", bool(EVIDENCE.search(text)))) and not _no_data(text)
            view_cue = bool(VIEW_CHECK.search(text))
            asked = questions(text)
            last = asked[-1].strip() if asked else ""
            a.checks_view_change = a.question_type != "none" and not OFFER.search(last) and (
                bool(last and (PLAIN_VIEW_CHECK.search(last) or DATA_ANCHORED.search(last) or NEXT_OF_AGE.search(last)))
                or _asks_what_moved(last, ctx)
                or (_bool(pred("checks_view_change", view_cue))
                    and (view_cue or bool(VIEW_ANCHOR.search(text) or MOVEMENT.search(last or text)))))
            if a.checks_view_change and BARRIER_PROBE.search(last) and not CHANGE_WORD.search(last) \
                    and not re.search(r"\bnow\b", last, re.I) \
                    and not PLAIN_VIEW_CHECK.search(last) and not _asks_what_moved(last, ctx):
                a.checks_view_change = False
                a.reasons["checks_view_change"] = "asks what stands in the way, not whether the view moved"
            a.reflection = _bool(pred("reflection", bool(REFLECTION.search(text))))
            a.promotional = _bool(pred("promotional", bool(PROMO.search(text))))
            if not a.promotional and TESTIMONIAL.search(QUOTED.sub(" ", text)):
                a.promotional = True
                a.reasons["promotional"] = "says patients or parents love it: a testimonial, not data"
            titled = titled_sections(text)
            a.citation = bool(CITATION.search(text) or PANEL_CITATION.search(text) or titled)
            a.cited_sections = [m.group(1) or m.group(2) for m in SECTION_REF.finditer(text)] + titled
            out.append(a)
        return out

    def analyze(self, text: str, context: str = "", documents: list[str] | None = None,
                off_label_topics: Sequence[str] = ()) -> TurnAnalysis:
        """Acts of one turn, with its claims checked against ``documents`` and off-label mentions flagged."""
        a = self.classify([text], [context])[0]
        text = a.read
        statements = [s for s in _SENTENCE.split(text.strip()) if s and not s.rstrip().endswith("?")]
        # A statement names the topic, or says a use for its condition would do good ("blocking it should settle MS
        # activity"), the HCP's own words in quotes aside ("'might calm the MS down' is quite a thing to hear").
        hopeful = [(s, unquoted) for s in statements if BENEFIT_VERB.search(unquoted := QUOTED.sub(" ", s))
                   and not REPORTED.search(unquoted)]
        # A request for the HCP's account ("Talk me through what she's on for her MS") promotes nothing.
        # (…after a lead: "Going back to your two patients: tell me about what they're on for their MS")
        stated = [s for s in statements
                  if not OPEN_ASK.match(s.strip()) and not OPEN_ASK.match(_LEAD.sub("", s.strip()))]
        for topic in off_label_topics:
            named, condition = topic_pattern(topic), topic_pattern(_CONDITION_OF.sub("", topic).strip() or topic)
            said = [s for s in stated if named.search(s)] + [s for s, u in hopeful if condition.search(u)]
            # "It isn't an approved indication, but … you could try it and see whether the MS settles": a suggestion
            # to use it for the condition, whatever disclaimer comes first
            tried = [s for s in stated if _suggests_use_for(QUOTED.sub(" ", s), condition)]
            if tried or (said and not any(NEGATED_USE.search(s) for s in said)):
                a.off_label = True
                a.reasons["off_label"] = f"promotes use for '{topic}', which the label does not list"
        if self.claims is not None:
            claimed = factual_statements(text, a.may_state_facts, context)
            a.claims = self.claims.check_many(claimed, documents)
            if a.question_type == "none" and not a.evidence and not a.promotional:
                plain = [s for s in factual_statements(text, True, context, plain=True) if s not in claimed]
                a.plain_claims = [c for c in self.claims.check_many(plain, documents) if c.supported]
            # A section named by its number as the source of what follows ("7.3 says co-administration with
            # cyclosporine should be avoided") is a citation, and with a claim the label supports it is evidence.
            named = [n for n in named_sections(text) if n not in a.cited_sections]
            if named and a.claims:
                a.citation, a.cited_sections = True, a.cited_sections + named
                if not a.evidence and a.supported_claims:
                    a.evidence = True
                    a.reasons["evidence"] = f"says what section {named[0]} of the label says"
            # Saying a use is not an approved indication presents no data: with no claim and no section
            # beside it, the turn is not evidence (and does not end the probing before evidence).
            if a.evidence and not a.supported_claims and not a.cited_sections \
                    and any(NEGATED_USE.search(s) for s in statements):
                a.evidence = False
                a.reasons["evidence"] = "only says the use is not an approved indication"
            # A promotional or off-label statement with no source and no figure is not data either.
            if a.evidence and (a.promotional or a.off_label) and not a.citation and not a.supported_claims \
                    and not any(numbers(c.text, words=False) for c in a.claims):
                a.evidence = False
                a.reasons["evidence"] = "a promotional statement with no source or figure is not data"
            # The classifier alone, with no promotional wording, does not make statements of fact promotional: a list
            # of interaction limits is not a pitch, and a wrong fact said plainly ("Atorvastatin doesn't change digoxin
            # levels, so there's nothing extra to do there") is a claims problem, not a compliance one.
            # ("Those are worth separating." frames the list; it claims nothing)
            said = [s for s in statements if len(s.split()) >= 4 and not granted(s, context)
                    and not (len(s.split()) <= 5 and not numbers(s, words=False) and not DRUG.search(s))]
            if a.promotional and not a.off_label and len(a.claims) >= len(said) > 0 \
                    and not PROMO.search(text) and not TESTIMONIAL.search(text) \
                    and not any(c.overreaching for c in a.claims) \
                    and not any(risky_words(c.text)[k] for c in a.claims for k in ("superlative", "comparative")):
                a.promotional = False
                a.reasons["promotional"] = "it states facts, with no promotional wording and no overreaching claim"
            # A turn about the visit that names no drug and states nothing ("great, I'll leave the 2.1 dosing card with
            # your MA") promotes nothing, however the classifier reads it.
            products = {d.split("-")[0].lower() for d in documents or []}  # ("lipitor-label" is about Lipitor)
            if a.promotional and not a.off_label and not a.claims and _HANDS_OVER.search(text) \
                    and not DRUG.search(text) and not PROMO.search(text) and not TESTIMONIAL.search(text) \
                    and not USE_PROPOSED.search(text) \
                    and not any(w.lower() in products for w in re.findall(r"[\w-]+", text)) \
                    and not re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}", text) \
                    and not factual_statements(text, True, context):  # (the costly test last, on hand-overs only)
                a.promotional = False
                a.reasons["promotional"] = "it names no drug and states nothing about one"
            # "I won't pretend it's risk-free": promotional words the MSL disclaims promote nothing.
            undisclaimed = " ".join(s for s in sentences(text) if not DISCLAIMER.search(s))
            if a.promotional and not a.off_label and PROMO.search(text) and not PROMO.search(undisclaimed) \
                    and not any(c.overreaching for c in a.claims):
                a.promotional = False
                a.reasons["promotional"] = "its promotional words are disclaimed, not claimed"
            # A use suggested for a purpose no approved sentence supports ("you could also think about loading them
            # on 80 before contrast, for the kidneys") promotes an unapproved use, whatever the scenario foresaw.
            # (said as a suggestion it is no claim, but it is checked all the same: "While they're on the table, you
            # could also give them 80 before the cath for contrast nephropathy")
            pitched = [c for c in a.unsupported_claims if PURPOSE_SUGGESTED.search(c.text)] or [
                c for c in self.claims.check_many([s for s in stated if s not in claimed
                                                   and PURPOSE_SUGGESTED.search(QUOTED.sub(" ", s))], documents)
                if not c.supported]
            if pitched and not a.off_label:
                a.off_label = True
                a.reasons["off_label"] = f"suggests a use no approved sentence supports: '{pitched[0].text[:80]}'"
            promo = [c for c in a.claims if c.overreaching]
            if promo and not a.promotional:
                a.promotional = True
                a.reasons["promotional"] = "unsupported comparative or absolute claim: " + promo[0].flags[0]
        return a


# What someone else told the patient or the HCP, given back ("She was told it might calm the MS."), is not the MSL's.
REPORTED = re.compile(r"\b(?:was|were|been|being|got|get) told\b|\b(?:you|she|he|they|someone|somebody|people) (?:said|"
                      r"heard|read|told (?:her|him|them|you))\b|\b(?:the|her|his|their) (?:dermatologists?|doctors?|"
                      r"colleagues?|neurologists?) (?:said|told|say|tell)\b", re.I)


# "Yes.", "Rarely.", "A couple of them.": an answer with nothing in it to build on…
def _bare(context: str) -> bool:
    return len(set(content_words(context))) < 2


# …unless the question asks about the answer itself ("Is that mainly because of…?", "Why's that?").
BACK_REFERENCE = re.compile(r"^\W*(?:(?:and|so|okay|ok|right|really|oh)\W+)?(?:is that|was that|why|how come|what makes you say|"
                            r"what'?s behind that|in what way|how so|rarely|sometimes|never|always)\b", re.I)


# "Different topic: …", "Changing tack, …": the MSL says the question does not build on the answer.
TOPIC_SHIFT = re.compile(r"^\W*(?:(?:okay|ok|right|so|now)\W+)?(?:(?:a )?different (?:topic|question|subject)|changing (?:tack|"
                         r"topics?|the subject)|switching (?:gears|topics?)|moving on|on a (?:different|separate) note|"
                         r"separately|on another (?:note|point|topic)|"
                         r"another (?:topic|question)|new topic|"
                         # the MSL's own checklist: "Next item on my list: …", "Third area: …"
                         r"(?:the )?(?:next|first|second|third|fourth|last|final|other) (?:item|area|topic|point|thing) "
                         r"(?:on (?:my|the) (?:list|agenda)|i (?:wanted|want|had) to (?:cover|ask|raise))|"
                         r"(?:second|third|fourth|next|last|final|another) (?:area|item|topic)\s*[:,-])", re.I)


# Words that say nothing back: an opening "Right." or "Okay." echoes no answer.
_FILLER = set("okay ok yes yeah no sure right fine fair mm hmm great good thanks thank you got it understood".split())


def _echoes_answer(text: str, context: str) -> bool:
    """The turn opens by saying the short answer back ("A couple." after "A couple of them."): it builds on it."""
    said = sentences(text)
    first = _plain_words(said[0]) if len(said) >= 2 else ""
    return 0 < len(first.split()) <= 4 and bool(set(first.split()) - _FILLER) and _plain_words(context).startswith(first)


def _generic_more(text: str) -> bool:
    """The turn's question only asks for anything more ("Anything else stopping you going higher?", "What else goes
    into the decision?"), not for more on what the HCP just said."""
    asked = questions(text)
    return bool(asked) and (any_invitation(text) or bool(WHAT_ELSE.match(asked[-1].strip())))


# "Now, with so many diabetics on your list, …": the MSL turns to a subject of their own.
NOW_ON = re.compile(r"^\W*(?:(?:and|so|okay|ok|right)\W+)?now,\s+(?:with|on|about|regarding|turning to|as for|for)\b",
                    re.I)
# What the HCP said earlier in the call, named as such ("You mentioned earlier that…", "the liver worry you raised at
# the start", "Going back to your two patients").
CALLBACK = re.compile(r"\b(?:you (?:mentioned|said|told me|described|raised|brought up|noted)|as you said)"
                      r"(?: [\w'-]+){0,4}? "
                      r"(?:earlier|before|at the (?:start|beginning|outset)|a (?:moment|minute|while) ago)\b|"
                      r"\b(?:earlier|at the (?:start|beginning)),? you (?:mentioned|said|told|described|raised|noted)\b|"
                      r"\b(?:going|coming|thinking) back to (?:what|your|the|those|that)\b", re.I)
# A word that points at what was just said: "How does that fit with what you said earlier…?"
_THAT = re.compile(r"\b(?:that|this|those numbers|it)\b(?! (?:you|was|were) (?:mentioned|said|raised|told))", re.I)


def _calls_back_only(text: str, context: str) -> bool:
    """The turn takes up something said earlier in the call and nothing of the HCP's last turn: a callback, which the
    guides do not count as a follow-up."""
    if not CALLBACK.search(text):
        return False
    said = {w[:5] for w in content_words(context)} - _FILLER
    rest = CALLBACK.sub(" ", text)
    return not (said & {w[:5] for w in content_words(rest)} or _echoes_answer(text, context)
                or BACK_REFERENCE.search(text) or _THAT.search(CALLBACK.split(text)[0]))


def _picks_up(text: str, context: str) -> bool:
    """The turn names something the HCP just said, or refers to it ("you said", a quote, a short answer said back)."""
    said = {w[:5] for w in content_words(context)} - _FILLER
    return bool(FOLLOW_UP.search(text) or BACK_REFERENCE.search(text) or _echoes_answer(text, context)
                or said & {w[:5] for w in content_words(text)})


# Words that point back at what was just said: "Were both of those on 80?", "Was she on anything else?"
_POINTS_BACK = re.compile(r"\b(?:she|he|her|him|his|they|them|their|those|these|both|it)\b", re.I)


def _new_closed_topic(text: str, context: str) -> bool:
    """A closed question that neither names nor points back at anything the HCP just said ("Do you see much warfarin
    on the cardiology ward?" after the fibrates): a new topic, however the classifier reads it."""
    asked = questions(text)
    return bool(asked) and not _picks_up(text, context) and not _POINTS_BACK.search(asked[-1])


def _plain_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _bool(v: object) -> bool:
    return v is True or str(v).lower() == "true"
