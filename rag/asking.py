"""Which wh-words of a question ask something: not one that opens a relative clause ("Deborah
James, who has died"), nor a "when" clause that sets the scene before the wh-word that asks ("When
the court ruled, which judge wrote ...?"), nor a second one not coordinated with the first. And
what a question's parts are: a name as it is written, a name inside a hyphened modifier, the noun a
statement to complete is about ("The estimated cost ... will be:"), a noun after "which" that the
small model tags a verb ("placed which insect on the list"), the nouns of the event it asks about,
a title the small model takes for a name ("Who is the President of Oakdale?"), how many answers its
noun asks for, and a day that is a word of a name ("the Sunday Classics slot")."""

from __future__ import annotations

from typing import Any

from .text import AUXILIARIES, WH_WORDS, YEAR, stem
from .valuing import asks_worth

MANY = 5  # the most answers a question is given ("Which two countries" 2; "Which countries" up to this)

# spaCy's Penn tags of wh-words: which/what (WDT, WP), whose (WP$), when/where/why/how (WRB).
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def asking_words(doc: Any) -> list[Any]:
    """The wh-words that ask something, in the last sentence that has one (news-quiz questions
    often set the scene first: "X happened this week. Which company ...?")."""
    found: list[Any] = []
    for sent in doc.sents:
        asking = [t for t in sent if t.lower_ in WH_WORDS and t.tag_ in WH_TAGS and not _subordinate(t)]
        # A second wh-word asks a second question only when coordinated: "..., and on what date ...?"
        asking = asking[:1] + [t for t in asking[1:] if _after_conjunction(t)]
        found = asking or found
    if not found and doc.text.rstrip().endswith("?"):
        # The small model may read "..., which popular beverage is getting ...?" as a relative clause;
        # when nothing else asks, a which/what before a noun phrase does ("which 37-year-old former
        # captain", "in which Florida city").
        found = [t for t in doc if t.lower_ in ("which", "what") and t.tag_ == "WDT" and t.i + 1 < len(doc)
                 and doc[t.i + 1].pos_ in ("ADJ", "NOUN", "PROPN", "NUM")][:1]
    return found


def _subordinate(tok: Any) -> bool:
    """A wh-word that opens a relative clause ("Deborah James, who has died") asks nothing; nor does an
    adverbial "when" clause before the wh-word that asks ("When the court ruled, which judge ...?"). An
    inverted one asks, wherever the parse hangs it ("Despite the warnings, where did she travel?")."""
    later = any(t.lower_ in WH_WORDS and t.tag_ in WH_TAGS for t in tok.sent if t.i > tok.i)
    if later and tok.lower_ in ("when", "where") and tok.doc[tok.i + 1].pos_ not in ("AUX", "VERB"):
        return True  # not "When did ..."
    if later and tok.dep_ != "det" and any(t.dep_ == "relcl" for t in tok.ancestors):
        return True  # "Britannia, which ministers plan to replace, draws tourists to which part ...?"
    if tok.tag_ == "WP$" and tok.head.head.dep_ == "relcl":
        return True  # "Ana Ruiz, whose novel won ..., was born where?": "whose" hangs on the clause's noun
    if tok.lower_ in ("when", "where", "why", "how") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "AUX":
        return False  # inverted, a question: "Despite the warnings, where did she travel?"
    return tok.head.dep_ == "relcl" or (tok.dep_ != "ROOT" and tok.head.dep_ in ("advcl",) and tok.i > 0
                                         and tok.lower_ in ("when", "where") and tok.i > tok.sent.start + 1)


def _after_conjunction(tok: Any) -> bool:
    prev = [t for t in tok.doc[max(tok.sent.start, tok.i - 3) : tok.i] if not t.is_punct]
    return bool(prev) and any(t.pos_ == "CCONJ" for t in prev)


def wh_phrase(wh: Any) -> str:
    """The wh-phrase as the answer types name it: "how many", "how long", else the wh-word."""
    if wh.lower_ == "how" and wh.i + 1 < len(wh.doc):
        nxt = wh.doc[wh.i + 1]
        if nxt.pos_ in ("ADJ", "ADV") and nxt.lower_ not in ("did", "does", "do"):
            return f"how {nxt.lower_}"  # how many / much / long / old / far
    return "how much" if asks_worth(wh) else wh.lower_  # "What was the deal worth?" (valuing.py)


