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
    r"how does (?:that|this) (?:sit|fit|land)|what (?:goes|runs|went|ran) through your (?:mind|head))\b", re.I)
CLOSED_START = re.compile(r"^(?:so,?\s+|and\s+|but\s+|okay,?\s+|ok,?\s+)?(do|does|did|is|are|was|were|can|could|"
                          r"would|will|have|has|had|should|shall|may|might|isn'?t|aren'?t|don'?t|doesn'?t|won'?t)\b", re.I)
# "…, right?", "…, yes?" — the tag word after a comma or dash ("a definite yes?" asks for no agreement).
TAG_QUESTION = re.compile(r"(?:[,—–-]\s*(?:right|correct|yes|no|true|agreed|ok|okay)|\s(?:right|isn'?t it|don'?t you|"
                          r"wouldn'?t you|aren'?t they|doesn'?t it))\s*\?\s*$", re.I)
CHOICE = re.compile(r"\b(or)\b[^?]*\??\s*$", re.I)
VIEW_CHECK = re.compile(
    r"\b(chang\w* (?:your|how you|the way you|anything|that for you|what you|where you)|"
    r"shift\w* (?:your|how|where|for you|at all)|what'?s (?:shifted|changed|moved)|moved? (?:you|the needle)|"
    r"where (?:does|did) (?:that|this|it) leave you|where (?:do|would) you (?:stand|land)|where you(?:'ve| have)? "
    r"land(?:ed)?|where you are (?:now|on)|"
    r"(?:has|does|did|would|will|could|might) (?:that|this|it|the data|any of (?:this|that)|seeing|what we|"
    r"our discussion|the \w+ (?:data|numbers|results))\w*(?: \w+){0,3} (?:change|shift|alter|affect|influence|move)|"
    r"how does (?:that|this|the \w+ data|the data) (?:sit|fit|land|compare)|compare in your mind|"
    r"any different(?:ly)?|differently|different from (?!(?:the|other|those|these|most|many|younger|older) )|same view|still (?:feel|think|hesitant|concerned|worried|"
    r"reluctant)|how (?:confident|comfortable|likely) (?:are|do|would) you(?: feel| be)? now|"
    r"more likely(?: now)? to|now that (?:you|we)|after (?:seeing|hearing|going through|today|this|our)|"
    r"with (?:that|this|the \w+ data) in mind|would you (?:now|be more)|you'?d now|you now|"
    r"are you now|(?:thinking|weighing|describe where you are|feel) (?:about (?:\w+ ){0,6})?now|"
    r"(?:the )?next (?:eligible |worried |frail )?patient|make a difference for|"
    r"(?:your|the) (?:view|thinking|perspective|position) (?:now|changed|shifted)|compared (?:with|to) (?:before|"
    r"when we started|an hour ago)|than you were|since we started|rethink|reconsider)", re.I)
# "Did the MANDALA data on albuterol-budesonide change anything in how you…?": named data asked to have changed the
# HCP's practice or view is a view check whatever else the turn holds.
PLAIN_VIEW_CHECK = re.compile(
    r"\b(?:did|has|have|does|do|would|will)\s+(?:the|that|those|these|our|this|all (?:this|that)|any of (?:this|that|the "
    r"[\w-]+))\b(?:\s+[\w.'-]+){0,6}?\s+(?:data|results?|numbers|findings|evidence|trial|study|studies|analysis|paper|"
    r"discussion|conversation|piece|point|table|figures?|information)\b(?:\s+[\w'-]+){0,4}?\s+(?:change|shift|alter|move)d?\s+(?:anything|your|how you|the way you|"
    r"what you|where you|things|much|at all|it for you)", re.I)
