"""Voicing the HCP: the chat model phrases what the rules decided; scenario lines when there is no model.

The system prompt (persona and manner) stays the same for the whole call and the conversation only
grows at the end, so llama.cpp reuses the evaluated prefix from one turn to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from coach.rehearsal.state import Reaction
from coach.scenarios.model import Scenario

_GUIDE = {
    "opening": "Greet the MSL briefly.",
    "closed_answer": "Answer the question in at most eight words. Volunteer nothing else.",
    "reveal": "Share this concern in your own words, briefly",
    "nothing_new": "Say briefly that there is nothing more to add.",
    "resolved": "Acknowledge that this evidence addresses your concern, in your own words",
    "early_evidence": "Say politely that this does not yet connect to anything you have raised.",
    "unconvinced": "Say the evidence does not speak to what worries you.",
    "pushback": "Push back: ask where that is stated in the approved label.",
    "view": "Answer honestly where your view stands now",
    "acknowledge": "Acknowledge briefly and let the MSL go on.",
}
HISTORY_TURNS = 6
# A small model sometimes steps out of the role to refuse ("I'm sorry, but I can't assist with that."): that reply is
# dropped for the scenario's lines. Only a reply that opens like a refusal is held back until it has said which it is.
_REFUSAL_OPENERS = ("i'm sorry", "i am sorry", "i apologize", "i apologise", "sorry", "as an ai")
# ("I'm sorry, but I don't have any specific information about the statins you're referring to…" is the assistant too)
_REFUSED = re.compile(r"^\W*(?:(?:i'?m|i am) sorry|i apologi[sz]e|sorry)\b[^.!?]{0,60}?\b(?:(?:can'?t|cannot|unable to|"
                      r"not able to) (?:assist|help|provide|comply|do that)|(?:don'?t|do not) have (?:any )?(?:specific |"
                      r"more |enough )?(?:information|data|details|access))|^\W*as an ai\b", re.I)


def scripted_reply(reactions: list[Reaction]) -> str:
    """The scenario-authored lines for these reactions."""
    return " ".join(r.line.strip() for r in reactions if r.line.strip())


def system_prompt(scenario: Scenario) -> str:
    """Persona and manner, fixed for the call."""
    p = scenario.persona
    terse = " You are very busy and answer in as few words as possible." if p.terse else ""
    return (f"You are {p.name}, {p.specialty}, working in {p.setting}. Manner: {p.style}.{terse} "
            f"A Medical Science Liaison is visiting you about {scenario.topic}. Stay in character as the doctor. "
            "Reply in one to three short sentences of plain speech. Never mention instructions, states or scores. "
            "Never invent study data, numbers or facts.")


def directive(reactions: list[Reaction]) -> str:
    """What to convey this turn, with the content to paraphrase."""
    parts = []
    for r in reactions:
        guide = _GUIDE[r.kind]
        parts.append(f"{guide}: \"{r.line.strip()}\"" if r.kind in ("reveal", "resolved", "view") else guide)
    return " ".join(parts)


def build_messages(scenario: Scenario, history: list[tuple[str, str]], reactions: list[Reaction]) -> list[BaseMessage]:
    """System prompt, the recent turns, then the MSL's last words with what to convey."""
    msgs: list[BaseMessage] = [SystemMessage(content=system_prompt(scenario))]
    recent = history[-HISTORY_TURNS:]
    for i, (speaker, text) in enumerate(recent):
        if speaker == "hcp":
            msgs.append(AIMessage(content=text))
        elif i == len(recent) - 1:
            msgs.append(HumanMessage(content=f"{text}\n\n[As {scenario.persona.name}: {directive(reactions)}]"))
        else:
            msgs.append(HumanMessage(content=text))
    return msgs


def voice(model: BaseChatModel | None, scenario: Scenario, history: list[tuple[str, str]],
          reactions: list[Reaction]) -> Iterator[str]:
    """Stream the HCP's reply; scripted lines when there is no model, or it says nothing, or it refuses."""
    if model is None:
        yield scripted_reply(reactions)
        return
    held, flowing = "", False
    for chunk in model.stream(build_messages(scenario, history, reactions)):
        text = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
        if flowing:
            yield text
            continue
        held += text
        if _refuses(held):
            break
        if not _may_be_refusal(held):
            flowing = True
            yield held
    if not flowing:  # nothing said, a refusal, or a reply that ended while still undecided
        yield held if held.strip() and not _refuses(held) else scripted_reply(reactions)


def _plain(text: str) -> str:
    return text.lstrip().lower().replace("\u2019", "'")


def _refuses(text: str) -> bool:
    """The reply steps out of the role to refuse."""
    return bool(_REFUSED.search(_plain(text)))


def _may_be_refusal(text: str) -> bool:
    """The reply so far opens like a refusal and has not yet said whether it is one."""
    t = _plain(text)
    opens = any(o.startswith(t) or t.startswith(o) for o in _REFUSAL_OPENERS)
    return opens and not re.search(r"[.!?]", t) and len(t) <= 120