# Verbs that give a thing its name: "What is the party called?" asks for a name (a closed class).
NAMING = frozenset({"call", "name", "dub", "nickname", "title", "rename"})
# Nouns for a thing's name (a closed class): "the name (the title) of the album" asks about the
# album; "What nickname was the view given?" asks for a name.
NAME_NOUNS = ("name", "title", "nickname", "designation", "moniker")


def naming_verb(wh: Any) -> Any | None:
    """The participle a "what" question ends on that asks for a name ("What is the party called?",
    "The new line is called what?"), or None."""
    if wh.lower_ != "what":
        return None
    words = [t for t in wh.sent if not t.is_punct]
    last = words[-1] if words[-1] != wh else words[-2] if len(words) > 1 else wh
    # a participle the tagger took for a past tense still has its passive auxiliary: "What is the convoy called?"
    passive = last.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in last.children)
    return last if passive and last.lemma_.lower() in NAMING else None


def named_thing(verb: Any) -> Any | None:
    """The noun a naming participle names: its subject ("the party called"), or the noun it modifies."""
    nouns = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
    if not nouns and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        nouns = [verb.head]
    return nouns[0] if nouns else None


def asks_name(wh: Any | None, focus: Any | None) -> bool:
    """Whether the question asks what a thing is called: "What is the party called?", "What is the
    name (the title) of the album?", "What nickname was it given?". A sentence about the thing
    answers none."""
    if wh is None or focus is None:
        return False
    of = focus.head if focus.dep_ == "pobj" else None
    return (naming_verb(wh) is not None or of is not None and of.head.lemma_.lower() in NAME_NOUNS
            or focus.lemma_.lower() in NAME_NOUNS and focus.lemma_.lower() != "title")  # "What title did she win?"


def as_named(ent: Any) -> str | None:
    """The entity as a name is written, or None where it is none: the small model runs a preposition
    into a name ("about Watergate" for "a series about Watergate", which an article writing "Acme's
    Watergate drama" does not hold word for word) and takes a common noun for one ("a mountain-like
    vista", "the 74th" labelled organisations). A name has a capital letter in it ("3M", "eBay")."""
    words = list(ent)
    while words and words[0].pos_ in ("ADP", "SCONJ") and words[0].is_lower:
        words.pop(0)
    if not any(c.isupper() for t in words for c in t.text):
        return None
    # A year in it is the question's year, not the name's: "the 2022 World Cup" is the World Cup (of 2022).
    return "".join(t.text_with_ws for t in words if not YEAR.fullmatch(t.text)).strip() or None


def hyphenated(ent: Any) -> bool:
    """A name inside a hyphenated modifier ("its TikTok-like changes", "Russia-backed forces")
    describes something else; it is not what the question is about."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].text[:1].islower()


def completion_focus(doc: Any) -> Any | None:
    """For a statement to complete ("The estimated cost ... will be:"): the noun it is about."""
    last = [t for t in doc if not t.is_punct][-1:]
    if not last:
        return None
    head = last[0] if last[0].dep_ == "ROOT" else last[0].head
    while head.dep_ not in ("ROOT", "ccomp") and head.head != head:
        head = head.head
    subj = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
    return subj[0] if subj else None


def noun_as_verb(tok: Any) -> bool:  # a noun the tagger calls a verb, right after "which" (and names): no object
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    form = tok.tag_ in ("VB", "VBP") or tok.tag_ == "VBG" and tok.doc[tok.i - 1].pos_ == "PROPN"
    return form and (after is None or after.pos_ not in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"))


def noun_tagged_verb(wh: Any) -> bool:  # a determiner's head is a noun: "which Oakdale program" tagged a verb
    return wh.lower_ == "which" and wh.head.i > wh.i and wh.head.pos_ == "VERB" and wh.head.tag_ in ("VB", "VBP", "VBZ")


def verb_tagged_noun(tok: Any) -> bool:
    """Whether a noun after a noun or name of the wh-phrase takes a verb's complements: the verb, which the
    small model tagged a noun ("Which former Acme CEO quit advising the board?": the focus is the CEO); not
    where its object is the wh-word ("What Oakdale critics score did ...?", parsed so: the score)."""
    return tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN") \
        and any(c.dep_ in ("xcomp", "ccomp", "dobj") and c.tag_ not in WH_TAGS for c in tok.children)


# The words that rank as ordinals do, from the other end: "Which senator was the last to question ...?"
RANKS = frozenset({"last", "final"})


def ranked_in(doc: Any) -> tuple[tuple[str, str], ...]:
    """The (ordinal, noun) pairs of `ranked_by` in a question (ordinals and `RANKS`)."""
    spans = [e for e in doc.ents if e.label_ == "ORDINAL"] + [doc[t.i : t.i + 1] for t in doc if t.lower_ in RANKS]
    return tuple(rank for span in spans if (rank := ranked_by(span)))


def ranked_by(ordinal: Any) -> tuple[str, str] | None:
    """(the ordinal, the noun) where an ordinal (a parsed span) ranks the wh-phrase's noun in what a verb
    says: an adverb of the verb whose subject the wh-phrase is ("Which mayor first visited Lund?" asks for
    the first mayor to visit: ("first", "mayor")), or a copula's complement ("Which state was the first
    to issue ...?": the first state to issue; "Which senator was the last to question ...?")."""
    verb = ordinal.root.head
    copular = ordinal.root.dep_ == "attr" and verb.lemma_ == "be"
    subject = next((t for t in verb.children if t.dep_ == "nsubj" and any(c.tag_ in WH_TAGS for c in t.children)),
                   None) if verb.pos_ == "VERB" or copular else None
    return (ordinal.text.lower(), subject.lemma_.lower()) if subject is not None else None