# A view check anchored in this conversation: the data just shown, "now", "since we started", the next patient.
VIEW_ANCHOR = re.compile(
    r"\b((?:(?:has|does|would|will|could|might|is) (?:that|this|it|all (?:this|that))|(?:has|does|did|would|will|could|"
    r"might|is|was) (?:any of (?:this|that)|the data|what (?:we|i|you)(?:'ve|'d| have)?|our (?:discussion|conversation|talk)|today|"
    r"seeing|hearing|knowing|the [\w-]+(?: [\w-]+)? (?:data|numbers|results?|evidence|findings|figures|rates?|curves?|"
    r"trial|study|head-to-head|analysis|update|paper|comparison)))"
    r"\b(?: [\w-]+){0,4} (?:change|shift|alter|affect|influence|move|make (?:a|any) difference|mak\w* you)|"
    r"(?:moved|shifted|changed) (?:at all|for you)|any closer|"
    r"where (?:does|did|has|do|would) (?:that|this|it|this conversation|today|all (?:this|that)) (?:leave|left|stand|"
    r"land|put|are)|where (?:do|would|did|are) you (?:stand|land|sit|come out|standing|landing|sitting|coming out)\b[^?]{0,40}\b(?:now|today)\b|"
    r"where (?:are|would) you (?:now|at now|put yourself)|where (?:this|that|it|today|the data|our (?:talk|discussion|"
    r"conversation)) (?:has |have )?(?:left|leaves?|puts?|takes?|took|brought) you|where you(?:'ve| have)? (?:landed|ended up|are now)|"
    r"now that|after (?:seeing|hearing|going through|today|this|our|all (?:that|this)|looking)|having (?:seen|heard|"
    r"gone through|looked)|with (?:that|this|those|the [\w-]+(?: [\w-]+)? (?:data|numbers|results)) in mind|given (?:what|"
    r"the [\w-]+(?: [\w-]+)? (?:data|numbers|results|rates?))|knowing (?:that|what|the)|in front of you|"
    r"compared (?:with|to) (?:before|when|the start|an hour ago|this morning|how)|than you (?:were|did)|since we (?:started|"
    r"began|sat down|talked|spoke)|when (?:we started|i (?:came|walked) in|i arrived)|(?:were|was|did|had) at the start|"
    r"(?:same|different) (?:view|place|question|picture)|any (?:different|change)|anything different|differently|"
    r"(?:still|anymore|any more) (?:a |an )?(?:reason|concern|worry|hesitant|off the table|deal-breaker|no\b|hold off|"
    r"feel|think|see)|(?:would|will|do) you now|you'?d now|are you now|you now|now (?:consider|think|see|feel|approach)|"
    r"next (?:[\w-]+ )?(?:patient|one|order|prescription|referral|request)\b|would you still\b|(?:or|and) still (?:not|no)\b|better or worse now|if (?:mr|mrs|ms|dr|a|an|the next|someone)\b[^?]{0,120}\b(?:came|"
    r"walked|comes|asked)|next time (?:a|an|one of your|someone|you see)\b|the (?:first|next) [\w-]+(?: [\w-]+)? "
    r"(?:who|that) (?:comes|walks)|(?:picture|imagine) (?:monday|tomorrow|next week|your next)|"
    # where the talk has taken the HCP: "where you've come out", "where the data have taken you"
    r"where (?:you'?ve|you have|you'?re|you are) (?:come out|got to|gotten to|ended up|at now)|where (?:the|this|our|"
    r"today'?s) (?:[\w-]+ )?(?:data|evidence|discussion|conversation|results?|findings) (?:ha(?:s|ve)|leaves?|left|"
    r"takes?|took|puts?) (?:taken |left |brought |put )?you|if we hadn'?t (?:had|talked|spoken|met|gone)|"
    r"without (?:this|today'?s|our) (?:chat|conversation|discussion|talk)|(?:alter|tip|change|shift)s? the balance|"
    r"from (?:a )?\d+(?:\.\d+)? to (?:a )?\d+(?:\.\d+)?\b[^?]{0,60}\b(?:jump|move|shift|change|got you|took you|"
    r"moved)|\bnow (?:ahead|behind|first|higher|lower|above|below)\b|before today|how you were (?:handling|"
    r"treating|managing|doing|thinking|approaching|using)|moved? (?:you|the needle)|(?:your|the) (?:view|thinking|position|perspective|comfort|confidence|"
    r"sense|take) (?:(?:has|have) )?(?:now|moved|changed|shifted|today)|rethink|reconsider|"
    r"how (?:confident|comfortable|likely|willing|open) [^?]{0,40}\bnow|take now|thinking now|now,? compared|"
    r"how (?:does|do) (?:that|this|those|these|the (?:[\w-]+ ){0,2}(?:data|numbers|results|findings|figures)"
    r"(?: (?:i|we) (?:showed|shared|went through|looked at)(?: you)?)?) (?:sit|fit|square|compare|land)|"
    r"still a (?:firm |hard )?(?:no|yes)|(?:has|have) (?:that|it|they) softened|"
    # the view as something that moves, opens or tips: "any movement on…", "back on the table", "moved the dial"
    r"any (?:movement|shift)|(?:back )?on the table|off the table|moved? the (?:dial|needle)|what'?s moved|"
    r"(?:has|have) (?:your|the) (?:answer|view|position|stance|thinking) (?:moved|changed|shifted)|second thoughts|"
    r"tip (?:you|the balance)|open (?:the|a) door|persuade you|head at now|(?:taking|take) away from (?:this|today|that)|"
    r"take away (?:some of |any of )?(?:the|your) (?:worry|concern|doubt)|how does (?:that|this|it) leave you|"
    r"\w+ enough (?:that you'?d|to (?:change|make you|get you|try|start|offer|use)|for you to)|enough that you'?d|"
    r"from (?:here|now) on|this time\b|(?:looks?|seems?) different|after (?:what we|everything)|"
    r"(?:put|leave|leaves|left) you (?:on|with|now)|with (?:that|this|those|these|the) (?:[\w-]+ ){0,2}(?:data|numbers|"
    r"results|evidence|figures|findings)\b|(?:would|will) (?:you|u)\b[^?]{0,80}\bnow\b|what we'?ve (?:looked|seen|been|"
    r"gone|discussed|covered|talked|shown)|an hour ago|earlier today|before we (?:started|talked|met|spoke|sat down|went through|looked at|covered|discussed|reviewed)|(?:has|did|does|could|would) anything (?:we|i|you)(?:'?ve| have)? (?:covered|discussed|seen|shown|looked at|gone through|talked about|gone over)|"
    r"different (?:answer|advice|decision|choice|plan|approach)|today'?s (?:discussion|conversation|data)|"
    r"enough to make (?:a|any) difference|(?:does|did|would|will|could|might|has) (?:a|an|the|that|those|these)\b[^?]{0,50}"
    r"\b(?:change|shift|alter)s? (?:that|this|it|your|how|what|where|anything|things|the way)\b)", re.I)
