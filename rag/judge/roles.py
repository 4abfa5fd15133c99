"""Who did what to whom: a claim verb's agent and patient against the same verb's in the evidence,
from spaCy's dependency parse, entities and morphology. "Pyongyang condemned the US launches"
where the passage says "the US condemned Pyongyang's launches" is unsupported, though every word
is in the passage."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .names import one_name
from .pronouns import antecedent, owner_of
from .syntax import NAME_LABELS, Key, Token, core, text_of

Names = Callable[[str], frozenset[str]]
Entities = Callable[[Any], None]  # runs the entity recogniser on a parse that has not had it

# Dependents that describe a noun rather than name something else beside it.
_DESCRIBING = frozenset({"poss", "compound", "amod", "nmod", "flat"})
_PLACES = frozenset({"GPE", "NORP", "LOC"})


@dataclass(frozen=True)
class Filler:
    """Who fills a role: a name ("Kim Yo Jong", "Pyongyang") or a description ("South Korea's leader").

    Attributes:
        named: The head is a name, not a common noun.
        head: Name stems of the head's own name.
        desc: Name stems of what describes it: its possessor, nationality, title.
        text: The head as written.
        extra: Name stems of its other names and of prepositions off its head: "Central News
            Agency (KCNA)" has "kcna" here, and "US Ambassador to the UN Linda Thomas-Greenfield",
            parsed with "Ambassador" as the head, her name.
        places: Name stems of the countries and nationalities in its head and description
            ("the North Korean ambassador", "US Ambassador ...").
        lemma: Its head word's lemma, lower case ("regime", "government").
        owner: Name stems of its possessor, a possessive pronoun read as the verb's subject
            ("Seoul cut off its channels": Seoul).
    """

    named: bool
    head: frozenset[str]
    desc: frozenset[str]
    text: str
    extra: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    lemma: str = ""
    owner: frozenset[str] = frozenset()
    pronoun: bool = False  # "him": fills the role, says not who


def _filler(t: Token, names: Names, entities: bool) -> Filler | None:
    """Who `t` is; `entities`: the parse has been through the entity recogniser, so a name's
    extent and a place among its modifiers are known (else a name is its run of proper nouns)."""
    if t.pos_ == "PRON" or any(c.dep_ == "case" for c in t.children):  # "Sky News' Kay Burley": News owns
        return None
    ents = t.doc.ents if entities else ()
    ent = next((e for e in ents if e.start <= t.i < e.end and e.label_ in NAME_LABELS), None)
    if ent is not None:
        head = list(ent)
    elif t.pos_ == "PROPN":
        head = [t, *(c for c in t.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN")]
    else:
        head = []
    inside = {h.i for h in head}
    # With the describers coordinated to them: "US and North Korean diplomats" are both sides'.
    desc = [d for c in t.children if c.dep_ in _DESCRIBING for x in (c, *c.conjuncts) for d in core(x) if d.i not in inside]
    owner = owner_of(t)
    owners = [d for c in t.children if c.dep_ == "poss" for d in core(c)] + (core(owner) if owner is not None else [])
    # "the North" is North Korea here, as "North" alone is not: the article goes with the name.
    article = [c for c in t.children if c.dep_ == "det"] if head else []
    head_names = names(text_of(article + head)) if head else frozenset()
    desc_names = names(text_of(desc))
    # Another name for it ("Central News Agency (KCNA)"), or a name the parse hung off it in a
    # preposition; not an apposition that describes ("Kim Yo Jong, sister of Kim Jong Un").
    aside = [c for c in t.children if c.dep_ == "prep" or (c.dep_ == "appos" and c.pos_ == "PROPN")]
    rest = names(text_of([x for c in aside for x in c.subtree])) - head_names
    places = names(text_of([x for x in (*head, *desc) if x.ent_type_ in _PLACES])) if entities else frozenset()
    text = text_of(list({x.i: x for x in (t, *head)}.values()))
    return Filler(bool(head), head_names, desc_names, text, rest, places, t.lemma_.lower(), names(text_of(owners)))


# Links a verb without a subject of its own climbs to find the one it shares ("South Korea must
# work to solve ... and implement": South Korea implements).
_SHARED_SUBJECT = frozenset({"conj", "xcomp", "acomp", "prep", "pcomp"})


def _agents(v: Token) -> list[Token]:
    for _ in range(6):
        found = _own_agents(v)
        if found or v.dep_ not in _SHARED_SUBJECT or v.head == v:
            return found
        objects = [c for c in v.head.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        called = [g for c in v.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                  for g in c.children if g.dep_ == "pobj" and g.pos_ != "PRON"]
        if v.dep_ == "xcomp" and (objects or called):
            return objects or called  # "asked France to meet", "called on Congress to act": they do
        if v.dep_ == "prep" and v.lower_ in ("for", "of") and objects and any(c.tag_ == "VBG" for c in v.children):
            return objects  # "Pyongyang blasted Washington for offering talks": Washington offers
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            return []  # a subject we could not resolve (a pronoun): not the head's
        v = v.head
    return []


def _second_reading(v: Token) -> list[Token]:
    """ "Reuters reported that Kim described X and said Y": spaCy joins "said" to "reported", but
    it may as well continue Kim's clause. The subject of that nearer clause, for a second reading
    of a coordinated verb without a subject of its own."""
    if v.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return []
    inner = [c for c in v.head.children if c.dep_ == "ccomp" and c.i < v.i]
    return _own_agents(inner[-1]) if inner else []


def _own_agents(v: Token) -> list[Token]:
    out: list[Token] = []
    for c in v.children:
        if c.dep_ == "nsubj":
            if c.pos_ != "PRON":
                out.append(c)
            elif c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                out.append(v.head)  # "the drills that prompted ..."
            elif (a := antecedent(v, c)) is not None:
                out.append(a)
        elif c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _patients(v: Token) -> list[Token]:
    out = [c for c in v.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if not any(c.dep_ == "dobj" for c in v.children):
        out += [c for c in v.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"]
    if not out and v.dep_ in ("acl", "relcl") and v.tag_ == "VBN":
        out.append(v.head)  # "images provided by the satellite"
    return out


def _recipients(v: Token) -> list[Token]:
    """ "offered the regime a meeting"; in the passive, "the government was offered a meeting"."""
    out = [c for c in v.children if c.dep_ == "dative" and c.pos_ != "PRON"]
    if any(c.dep_ == "dobj" for c in v.children):
        out += [c for c in v.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"]
    return out


def roles(v: Token, names: Names, entities: bool = False) -> dict[str, list[Filler]]:
    """Who fills verb `v`'s roles (agent, patient, recipient), conjuncts included; a pronoun only in a
    role nothing else fills, as an unnamed filler (`Filler.pronoun`)."""
    out: dict[str, list[Filler]] = {}
    for role, found in (("agent", _agents(v)), ("patient", _patients(v)), ("recipient", _recipients(v))):
        tokens = [c for f in found for c in (f, *f.conjuncts)]
        out[role] = [f for t in tokens if (f := _filler(t, names, entities))]
    # A pronoun fills its role too, unnamed ("the city's lawyer sent him records"): the role is taken.
    for role, dep in (("agent", "nsubj"), ("patient", "dobj"), ("recipient", "dative")):
        if not out[role]:
            out[role] = [Filler(False, frozenset(), frozenset(), c.text, lemma=c.lemma_.lower(), pronoun=True)
                         for c in v.children if c.dep_ == dep and c.pos_ == "PRON"][:1]
    return out


def could_clash(v: Token) -> bool:
    """Whether verb `v`'s roles could differ from the evidence's, by tags alone: a name (a proper
    noun, or a nationality such as "North Korean") fills one, or two roles are filled (a swap)."""
    found = [[c for f in fs for c in (f, *f.conjuncts)] for fs in (_agents(v), _patients(v), _recipients(v))]
    if sum(1 for fs in found if fs) >= 2:
        return True
    return any(x.pos_ == "PROPN" or (x.pos_ == "ADJ" and x.is_title) for fs in found for f in fs for x in core(f))


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    # "kim" may stand for "kimyojong", "un" for "unsc": one may be the other's prefix.
    return any(x == y or (min(len(x), len(y)) >= 2 and (x.startswith(y) or y.startswith(x))) for x in a for y in b)


def _conflict(c: Filler, found: Sequence[Filler]) -> bool:
    """Whether claim filler `c` is none of the evidence's fillers of the same role, where both say
    enough to tell: two names, or two descriptions ("South Korea's leader" vs "North Korea's")."""
    if c.named:
        named = [e for e in found if e.named]
        if not named or any(_same(c.head, e.head | e.desc) and one_name(c.text, e.text) for e in found):
            return False
        # One's name further along the other's phrase ("US Ambassador to the UN Linda Thomas-Greenfield",
        # parsed with the ambassador as head) is the same filler, unless each is in the other's: a swap.
        return not any(_same(c.head, e.extra) != _same(e.head, c.extra) for e in named)
    owned = [e for e in found if e.owner]
    if c.owner and owned and not any(_same(c.owner, e.owner | e.head) for e in owned):
        return True
    described = [e for e in found if e.desc]
    if c.desc and described and not any(_same(c.desc, e.head | e.desc) for e in described):
        return True
    # "the North Korean ambassador" is not "US Ambassador Linda Thomas-Greenfield", though a
    # description alone ("the US envoy") may well be "Thomas-Greenfield".
    placed = [e for e in found if e.places]
    return bool(c.places) and bool(placed) and not any(_same(c.places, e.places) for e in placed)


def role_problems(part: Sequence[Token], evidence: Sequence[Token], key: Key, names: Names, entities: Entities) -> list[str]:
    """A claim verb whose agent or patient differs from the same verb's in the evidence.

    `entities(doc)` runs the entity recogniser on a parse. It is needed only where the claim
    describes rather than names ("the North Korean ambassador" vs "US Ambassador Linda
    Thomas-Greenfield"), and is then used on both sides, so a verdict never depends on which
    parses an earlier claim happened to send through it."""
    problems: list[str] = []
    for v in (t for t in part if t.pos_ == "VERB"):
        matches = [e for e in evidence if e.pos_ == "VERB" and key(e.lemma_.lower()) == key(v.lemma_.lower())]
        if not matches:
            continue
        mine, theirs = roles(v, names), [roles(e, names) for e in matches]
        if _needs_entities(mine, theirs):
            for doc in {id(d): d for d in (v.doc, *(e.doc for e in matches))}.values():
                entities(doc)
            mine, theirs = roles(v, names, True), [roles(e, names, True) for e in matches]
        # An instance of the verb that shares no one with the claim's tells of another event ("the
        # messages Reed had sent"): the claim is compared with those that do, if any.
        shared = [i for i, t in enumerate(theirs) if _overlap(mine, t)] or range(len(theirs))
        matches, theirs = [matches[i] for i in shared], [theirs[i] for i in shared]
        clashes = [_clashes(mine, t) or _sides_swapped(v, e, names) for t, e in zip(theirs, matches)]
        if all(clashes) and (other := _second_reading(v)):
            # the verb read as continuing the clause before it: a clash only if both readings clash
            again = {**mine, "agent": [f for a in other if (f := _filler(a, names, bool(v.doc.user_data.get("entities"))))]}
            clashes = [c if _clashes(again, t) else [] for c, t in zip(clashes, theirs)]
        if all(clashes):
            role, c, e = clashes[0][0]
            problems.append(f"roles differ: the claim has '{c}' as the {role} of '{v.text}', the passage '{e}'")
    return problems


def _overlap(mine: dict[str, list[Filler]], theirs: dict[str, list[Filler]]) -> bool:
    """Whether two instances of a verb share a filler, in any role: a word or a name."""
    def who(fillers: dict[str, list[Filler]]) -> set[str]:
        return {x for fs in fillers.values() for f in fs if not f.pronoun for x in (f.lemma, *f.head)}
    return bool(who(mine) & who(theirs))


def _sides_swapped(v: Token, e: Token, names: Names) -> list[tuple[str, str, str]]:
    """The names on the doer's side of claim verb `v` are on the other side of evidence verb `e`,
    and the evidence doer's on the claim's other side: "North Korea called for the Biden
    administration to resume talks" where the administration called for North Korea to. Read
    from whole phrases, so it holds where a side is described ("the administration of ...")."""
    mine, my_rest, my_text = _sides(v, names)
    if not mine or not my_rest:
        return []  # no name on the doer's side, or none on the other: nothing to swap
    theirs, their_rest, their_text = _sides(e, names)
    if theirs and not _same(mine, theirs) and _same(mine, their_rest) and _same(theirs, my_rest):
        return [("agent", my_text, their_text)]
    return []


def _sides(v: Token, names: Names) -> tuple[frozenset[str], frozenset[str], str]:
    """(names in the phrases of verb `v`'s agents, names in the rest of its phrase, the agents' text)."""
    agents = [x for a in _agents(v) for x in a.subtree]
    inside = {x.i for x in agents} | {v.i}
    return names(text_of(agents)), names(text_of([x for x in v.subtree if x.i not in inside])), text_of(agents)


def _needs_entities(mine: dict[str, list[Filler]], theirs: list[dict[str, list[Filler]]]) -> bool:
    """Whether telling the fillers apart needs the entity recogniser: the claim describes one
    ("the North Korean ambassador") where the evidence names one in a run of proper nouns that
    may hold a nationality ("US Ambassador Linda Thomas-Greenfield")."""
    for role, fillers in mine.items():
        if any(f.desc and not f.named for f in fillers):
            if any(e.named and len(e.head) > 1 for t in theirs for e in t[role]):
                return True
    return False


def _swapped(c: Filler, role: str, theirs: dict[str, list[Filler]], mine: dict[str, list[Filler]]) -> bool:
    """Whether a filler the claim does not name ("the regime") fills another role of the verb in
    the evidence, and not this one: "the government was offered a meeting by the regime" where
    the passage has the government offering the regime one."""
    if c.named or c.pronoun or not theirs[role]:
        return False
    if role == "agent" and not mine["patient"] and all(e.pronoun for e in theirs[role]):
        return False  # "the blaze began" for "he started the blaze": a verb used without its object
    elsewhere = {e.lemma for r, fillers in theirs.items() if r != role for e in fillers}
    return c.lemma in elsewhere and c.lemma not in {e.lemma for e in theirs[role]}


def _clashes(mine: dict[str, list[Filler]], theirs: dict[str, list[Filler]]) -> list[tuple[str, str, str]]:
    out = []
    for role, fillers in mine.items():
        for c in fillers:
            named = [e for e in theirs[role] if e.head or e.desc]
            if ((c.head or c.desc or c.owner) and _conflict(c, named)) or _swapped(c, role, theirs, mine):
                out.append((role, c.text, " and ".join(e.text for e in theirs[role]) or "no one"))
    return out