def hyphened(tok: Any) -> bool:  # part of a hyphened word: "Kroger-owned", "fried-chicken"
    return any(0 <= j < len(tok.doc) and tok.doc[j].text == "-" and not tok.doc[min(j, tok.i)].whitespace_
               for j in (tok.i - 1, tok.i + 1))


def joins_names(tok: Any) -> bool:  # an "and" between proper nouns joins one name: "Which Fish and Wildlife official"
    doc = tok.doc
    return tok.pos_ == "CCONJ" and 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].pos_ == doc[tok.i + 1].pos_ == "PROPN"


def event_nouns(wh: Any | None, focus: Any | None = None) -> tuple[str, ...]:
    """The common nouns that are the subject and object of the verb the wh-word's clause turns on,
    outside the wh-phrase and the noun asked about (where the parse splits them: "Which Oakdale
    receiver caught ..." with "Which" a subject of its own), as written (lower-case): "Which group
    sent the balloons?" -> balloons.
    None under a copula or an auxiliary ("What is the name of ...?": its nouns say what the answer
    is, not what happened). The verb itself is left out: reporters paraphrase verbs far more often
    than the things they act on (with it, answers lost on rtqa-2022: bench/RESULTS.md)."""
    if wh is None:
        return ()
    last = [t for t in wh.doc if not t.is_punct][-1]
    if last.pos_ == "NOUN" and last.i > wh.i + 1 and wh.doc[last.i - 1].pos_ == "NOUN" \
            and any(t.lemma_ == "do" for t in wh.doc[wh.i + 1 : last.i]) and (focus is None or last.i != focus.i):
        # "How much does the ferry ticket cost?": do-support puts the verb last, after its subject, and the
        # small model tags it a noun of that subject; the subject's nouns are the event's
        return tuple(t.lower_ for t in last.subtree if t.pos_ == "NOUN" and t is not last)
    verb = wh
    while not verbal(verb) and verb.head != verb:
        verb = verb.head
    if not verbal(verb) or verb.lemma_ in AUXILIARIES:
        return ()
    top = wh  # the whole wh-phrase ("How many troops", "Which group")
    while top.head != verb and top.head != top:
        top = top.head
    asked = {t.i for t in top.subtree} | ({t.i for t in focus.subtree} if focus is not None else set())
    nouns = [_counted(t) for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.pos_ == "NOUN"
             and t.i not in asked]
    # with the nouns compounded with each ("the majority opinion": a sentence may say "majority" alone)
    nouns = [n for t in nouns if t is not None for n in (*_compounds(t), t)]
    return tuple(dict.fromkeys(t.lower_ for t in nouns))