# A change that this conversation did not cause: the patient's, the label's, the guideline's, the HCP's career.
CHANGE_ELSEWHERE = re.compile(
    r"\b((?:her|his|their|the patient'?s|patients') (?:\w+ ){0,2}(?:change|shift|improv|move|respond|settle)\w*|"
    r"(?:since|after) (?:you|he|she|they) (?:started|switched|added|cut|began|moved)|since (?:starting|switching|adding)|"
    r"(?:did|has|have) (?:her|his|their|the patient|the patients?|he|she|they)\b|"
    r"(?:label|guidelines?|formulary|schedule|protocol|landscape|process|recommendations?|section) (?:\w+ )?(?:changed|"
    r"was updated|has changed|shifted|changed)|(?:has|have|did|was) the (?:[\w-]+ )?(?:label|guidelines?|formulary|dosing|protocol|recommendations?|consensus)|(?:updated|new|latest) "
    r"(?:label|guideline|revision|recommendations?)|"
    r"(?:over|during|in) (?:the|your) (?:years|career|fellowship|last \w+ years)|years ago|back (?:then|in)|in (?:19|20)\d\d|"
    r"the pandemic|telehealth|(?:did|has) (?:that|this) experience|those (?:\w+ ){0,2}cases|that case|"
    r"how did (?:that|this|it|those|they|she|he) (?:\w+ ){0,2}(?:change|shape|shift|affect)|"
    r"what would it take|what would (?:you need|make you|tip|help)|what'?s (?:still )?(?:holding|standing|stopping)|"
    r"anything that would make you|what (?:first )?(?:changed|made) (?:your|you)|"
    r"how (?:has|have|did) (?:that|this|those|these) (?:patient|case|experience|episode)s?\b|"
    r"\bdo you (?!see|feel|think|view)(?:[\w-]+ ){1,5}differently\b|"
    r"(?:his|her|their) [\w-]+(?: [\w-]+)? (?:now|these days)\b|compared (?:with|to) (?:the (?:spring|summer|autumn|"
    r"fall|winter)|last (?:week|month|year|visit)|(?:his|her|their) (?:last|previous|first)|baseline)|since then\b|"
    r"how (?:is|has) (?:that|the) (?:shift|change|switch|transition|roll-?out) (?:going|gone)|"
    r"lose you|lost you|make sense|is that clear|clearer)", re.I)
