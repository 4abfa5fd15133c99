"""Date and outlet filters on retrieval (`since=`, `until=`, `outlets=`), one object for both
retrievers: a Chroma `where` for the dense side, and the same `where` applied to the BM25 side's
ranked ids (see retrieve.py), so nothing outside the filter can be retrieved, let alone cited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .dates import day_number, filter_bound
from .errors import InputError


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    outlets: tuple[str, ...] = ()  # any of these, exactly as the index names them

    @classmethod
    def make(cls, since: object = None, until: object = None, outlets: Iterable[str] | str | None = None
             ) -> Filters | None:
        """Checked filters, or None when none is set.

        Raises:
            InputError: a date that does not parse, or `since` after `until`.
        """
        lo, hi = filter_bound(since, "since"), filter_bound(until, "until")
        if lo and hi and lo > hi:
            raise InputError(f"since ({lo}) is after until ({hi}): no date is in that range.")
        if isinstance(outlets, str):
            outlets = outlets.split(",")
        names = tuple(dict.fromkeys(o.strip() for o in outlets or () if o and o.strip()))
        if not (lo or hi or names):
            return None
        return cls(lo, hi, names)

    def resolve(self, known: Iterable[str]) -> Filters:
        """The filter with its outlets spelt as the index spells them (case and "www." aside).

        Raises:
            InputError: an outlet the index holds no article from, with the ones it holds.
        """
        if not self.outlets:
            return self
        index = {_key(k): k for k in known if k}
        missing = [o for o in self.outlets if _key(o) not in index]
        if missing:
            held = ", ".join(sorted(index.values())) or "none: its articles name no outlet"
            raise InputError(f"No indexed article is from {', '.join(map(repr, missing))}. Outlets in the index: {held}.")
        return Filters(self.since, self.until, tuple(index[_key(o)] for o in self.outlets))

    def where(self) -> dict:
        """The Chroma `where` clause (articles without a date fail any date bound: day 0)."""
        clauses: list[dict] = []
        if self.since:
            clauses.append({"day": {"$gte": day_number(self.since)}})
        if self.until:
            clauses.append({"day": {"$lte": day_number(self.until)}})
        if self.until and not self.since:
            clauses.append({"day": {"$gt": 0}})
        if self.outlets:
            clauses.append({"outlet": {"$in": list(self.outlets)}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def admits(self, meta: dict) -> bool:
        """Whether an article or chunk with this metadata passes (the same test as `where`)."""
        day = int(meta.get("day") or 0)
        if (self.since or self.until) and not day:
            return False
        if self.since and day < day_number(self.since):
            return False
        if self.until and day > day_number(self.until):
            return False
        return not self.outlets or meta.get("outlet") in self.outlets

    def describe(self) -> str:
        parts = [f"since {self.since}" if self.since else "", f"until {self.until}" if self.until else "",
                 f"from {', '.join(self.outlets)}" if self.outlets else ""]
        return " ".join(p for p in parts if p)


def _key(outlet: str) -> str:
    return outlet.strip().lower().removeprefix("www.")