def _compounds(noun: Any) -> list[Any]:
    return [t for t in noun.children if t.dep_ == "compound" and t.pos_ == "NOUN"]


def _counted(noun: Any) -> Any | None:
    """What a noun the entity recogniser calls a number or a time counts: "hundreds of reports" -> reports,
    "days after" -> none."""
    if noun.ent_type_ not in ("CARDINAL", "QUANTITY", "DATE", "TIME"):
        return noun
    return next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.pos_ == "NOUN"), None)


def verbal(tok: Any) -> bool:
    """A verb, or a word the tagger took for a noun that an auxiliary says is one ("did ... shrink")."""
    return tok.pos_ == "VERB" or any(c.dep_ == "aux" for c in tok.children)


def titles_as_nouns(doc: Any, nlp: Any, lexicon: Any) -> Any:
    """The question parsed again with its capitalised titles in lower case: the small model takes
    "the President" of "Who is the President of Oakdale?" for a name (PROPN), so the question would
    ask for no noun. Such a word is in no entity, has an article or an owner of its own ("the Prime
    Minister", "Oakdale's Mayor"), and is a noun the corpus writes before persons' names (the
    lexicon); a name the model misses keeps its capitals ("the Big Ten", "the US Capitol")."""
    words = set()
    for tok in doc:
        if _unnamed(tok) and tok.i and any(c.dep_ in ("det", "poss") for c in tok.children) \
                and lexicon is not None and lexicon.labels(tok.lower_).get("PERSON", 0.0) > 0.5:
            words |= {tok.i, *(c.i for c in tok.children if c.dep_ == "compound" and _unnamed(c))}
    if not words:
        return doc
    return nlp("".join((t.lower_ if t.i in words else t.text) + t.whitespace_ for t in doc))


def _unnamed(tok: Any) -> bool:  # tagged a name, but in no entity
    return tok.pos_ == "PROPN" and not tok.ent_type_


def in_a_name(ent: Any) -> bool:
    """Whether a date is a word of a name, not a time: "the Sunday Classics slot"."""
    return ent.root.dep_ == "compound" and ent.root.head.pos_ == "PROPN"


def answers_asked(focus: Any | None, phrase: str = "") -> int:
    """How many answers the noun asked about asks for: its number ("Which two countries"), or, plural
    with none after "which" or "what" ("Which countries ...?"), all those the best sentence names
    beside the best (up to MANY); one for "how many" (a figure) and a singular noun."""
    # "Which two voting rights bills": the parse may hang the number on a compound of the noun
    modifiers = [t for c in focus.children if c.dep_ == "compound" for t in c.subtree] if focus is not None else []
    for tok in [*(focus.children if focus is not None else ()), *modifiers]:
        if tok.dep_ == "nummod" and tok.like_num:
            try:
                return max(1, min(MANY, int(tok.text)))
            except ValueError:
                return {"two": 2, "three": 3, "four": 4, "five": 5}.get(tok.lower_, 1)
    plural = focus is not None and focus.tag_ in ("NNS", "NNPS")
    return MANY if plural and phrase in ("which", "what") else 1


def noun_lemma(noun: Any) -> str:  # a noun tagged an -ing verb ("which Tom Reed painting") keeps its -ing
    return noun.lower_ if noun.tag_ == "VBG" else noun.lemma_.lower()


def focus_words(focus: Any | None) -> tuple[str, ...]:
    """The noun asked about and the nouns compounded with it ("missile test"), as lemmas, and the noun
    as written where its stem is another ("children": the stemmer leaves an irregular plural whole).
    "How many times" counts what the verb does: the verb and its object ("tested missiles": "three
    missile tests")."""
    if focus is None:
        return ()
    written = (focus.lower_,) if stem(focus.lower_) != stem(noun_lemma(focus)) else ()
    words = [t.lemma_.lower() for t in focus.children if t.dep_ == "compound" and t.pos_ == "NOUN"]
    if noun_lemma(focus) == "time" and (verb := next((t for t in focus.doc[focus.i :] if t.pos_ == "VERB"), None)):
        objects = [t.lemma_.lower() for t in verb.children if t.dep_ == "dobj" and t.pos_ == "NOUN"]
        words += [verb.lemma_.lower(), *objects]
    return (*words, *written, noun_lemma(focus))