# An offer of the MSL's own next step ("Would you be open to me coming back with the FLOW data?"): logistics, however
# much data it names, not a question about the HCP's view.
OFFER = re.compile(
    r"^(?:[^?]{0,60}[,—–-]\s+)?(?:(?:so|and|but|okay|ok|great|then)\s+)?(?:(?:would|will|could|can|shall|should|may|do|"
    r"does)\s+(?:you|it)\s+(?:be )?(?:(?:open|ok|okay|happy|interested|useful|helpful|help|want|like|mind|worth)\b[^?]{0,30}"
    r"\b)?(?:(?:if )?(?:me|i)\s+(?:to\s+)?(?:come|coming|send|sending|bring|bringing|drop|dropping|share|sharing|set|"
    r"setting|arrange|arranging|book|booking|email|emailing|leave|leaving|connect|connecting|sent|brought|dropped|shared|"
    r"arranged|booked|emailed|left|connected)|(?:i|we)\s+(?:send|bring|"
    r"drop|share|set up|arrange|book|email|leave|connect))|(?:can|could|shall|may)\s+i\s+(?:send|bring|drop|share|"
    r"set up|arrange|book|email|leave|connect|come back)|"
    # "Would a one-page version of those tables, with the section numbers, help for the P&T committee?"
    r"(?:would|will|could)\s+(?:a|an|the|some)\s+(?:[\w-]+\s+){0,3}(?:version|summary|cop(?:y|ies)|one-pager|leaflets?|"
    r"handouts?|slides?|table|tables|reprints?|materials?)\b[^?]{0,60}\b(?:help|be (?:useful|helpful)))\b", re.I)
# The HCP has just said their view moved ("I've gone from a maybe to a probably", "Before today I'd have said 7 out of
# 10; now I'm at an 8")…
CONTEXT_MOVED = re.compile(
    r"\b(?:i'?ve (?:gone|moved|shifted|come) from|gone from (?:a |an )?[\w-]+ to|from (?:a |an )?(?:\d+|maybe|no|yes|hard "
    r"no|firm no|sceptic|skeptic|probably not)\w* to (?:a |an )?[\w-]+|before today|(?:more|less) (?:[\w-]+ ){0,3}than i "
    r"was|than i was (?:before|when|at)|i'?m (?:now )?at (?:a |an )?\d+|(?:you'?ve|that'?s|this has|it has|that has|the "
    r"data (?:has|have)) (?:moved|shifted|changed|nudged|swayed|softened) me|changed my (?:mind|view|thinking)|i'?d have "
    r"(?:said|been)|(?:i'?ve|i have) (?:softened|shifted|moved|come round|come around))", re.I)
# …and the MSL asks what moved it ("What took you up those two points?", "More comfortable in what way?").
WHAT_MOVED_IT = re.compile(r"\b(?:what|which)\b[^?]{0,40}\b(?:made|make|took|takes|bumped|got|moved|tipped|shifted|"
                           r"changed|swung|pushed|drove|brought|did it|difference)\b|\bin what way\b|"
                           r"\bwhat'?s (?:changed|shifted|moved|different)\b", re.I)
# Asking for the view for the first time.
FIRST_VIEW = re.compile(r"\b((?:what'?s|what is) your (?:view|take|opinion|position|thinking|experience)|what do you think "
                        r"(?:about|of)|how do you feel about|where do you (?:stand|land|sit) on|before i (?:show|share)|"
                        r"to (?:start|begin)|first,|these days|at the moment|currently|in general|before (?:the|any) data|"
                        r"before (?:we|i) (?:get into|look at|go through|dig into|show|share|present|bring up)|what are you (?:doing|using|"
                        r"prescribing|giving|offering|trying) (?:now|currently|at the moment)\b)", re.I)
NOW = re.compile(r"\b(now|today|anymore|any more|still|after|since|compared|this morning|an hour ago|at the start)\b",
                 re.I)
# Words a view check cannot do without: change, time or the talk itself. A question with none of them and no view cue
# ("Walk me through a typical week of alerts.") asks for the HCP's experience, whatever the embedding says.
# ("a different group" names another subject, not a view that moved)
MOVEMENT = re.compile(r"\b(?:now|still|chang|shift|mov|(?<!\ba )differ|after|since|today|rethink|reconsider|budg|nudg|tip|sway|"
                      r"persuad|convinc|anymore|any more|at all|earlier|before|reassur|edge off|settl|help|next)", re.I)
