"""Word lists for the offline judge and the key-fact matcher. All immutable (frozen sets, read-only
mappings), so no module holds mutable state.

Kept small on purpose: each entry fixes a class of error, not one test case.
"""

from __future__ import annotations

from types import MappingProxyType

NUMBER_WORDS = MappingProxyType(
    {
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    }
)  # fmt: skip

ORDINAL_WORDS = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
    }
)  # fmt: skip

TENS_WORDS = MappingProxyType(
    {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
)

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

# Words that carry no checkable fact. Reporting verbs are here because "X, Kim said" and "Kim
# stressed X" state the same claim; the speaker is still checked as a name.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves shall may might must upon per via whose ever even still yet
    another other others
    said say says saying stated stating stress stressed stresses told tell tells noted
    note notes added add adds asserted claimed claims according reported report reports article
    articles passage passages citing cited describe described called call calls one's that's it's
    mr ms mrs dr""".split()
)

# Units of time: "last week" and "last month" name different times, so the unit is checked like a date.
TIME_UNITS = frozenset({"hour", "day", "week", "month", "year", "decade", "century"})

NEGATION_CUES = frozenset({"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without"})

# Paraphrase groups: every word in a group is read as the group's first word. Antonyms are
# declared between group heads (see ANTONYM_PAIRS), so synonyms inherit them.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("talk", "talks", "dialogue", "dialog", "negotiation", "negotiations", "negotiate", "discussions"),
    ("restore", "reestablish", "re-establish", "reopen", "reconnect"),
    ("sever", "cut", "disconnect"),
    ("speech", "address"),
    ("comment", "comments", "remark", "remarks"),
    ("clash", "clashed", "spar", "sparred", "argued", "quarrelled"),
    ("drill", "drills", "exercise", "exercises", "maneuvers", "wargames"),
    ("offer", "offers", "proposal", "proposals", "propose", "proposed", "overture", "overtures"),
    ("reject", "rejected", "dismiss", "dismissed", "rebuff", "rebuffed", "spurn", "spurned", "brushed", "ruled"),
    ("accept", "accepted", "welcome", "welcomed", "embraced"),
    ("condemn", "condemned", "denounce", "denounced", "criticise", "criticize", "criticised", "criticized"),
    ("condemn", "blast", "blasted"),
    ("praise", "praised", "hailed", "hail", "lauded"),
    ("ban", "banned", "banning", "prohibit", "prohibited", "bar", "barred"),
    ("consider", "considering", "weigh", "weighing", "mull", "mulling", "contemplating"),
    ("violate", "violated", "breach", "breached", "broke"),
    ("agree", "agreed", "concurred"),
    ("dispute", "disputed", "contested", "challenged"),
    ("start", "begin", "began", "starting", "beginning"),
    ("stop", "stopped", "halt", "halted", "cease", "ceased", "suspend", "suspended"),
    ("improve", "improved", "better", "warmed"),
    ("worsen", "worsened", "soured", "deteriorated", "deteriorate"),
    ("country", "nation", "state"),
    ("missile", "missiles", "rocket", "rockets"),
    ("test", "tests", "tested", "launch", "launched", "launches", "trial", "trials"),
    ("envoy", "representative"),
    ("threat", "threats", "threaten", "threatening"),
    ("ask", "asked", "request", "requested", "urged"),
    ("hotline", "hotlines", "line", "lines", "channel", "channels", "communication", "communications"),
    ("large", "big", "major"),
    ("need", "needed", "necessary", "required"),
    ("open", "opened", "opening"),
    ("close", "closed", "closing", "shut"),
)

# Pairs of group heads (or plain words) that flip a claim's meaning.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("dispute", "agree"),
    ("dispute", "accept"),
    ("accept", "reject"),
    ("agree", "reject"),
    ("open", "close"),
    ("restore", "sever"),
    ("increase", "decrease"),
    ("rise", "fall"),
    ("rose", "fell"),  # the stems do not lemmatise irregular verbs
    ("high", "low"),
    ("higher", "lower"),
    ("increase", "reduce"),
    ("first", "last"),
    ("last", "next"),
    ("success", "failure"),
    ("successful", "failed"),
    ("success", "fail"),
    ("improve", "worsen"),
    ("praise", "condemn"),
    ("support", "oppose"),
    ("support", "against"),
    ("confirm", "deny"),
    ("allow", "ban"),
    ("friendly", "hostile"),
    ("positive", "negative"),
    ("positively", "negatively"),
    ("earlier", "later"),
    ("early", "late"),
    ("more", "less"),
    ("new", "old"),
    ("offensive", "defensive"),
    ("sincere", "insincere"),
    ("public", "private"),
    ("lengthy", "brief"),
    ("long", "short"),
    ("strengthen", "weaken"),
    ("start", "stop"),
    ("continue", "stop"),
    ("resume", "stop"),
    ("escalate", "ease"),
    ("win", "lose"),
    ("ally", "enemy"),
    ("legal", "illegal"),
    ("impose", "lift"),
    ("north", "south"),
    ("restrained", "aggressive"),
    ("large", "minor"),
    ("large", "small"),
    ("breakthrough", "setback"),
    ("cancel", "ahead"),
    ("cancel", "proceed"),
    ("postpone", "ahead"),
)
