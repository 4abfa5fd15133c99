"""What a thing is worth, asked with "what": "What was the deal worth?", "What is Harbor Foods valued at?",
"What did the painting sell for?", "What did the tickets cost?" ask what "How much ...?" asks.

The parse hangs such a "what" on the copula as its attribute ("What was the deal ...": the deal), so
the question would seem to ask about the deal, or, with another verb, for a description. What tells it
is the word "what" is the object of: "worth" with no object of its own, an "at" or a "for" left without
one after a verb of pricing (a closed class, as the naming verbs are), or the object of "cost"."""

from __future__ import annotations

from typing import Any

# Verbs that put a price on a thing: "valued at", "sold for", "bought for", "fetched" (a closed class).
# Not "pay": "What did she pay for?" asks for the thing bought.
PRICING = frozenset({"value", "price", "sell", "resell", "buy", "purchase", "fetch", "appraise", "auction"})


def _stranded(verb: Any, wh: Any) -> bool:
    """Whether `verb` has an "at" or a "for" whose object is "what" or none ("valued at?", "sold for?")."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "for")
               and not any(g.dep_ == "pobj" and g != wh for g in c.children) for c in verb.children)


def _its_object(word: Any) -> bool:
    """Whether a word under "worth" is what the thing is worth ("$44 billion", "more"), not when ("today")."""
    return word.dep_ in ("pobj", "dobj", "npadvmod") and word.ent_type_ not in ("DATE", "TIME")


def asks_worth(wh: Any) -> bool:
    """Whether the question's "what" asks what a thing is worth or cost (a sum of money)."""
    if wh.lower_ != "what":
        return False
    for tok in wh.sent:
        if tok.lower_ == "worth" and not any(_its_object(c) for c in tok.children):
            return True  # "What was the deal worth (today)?"; not "What is worth more ...?"
        if tok.pos_ == "VERB" and tok.lemma_ in PRICING and _stranded(tok, wh):
            return True  # "What is Harbor Foods valued at?", "What did the painting sell for?"
        if tok.lemma_ == "cost" and wh.head == tok and wh.dep_ == "dobj":
            return True  # "What did the tickets cost?" ("cost" tagged a noun, with its object: a verb still)
    return False