AT_ALL = re.compile(r"\bat all\b|\b(?:nudged?|budged?|softened|reframed?|tipped)\b", re.I)
QUANT = re.compile(r"\b(how (?:many|much|long|often|old|soon)|what (?:[\w-]+ )?(?:dose|percentage|proportion|share|rate|"
                   r"number|difference|age|cut-?off|level|threshold|score|time ?frame|time horizon|duration)|roughly|"
                   r"approximately|more or less|\d+ or \d+|scale of|from \d+ to \d+|which one|out of (?:ten|10|five|5)\b|"
                   r"(?:1|one|0|zero)(?:-to-|-| to )(?:10|ten|5|five)\b|(?:put|give) (?:it )?a number)", re.I)
# A question that opens with what/how/why after any leading clauses ("And the times you pushed the dose, what went
# wrong?"; a lead that is itself a question does not count): open unless it asks for a number or a choice.
_LEADS = (r"^(?:(?!(?:do|does|did|is|are|was|were|would|will|could|can|have|has|should)\s+(?:you|u|it|that|this|they|he|"
          r"she|we|i)\b)[^,:?—–]{1,150}(?:[,:]|\s[—–-])\s+|(?:so|and|but|okay|ok|right|then|now)\s+)*")
LEAD_IN = re.compile(_LEADS, re.I)  # the leading clauses alone
WH_QUESTION = re.compile(_LEADS + r"(?:(?:what|how|why)\b(?!\s+about\b)|where do you think\b|which (?:[\w-]+ ){0,5}"
                         r"(?:worr\w*|concern\w*|bother\w*)|which (?:[\w-]+ ){0,6}(?:would|do|does|did) (?:you|they) (?:still |most )?"
                         r"(?:worry|be worried|fret)|which (?:[\w-]+ ){0,3}(?:gives?|gave|cause|caused) (?:you|them) (?:the most )?"
                         r"(?:[\w-]+ )?(?:grief|trouble|problems)|which (?:part|aspect|area|bit|side)s? "
                         r"(?:of [^?]{0,40})?(?:would|do|does|did|is|are)\b|"
                         r"where (?:did|does|do|would|might) [^?]{0,60}\b(?:come from|get (?:the|that|this) idea|hear (?:about|of|that)|"
                         r"pick (?:that|it|this) up)\b|where (?:does|do|did) your (?:mind|thinking|head) go\b|"
                         # "which other combinations have caused you problems?": asks the HCP to name them from experience
                         r"which (?:other )?(?:[\w-]+ ){1,2}(?:have|has) (?:actually )?(?:given|caused) (?:you|them|your)\b|"
                         # "which other combinations do you see causing muscle problems?"
                         r"which other (?:[\w-]+ ){1,2}(?:do|did|have) you (?:actually |really )?(?:see|seen|run into|come "
                         r"across|worry about)\b|"
                         # "where else do you see it get into trouble?", "when does the dose ever move for you?"
                         # "where have you actually seen muscle problems?", "where have the muscle problems come from?"
                         r"where (?:have|do|did) you (?:actually |really )?(?:seen|see|run into|come across)\b|"
                         r"where (?:have|do|did) (?:the |those |these )?(?:[\w-]+ ){1,2}come from\b|"
                         r"where else (?:do|does|did|have|would|might) (?:you|they|your [\w-]+) (?:see|run into|hit|find|"
                         r"notice|come across)\b|when (?:does|do|did|would) [^?]{0,40}\bever\b|"
                         # "which other combinations would still make you reach for a hold?", "where else do they cause
                         # you trouble?": asks the HCP to name more from their own practice, not to pick from a list
                         r"which other (?:[\w-]+ ){1,3}(?:would|do|does|did|could|might|will|have|has|make|made|cause|"
                         r"caused|give|gave)\b|where else\b[^?]*\b(?:you|your|they|them)\b)", re.I)
# A question that probes what stands in the way: a reason, a worry, a downside, "what else" ("What's still holding you
# back?", "Going back to when I walked in, what else worries you?"). It asks for a barrier, not whether the view moved.
BARRIER_PROBE = re.compile(_LEADS + r"(?:what else\b|why\b|how come\b|what(?:'s| is| was)? (?:it )?(?:that )?(?:drives|drove|"
                           r"makes|made|keeps|kept|stops|stopped|holds|held)\b|what'?s behind\b|what(?:'s| is| are| would be)? "
                           r"(?:the |your )?(?:main |biggest |real |big )?(?:downside|hesitation|worry|worries|concern|"
                           r"concerns|problem|issue|sticking point|catch)s?\b|(?:what|which)\b[^?]{0,60}\b(?:worr(?:y|ies) (?:you|them)|"
                           r"(?:you|they)(?: would| still| most)* worry|(?:you'?re|you are) (?:still |most )?worried))"
                           r"|\b(?:holds?|holding|held) (?:you|them) back\b|\bputs? you off\b", re.I)
