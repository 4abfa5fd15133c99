"""Whether a sentence reports a value as what happened, or only as what someone wanted, planned or
foresaw: "The family had sought $9 million" does not say what the jury awarded; "The film is
expected to take in roughly $80 million" does not say what it took in.

A question about what happened ("How much did the jury order ...?", "Who won ...?") is asked in
the past tense with no modal and no verb of intent. The candidate's sentence is parsed (the index
stores entities and their kinds, not each clause's governing verbs; a sentence costs about 2 ms
here without the entity recogniser) and the clause that holds the candidate is followed up its
chain of complements ("'d like" <- "see" <- "confirmed ... by May 3"). The value is hedged where a
verb on that chain has a modal ("would", "could", "may") or is one of intent, request or
expectation (a closed class: the parse tells which verb governs, not what the verb means), or, over
a clause, one of claim ("Harbor Foods claims the recall cost it $3 million")."""

from __future__ import annotations

from typing import Any

# Verbs and adjectives that put their complement in the future or in someone's wishes. A verb the
# question itself uses ("How much did they seek?") asks about that wish, so it hedges nothing. Not
# "estimate" (box-office and casualty figures are reported as estimates) nor "try" (a trial).
INTENT = frozenset({
    "aim", "ask", "attempt", "demand", "expect", "forecast", "hope", "intend", "plan", "predict",
    "project", "propose", "request", "seek", "threaten", "urge", "want", "wish",
    "likely", "unlikely", "poised", "eager", "willing",
})
# Verbs that put a clause in someone's claim, not yet tried ("which he claims cost him $5 million"):
# only over a clause (not "claimed a victory"), and not for a question that asks what was reported.
CLAIM = frozenset({"claim", "allege"})
REPORTED = frozenset({"reportedly", "allegedly", "claim", "allege"})
# Modals that leave a thing undone (a closed class). Not "will" (news gives a decision's outcome in
# it: "will not be allowed to attend for ten years") nor "must" (a court's order: "must pay $2 million").
MODALS = frozenset({"would", "could", "may", "might", "should", "can"})
# Verbs of saying (a closed class): in "the bank said it would raise rates to 1.25%" the "would" is
# reported speech's "will" (backshifted), a decision announced, not a hedge.
SAYING = frozenset({"say", "announce", "tell", "state", "confirm", "add", "report", "declare"})
# The dependency relations along which a clause is another's complement ("expected to take in").
COMPLEMENT = frozenset({"xcomp", "ccomp", "acomp"})
# The words that open a complement clause (a closed class); a clause opened by another ("after",
# "when") is adverbial, whatever the parse calls it: in "earlier than they expected to after Tom Reed
# injured his knee" the small model makes "injured" the complement of "expected".
COMPLEMENTIZERS = frozenset({"that", "whether", "if", "to", "for"})
VERBAL = frozenset({"VERB", "AUX", "ADJ"})
PAST = frozenset({"VBD"})


# Words that put what a question asks about ahead of the news ("set to restart", "due to take
# place"; a closed class), with "will" and "shall".
AHEAD = frozenset({"set", "schedule", "due", "go", "expect", "plan", "slate", "poise"})


def asks_future(doc: Any) -> bool:
    """Whether a parsed question asks about what is still to happen: "When will ...?", "When are
    payments set to restart?", "When is the vote due to take place?", "When does Acme expect the
    ferry to be in service?" (with a subject of its own the parse makes the infinitive a ccomp)."""
    return any(t.tag_ == "MD" and t.lower_ in ("will", "shall") or t.lemma_.lower() in AHEAD
               and any(c.dep_ in ("xcomp", "ccomp") and any(g.tag_ == "TO" for g in c.children) for c in t.children)
               for t in doc)


def asks_outcome(doc: Any) -> bool:
    """Whether a parsed question asks what happened: a past-tense verb ("did", "won") or a perfect
    ("has won"), and no modal or word of intent ("will", "was expected to")."""
    if any(t.tag_ == "MD" or t.lemma_.lower() in INTENT for t in doc):  # "will", too: it asks a forecast
        return False
    return any(t.tag_ in PAST or t.tag_ == "VBN" and any(c.lemma_ == "have" for c in t.children) for t in doc)


def hedge(sentence: Any, start: int, end: int, asked: frozenset[str] = frozenset()) -> str | None:
    """The word that hedges the span at character offsets [start, end) of a parsed sentence ("sought",
    "expected", "'d"; or, for a value, of a relative clause on it: "the $15 billion Biden had proposed"),
    or None when the sentence states it as what happened. `asked`: the question's lemmas (a hedge the
    question itself names is what it asks about)."""
    inside = [t for t in sentence if start <= t.idx < end]
    if not inside:
        return None
    root = next((t for t in inside if not start <= t.head.idx < end or t.head.i == t.i), inside[0])
    values = any(t.like_num for t in inside)  # a name's relative clause tells of its later doings, not of it
    for clause in (c for t in inside for c in t.children if values and c.dep_ == "relcl" and c.pos_ in VERBAL):
        if found := _hedging(clause, asked, frozenset()):  # "the $15 billion that Biden had proposed"
            return found
    verb = root
    while verb.pos_ not in VERBAL and verb.head.i != verb.i:  # "$5 million" <- "in" <- "awarded"
        verb = verb.head
    claims = CLAIM if not asked & REPORTED else frozenset()
    over_clause = False
    while verb.pos_ in VERBAL:
        found = _hedging(verb, asked, claims if over_clause else frozenset())
        if found:
            return found
        if verb.dep_ not in COMPLEMENT or verb.head.i == verb.i \
                or any(c.dep_ == "mark" and c.lower_ not in COMPLEMENTIZERS for c in verb.children):
            return None
        verb, over_clause = verb.head, True
    return None


def _hedging(verb: Any, asked: frozenset[str], claims: frozenset[str]) -> str | None:
    modal = next((c for c in verb.children if c.tag_ == "MD" and c.lemma_.lower() in MODALS), None)
    reported_will = modal is not None and modal.lower_ == "would" and verb.dep_ == "ccomp" \
        and verb.head.lemma_.lower() in SAYING and verb.head.tag_ in PAST
    if modal is not None and modal.lemma_.lower() not in asked and not reported_will:
        return modal.text
    lemma = verb.lemma_.lower()
    return verb.text if (lemma in INTENT or lemma in claims) and lemma not in asked else None