# Words that make a barrier question ask about a change after all ("What changed your mind?").
CHANGE_WORD = re.compile(r"\b(?:chang|shift|mov|differ|reconsider|rethink|convinc|persuad|budg|nudg|sway|tip)\w*",
                         re.I)
# What an MSL adds after a question to point the HCP somewhere, without answering it.
HINT = re.compile(r"(?:i'?m (?:thinking|wondering) (?:about|of)|for (?:example|instance)|say,|e\.g\.)", re.I)
# "What else do you or they need answered?" asks for anything more, whatever the "or" joins.
WHAT_ELSE = re.compile(_LEADS + r"what else\b", re.I)
# "How do you handle…", "How would you…": asks how the HCP does something.
HOW_YOU = re.compile(_LEADS + r"how (?:do|did|would|does|have|are|will) you\b(?! (?:rate|rank|score))", re.I)
# "Can I ask what…", "Could you tell me how…": a question in polite closed form that asks an open one.
INDIRECT_OPEN = re.compile(_LEADS + r"(?:(?:(?:can|could|may|might) i ask(?: you)?|do you mind (?:me )?asking|would you mind "
                           r"(?:telling me|sharing|explaining)|(?:can|could|would) you "
                           r"(?:tell me(?: a (?:bit|little)(?: more)?)?|"
                           r"say|share|explain|describe|"
                           r"walk me through|talk me through|help me understand)|i'?m (?:just )?wondering|i wonder|(?:can|could|may) (?:i|we) "
                           r"(?:start|begin) with|let'?s (?:start|begin) with|i'?d like to (?:start|begin) with)\s+"
                           r"(?:about\s+)?(?:what|how|why|where(?=[^?]{0,40}\b(?:come|came|get|got|hear|heard|pick|"
                           r"picked)\b))\b|"
                           # "Can you tell me about your experience…?", "Could you walk me through…?"
                           r"(?:can|could|would) you (?:tell me (?:a (?:bit|little) )?(?:about|more)|walk me through|"
                           r"talk me through|describe|"
                           r"explain)\b)", re.I)
# Asking for a reason is open, whatever numbers or alternatives the question names ("What's behind keeping them on
# 10 or 20?").
REASON_QUESTION = re.compile(_LEADS + r"(?:why\b|how come\b|what'?s behind\b|what (?:is|was) behind\b|"
                             r"what'?s (?:your|the) (?:thinking|reasoning|rationale|logic) (?:behind|on|for|with|about)\b|"
                             r"what (?:drives|drove|"
                             r"makes|made|led|leads|prompted|prompts|keeps|kept|stops|stopped|holds|held|puts you off|"
                             r"put you off)\b)", re.I)
# The clause after a dash decides: "What would it take — is it cost or outcomes?" asks a closed question.
DASH_TAIL = re.compile(r"\s[—–-]\s+(?!.*\s[—–-]\s)(.+)$")
WH_OPEN = re.compile(r"^(?:(?:so|and|but|okay|ok|right|then|now|(?:dr|mr|mrs|ms|prof)\.? [\w'-]+|thanks|great|[\w'-]+),\s+|"
                     r"(?:so|and|but|okay|ok|right|then|now)\s+)*(?:what|how|why|tell|walk|"
                     r"describe|help|talk|share|explain|i'?d love|i'?m curious|in what way)\b", re.I)

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
                      r"drug facts|medication guide)\b|\bet al\b|\b(?:trial|study)\b [A-Z0-9-]{3,}|"
                      r"\b(?:written up|described|reported|covered|set out|listed|tabulated|summari[sz]ed) in (?:section )?"
                      r"\d{1,2}\.\d{1,2}\b)", re.I)
# An OTC label is cited by its Drug Facts panels ("the Directions say…", "under 'Do not use'").
PANEL_CITATION = re.compile(r"\bdrug facts\b|\b(?:under|in) (?:the )?['‘\"“]?(?:directions|warnings|do not use|ask a "
                            r"doctor|uses|when using this product|stop use)\b|\bthe (?:directions|warnings|do not use) (?:(?:panel|section|"
                            r"box) )?(?:do |does )?(?:say|says|state|states|rules? out|tells?|lists?|warns?|panel|section|"
                            r"box)\b", re.I)
SECTION_REF = re.compile(r"\bsection (\d+(?:\.\d+)?)|\((\d+\.\d+)\)", re.I)
# A prescribing-information section named by its title ("the PI's indications section", "the drug interactions
# section"): the numbers are those every label in the FDA's PLR format uses.
PLR_SECTIONS = {"indications": "1", "dosage": "2", "dosing": "2", "contraindications": "4", "warnings": "5",
                "adverse": "6", "drug interactions": "7", "specific populations": "8", "clinical studies": "14"}
SECTION_TITLE = re.compile(r"\b(?:the|(?:pi|label|prescribing information)['’]s) (indications|dosage|dosing|"
                           r"contraindications|warnings|adverse|drug interactions|(?:use in )?specific populations|"
                           r"clinical studies)"
                           r"(?: and (?:usage|administration|precautions|reactions))? section\b", re.I)


def titled_sections(text: str) -> list[str]:
    """The PLR section numbers a turn names by title."""
    return [PLR_SECTIONS[m.group(1).lower().removeprefix("use in ")] for m in SECTION_TITLE.finditer(text)]


PROMO = re.compile(
    r"\b(best|safest|most effective|superior|better than|safer than|more effective than|outperforms|"
    r"no side effects|completely safe|totally safe|no risk|risk[- ]free|miracle|breakthrough|game[- ]changer|"
    r"everyone should|all your patients should|you should (?:switch|put)|beats|number one|#1|the only (?:statin|drug|"
    r"option|choice))\b", re.I)
# What patients or parents are said to love about it ("parents love the night-time formula"): a testimonial, which
# promotes whatever follows.
TESTIMONIAL = re.compile(r"\b(?:patients|parents|people|families|kids|children|everyone|everybody|mums|moms|carers)\s+"
                         r"(?:just |really |absolutely |all |genuinely )?(?:love|adore|rave about|swear by)\b", re.I)
NEGATED_USE = re.compile(r"\b((?:not|isn'?t) (?:an? |the )?(?:[\w-]+ ){0,2}(?:treatment|therapy|indication|option)\b|"
                         r"not (?:approved|indicated|in the label|labell?ed)|isn'?t (?:approved|indicated)|"
                         r"outside (?:the|its) (?:label|indication)|off[- ]label|can'?t (?:recommend|promote|discuss)|"
                         r"medical information)\b", re.I)
_WORD = re.compile(r"[a-z]+")
STOP = set("the a an and or of to in on for with is are was were be do does did you your i me my we our it that this "
           "what how why when can could would will have has had about at as so just".split())


# "Ms." is a title, "MS." the disease that ends a sentence ("…the drug or her MS. What else…?").
_ABBREV_END = re.compile(r"\b(?:(?i:dr|mr|mrs|prof|vs|e\.g|i\.e|st)|[Mm]s)\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a turn ("Dr. Okafor, what…?" stays one sentence)."""
    out: list[str] = []
    for p in re.split(r"(?<=[.!?])\s+", text.strip()):
        if out and _ABBREV_END.search(out[-1]):
            out[-1] += " " + p
        elif p:
            out.append(p)
    return out


# A sentence built as a question (a question word or an auxiliary before "you"): casual turns often drop the "?"
# ("how do you handle the ones who put it off bc of needles").
INTERROGATIVE = re.compile(
    r"^(?:(?:so|and|but|okay|ok|right|then|now|quick q|hey|tbh|honestly|fair|one last thing|last one|last thing),?\s+|"
    r"[^,?—–]{1,30}(?:,|\s[—–-])\s+|on a (?:scale of )?\S+\s+)*"
    r"(?:(?:what|how|why|where|which|who)(?:'s|'re| is| are| r| do| does| did| would| will| could| can| has| have| made| "
    r"makes)?\b.*\b(?:you|u|ur|your)\b|(?:do|does|did|are|r|is|have|has|would|will|could|can|should)\s+(?:you|u|ur|your|"
    r"anything|any of (?:this|that)|that|this|it|the data)\b)", re.I)
# "I'm just wondering whether the numbers have moved you at all.": a question put as a statement.
WONDERING = re.compile(r"(?:^|[,;:—–]\s*|\s-\s)(?:(?:so|and|but|okay|ok|just|honestly|then|yeah|really|i guess|so i guess)\W+)*"
                       r"(?:(?:i'?m|i am|i was|what i'?m|what i am) (?:just |really |also )?(?:wondering|curious)(?: is)?|i wonder|"
                       r"i'?d (?:love|like|be (?:curious|interested)) to (?:know|hear)|i'?d be (?:curious|interested)|wondering|"
                       r"curious) (?:whether|if)\b", re.I)


def questions(text: str) -> list[str]:
    """The question sentences of a turn; a last sentence with no end mark counts when it is built as a question,
    and so does any sentence that wonders whether ("I'm just wondering whether that moved you at all.")."""
    sents = sentences(text)
    out = [p for p in sents if p.rstrip().endswith("?") or WONDERING.search(p.strip())]
    if sents and not re.search(r"[.!?…]\W*$", sents[-1].rstrip()) and INTERROGATIVE.search(sents[-1].strip()):
        out.append(sents[-1])
    return out


# "Is there anything else that…?", "Anything on the other side, …?", "Are there any other drugs you…?": closed in
# form, but the HCP's short answer names what comes to mind, so a concern the question points at gets voiced.
# (What comes before a comma may set the scene at any length: "Now, with so many diabetics on your list, Doctor, is
# there anything else that trips you up…?"; "are there other combinations…?" asks for more as "any other" does.)
ANY_INVITATION = re.compile(r"^(?:[^?]{0,80}?[,.:;—–-]\s+)?(?:(?:so|and|but|then|okay|ok)\s+)?"
                            r"(?:(?:is|are|was|were) there other\b|(?:is there|are there|was there|were there)?\s*"
                            r"(?:anything|any other|any more|anyone|anybody|any (?:[\w-]+ ){0,3}(?:questions?|"
                            r"concerns?|worries|issues|problems|hesitations?|doubts?)))\b|"
                            # "…was that what ended it, or did anything else make them stop?"
                            r",? or (?:did|does|do|is|was|were|are|has|have) (?:there )?(?:anything|any other|anyone)\b",
                            re.I)


def any_invitation(text: str) -> bool:
    """The turn's last question invites the HCP to name something more ("Is there anything else…?"), or the one before
    it does and the last only gives examples ("…? Its effect on drugs they're already on, warfarin for example?")."""
    asked = [q.strip() for q in questions(text)]
    if not asked:
        return False
    if ANY_INVITATION.search(asked[-1]):  # ("And what about other medicines? Anything there…?")
        return True
    return len(asked) >= 2 and not INTERROGATIVE.search(asked[-1]) and not CLOSED_START.search(asked[-1]) \
        and bool(ANY_INVITATION.search(asked[-2]))


def word_overlap(a: str, b: str) -> float:
    """Share of the content words of ``a`` that appear in ``b``."""
    wa = {w for w in _WORD.findall(a.lower()) if w not in STOP and len(w) > 2}
    wb = {w for w in _WORD.findall(b.lower()) if w not in STOP and len(w) > 2}
    return len(wa & wb) / len(wa) if wa else 0.0


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if (len(w) > 2 and w not in STOP) or w.isdigit()}


def sidesteps(text: str, context: str) -> bool:
    """The HCP's last turn asked the MSL something ("Where's that in the label?") and this turn uses none of
    its words: whatever it asks next is a new question, not a follow-up."""
    if not any(s.rstrip().endswith("?") for s in sentences(context)):
        return False
    return not (_stems(text) & _stems(context))


CUE_NAMES = ("question", "ends_with_question_mark", "open_cue", "open_cue_last_question", "closed_start", "tag_question",
             "choice", "view_check", "reflection", "follow_up", "evidence", "citation", "promo", "has_context",
             "context_overlap", "length", "view_anchor", "change_elsewhere", "first_view", "quantity", "wh_start",
             "wh_open", "data_then_now")


def cue_features(text: str, context: str) -> np.ndarray:
    """Hand-made features: one number per cue."""
    qs = questions(text)
    last_q = qs[-1] if qs else ""
    said = " ".join(s for s in sentences(text) if s not in qs)
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
        float(bool(VIEW_ANCHOR.search(text))),
        float(bool(CHANGE_ELSEWHERE.search(text))),
        float(bool(FIRST_VIEW.search(text)) and not NOW.search(text)),
        float(bool(last_q and QUANT.search(last_q))),
        float(bool(last_q and WH_OPEN.search(last_q.strip()))),
        float(bool(last_q and WH_OPEN.search(last_q.strip()) and not QUANT.search(last_q) and not CHOICE.search(last_q))),
        # data just presented, then a question about "now", "still" or "at all": the question asks what the data did
        float(bool(last_q and re.search(r"\d|\bsection\b", said) and (NOW.search(last_q) or AT_ALL.search(last_q)))),
    ], dtype=np.float32)
