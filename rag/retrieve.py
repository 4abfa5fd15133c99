"""Hybrid retrieval: dense (Chroma) and BM25 over the same chunks, fused by best rank (see `fuse`);
then one article per story (near-duplicate group, see dedup.py), its hits naming the other
articles that carry their passages. Date and outlet filters apply to both lists (see filters.py).

Both lists are built for one index version (the index record in store.py); a re-index elsewhere is
noticed on the next question. The BM25 index is built once per version by `rag index`, saved, and
memory-mapped here (rag/sparse.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import bm25, sparse
from .annotate import loads
from .answer_types import TypeLexicon
from .config import Settings
from .dedup import carries
from .embed import Embedder
from .errors import StoreError
from .filters import Filters
from .mentions import mentions, name_words
from .store import Store, index_meta
from .synonyms import WordVectors, table_path
from .text import with_abbreviated_titles, without_article, without_possessive

log = logging.getLogger(__name__)

FILTER_DEPTH = 20  # with a filter, BM25 ranks this many times more chunks, then keeps those that pass
RRF_K = 60.0  # the reciprocal-rank constant, as in llama-index and the original paper


@dataclass
class Hit:
    """One retrieved chunk, with its fused score and its dense cosine similarity."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float  # fusion score: 1 / (60 + the best rank in either list)
    similarity: float | None  # dense cosine similarity to the question; None if BM25 only
    also_in: list[dict[str, Any]] = field(default_factory=list)  # the story's other articles that carry it


def fuse(ranked: list[list[str]], k: int) -> list[tuple[str, float]]:
    """Fuse ranked lists of chunk ids (best first) by each chunk's best rank: a chunk scores
    1 / (60 + its best rank in any list); ties go to the earlier list, then the earlier rank.

    Best rank rather than the sum of reciprocal ranks: on the gold set the sum gave answer
    correctness 0.642 (best rank 0.714), abstention accuracy 0.273 (0.364), citation recall 0.806
    (0.868), hit rate 0.977 (1.0); only MRR was higher (0.816 against 0.807). Keyed by chunk id, so
    the result never depends on how a list's items hash (llama-index's fusion keys by a hash of the
    node's metadata string, whose key order varied between processes)."""
    best: dict[str, tuple[int, int]] = {}
    for i, ids in enumerate(ranked):
        for rank, cid in enumerate(ids):
            best[cid] = min(best.get(cid, (rank, i)), (rank, i))
    order = sorted(best.items(), key=lambda item: item[1])[:k]
    return [(cid, 1.0 / (rank + RRF_K)) for cid, (rank, _) in order]


def one_article_per_story(ranked: list[tuple[str, float]], metas: dict[str, dict]) -> list[tuple[str, float]]:
    """Drop the chunks of a story's copies: in each near-duplicate group only the article with
    the best-ranked chunk keeps its chunks, so a wire story on five sites fills the slots of one
    article, not five (the copies are named on its hits instead). An article alone in its group
    keeps every chunk it had, as before groups existed."""
    leader: dict[str, str] = {}
    out = []
    for cid, score in ranked:
        meta = metas.get(cid, {})
        source = str(meta.get("source") or cid)
        if leader.setdefault(str(meta.get("group") or source), source) == source:
            out.append((cid, score))
    return out


def covering(ranked: list[tuple[str, float]], top_k: int, texts: dict[str, str], article_of: Callable[[str], str],
             names: tuple[tuple[str, str], ...]) -> list[tuple[str, float]]:
    """The `top_k` best of `ranked`, but where none of their articles (`article_of` a chunk id) mentions
    a name the question is about ("... the fire in Oakdale County?") and a chunk further down (its text in
    `texts`) does, that chunk in place of the last one whose article mentions none of the names.
    Fusion by best rank takes a BM25 list's third chunk after the dense list's, so a rare name's only
    passage can fall just short of the top, and the gate, which reads the same articles, then refuses
    for want of it (decide.py). Only the top's articles are read: a name no article holds (a question
    the corpus cannot answer) costs no reading of the rest's."""
    top, rest = ranked[:top_k], ranked[top_k:]

    def mentioned(text: str, pairs: tuple[tuple[str, str], ...]) -> bool:
        said = name_words(text)
        return any(mentions(said, name, label) for name, label in pairs)

    for name, label in names:
        if any(mentioned(article_of(cid), ((name, label),)) for cid, _ in top):
            continue
        spare = [i for i, (cid, _) in enumerate(top) if not mentioned(article_of(cid), names)]
        extra = next((r for r in rest if mentioned(texts.get(r[0], ""), ((name, label),))), None)
        if spare and extra:
            top[spare[-1]] = extra
            rest.remove(extra)
    return top


class Retriever:
    """Dense + BM25 + fusion over one store; follows the index version."""

    def __init__(self, settings: Settings, store: Store, embedder: Embedder) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.version: str | None = None
        self._key: tuple | None = None
        self._bm25: bm25.BM25Search | None = None
        self._lexicon = TypeLexicon()
        self._articles: dict[str, str] = {}
        self._names: dict[str, dict[str, tuple[str, Hit]]] = {}
        self._words: WordVectors | None = None
        self.outlets: list[str] = []  # as the index names them, for filters
        self._lock = threading.Lock()

    # -- the BM25 side, per index version -------------------------------------------------------

    @property
    def lexicon(self) -> TypeLexicon:
        """What this index's passages say each common noun names (answer_types.py), of the version
        the last search found. A question is analysed before it is searched, so the first question
        of a process loads it here (with BM25); later ones keep the one check of the index's record
        per question that `retrieve` makes."""
        if self._bm25 is None:
            self._ensure_current()
        return self._lexicon

    def _ensure_current(self) -> None:
        meta = index_meta(self.store)
        version = meta.get("version")
        if version is None:
            raise StoreError("The index is empty. Run `rag index`.")
        key = (version, meta.get("indexed_at"), meta.get("chunks"))
        with self._lock:
            if key == self._key and self._bm25 is not None:
                return
            # A re-index elsewhere may have changed the variant: questions follow the passages'.
            self.embedder.use_variant(str(meta.get("embed_variant") or "fp32"))
            # Saved by `rag index` (memory-mapped here); built now only if missing (sparse.py).
            self._bm25, self._lexicon = sparse.load_or_build(self.settings, self.store, meta)
            self._articles, self._names, self._words = {}, {}, None  # a re-index may have added words
            self.version = version
            self.outlets = [o for o in str(meta.get("outlets") or "").split("\n") if o]
            self._key = key

    # -- the two lists and their fusion ----------------------------------------------------------

    def _dense(self, question: str, k: int, filters: Filters | None = None) -> dict[str, float]:
        """chunk id -> cosine similarity, best first; only chunks that pass. Ids only: the fused list's
        texts are read in one go after fusion (reading them here too was ~2 ms of every answer)."""
        vector = self.embedder.get_query_embedding(question)
        got = self.store.chunks.query(query_embeddings=[vector], n_results=k, include=["distances"],
                                      where=filters.where() if filters else None)
        return {cid: 1.0 - float(dist) for cid, dist in zip(got["ids"][0], got["distances"][0])}

    def _sparse(self, question: str, k: int, filters: Filters | None = None) -> list[str]:
        """BM25's `k` best chunk ids that pass the filter, best first. The BM25 index knows ids
        only, so with a filter it ranks deeper and asks Chroma which of those pass, until it has
        `k` or has ranked every chunk. The question's titles are looked for as news abbreviates
        them too ("governor": "Oakdale Gov. Ana Ruiz")."""
        question = with_abbreviated_titles(question)
        if filters is None:
            return [cid for cid, _ in self._bm25.search(question, k)]
        depth, total = k * FILTER_DEPTH, len(self._bm25.ids)
        while True:
            ranked = [cid for cid, _ in self._bm25.search(question, depth)]
            passed = set(self.store.chunks.get(ids=ranked, where=filters.where(), include=[])["ids"]) if ranked else set()
            kept = [cid for cid in ranked if cid in passed]
            if len(kept) >= k or depth >= total:
                return kept[:k]
            depth *= 4

    def _read(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        got = self.store.chunks.get(ids=ids, include=["documents", "metadatas"])
        return {cid: (doc or "", sparse.clean_meta(meta)) for cid, doc, meta in zip(got["ids"], got["documents"],
                                                                                 got["metadatas"])}

    def retrieve(self, question: str, top_k: int, filters: Filters | None = None,
                 weigh: Callable[[dict], float] | None = None, names: tuple[tuple[str, str], ...] = ()) -> list[Hit]:
        """The `top_k` best chunks for `question`, best first, one article per story; with `filters`,
        only chunks of articles that pass them (from both retrievers). `weigh(metadata)` (e.g. how
        recent a chunk's article is, for "this week") multiplies each fused score: the lists are read
        twice as deep then, so a weighed-up chunk from further down can rise into the top. `names`
        ((name, label) the question is about) are each mentioned by a hit if any fused chunk does."""
        self._ensure_current()
        filters = filters.resolve(self.outlets) if filters else None
        k = max(self.settings.candidate_k, top_k) * (2 if weigh else 1)
        try:
            dense = self._dense(question, k, filters)
            lexical = self._sparse(question, k, filters)
            fused = fuse([list(dense), lexical], k)
            read = self._read([cid for cid, _ in fused])
            found = {cid: (text, meta, dense.get(cid)) for cid, (text, meta) in read.items()}
            # A chunk gone since the version check (a re-index is under way) drops out here.
            fused = [(cid, score * (weigh(found[cid][1]) if weigh else 1.0)) for cid, score in fused if cid in found]
            if weigh:
                fused.sort(key=lambda f: f[1], reverse=True)
            fused = one_article_per_story(fused, {c: v[1] for c, v in found.items()})
            if names:  # the top's articles in one read (the gate reads them next)
                self.articles([str(found[cid][1].get("source", "")) for cid, _ in fused[:top_k]])
            fused = covering(fused, top_k, {c: v[0] for c, v in found.items()}, lambda c: self._article_of(found[c]),
                             names)
            hits = [Hit(chunk_id=cid, text=found[cid][0], metadata=found[cid][1], score=score,
                        similarity=found[cid][2]) for cid, score in fused]
            self._add_also_in(hits, filters)
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"Retrieval failed ({e}). Run `rag index --rebuild` if the index is damaged.") from e
        return hits

    def _add_also_in(self, hits: list[Hit], filters: Filters | None) -> None:
        """Name, on each hit, the other articles of its story that carry its passage (and pass
        the filter: nothing outside it is cited, not even as a copy)."""
        groups = sorted({str(h.metadata.get("group")) for h in hits if h.metadata.get("group")})
        if not groups:
            return
        got = self.store.docs.get(where={"group": {"$in": groups}}, include=["metadatas", "documents"])
        members: dict[str, list[tuple[str, dict, str]]] = {}
        for source, meta, text in zip(got["ids"], got["metadatas"], got["documents"]):
            members.setdefault(str((meta or {}).get("group")), []).append((source, meta or {}, text or ""))
        for hit in hits:
            for source, meta, text in members.get(str(hit.metadata.get("group")), []):
                if source == hit.metadata.get("source") or (filters and not filters.admits(meta)):
                    continue
                if carries(text, hit.text):
                    hit.also_in.append({"source": source, "title": meta.get("title", ""), "outlet": meta.get("outlet") or None,
                                        "date": meta.get("date") or None, "url": meta.get("url") or None})

    def idf(self, stem: str) -> float:
        """How rare a stemmed word is in the index version this retriever last checked (`retrieve`
        checks it once per question; the reader then asks for a dozen words, and reading the index's
        record again for each was ~0.5 ms apiece, ~5 ms of every answer)."""
        bm25 = self._bm25
        if bm25 is None:
            self._ensure_current()
            bm25 = self._bm25
        return bm25.idf(stem)

    def similar(self, asked: dict[str, str], held: dict[str, str]) -> dict[str, set[str]]:
        """Which words of `held` mean what each word of `asked` means, by the index's model (synonyms.py)."""
        if self._words is None:
            self._words = WordVectors(self.embedder, table_path(self.settings.data_dir, self.settings.embed_model))
        return self._words.similar(asked, held)

    def _article_of(self, chunk: tuple[str, dict, Any]) -> str:
        """A chunk's article as the gate reads it: its title and text (the chunk's own if not stored)."""
        source = str(chunk[1].get("source", ""))
        return f"{chunk[1].get('title', '')} {self.articles([source]).get(source) or chunk[0]}"

    def articles(self, sources: list[str]) -> dict[str, str]:
        """The cleaned full text of these indexed articles (cached for this index version)."""
        want = [s for s in dict.fromkeys(sources) if s not in self._articles]
        if want:
            got = self.store.docs.get(ids=want, include=["documents"])
            with self._lock:
                self._articles.update(zip(got["ids"], got["documents"]))
        return {s: self._articles[s] for s in sources if s in self._articles}

    def names(self, source: str) -> dict[str, tuple[str, Hit]]:
        """The people and organisations an indexed article names in two words or more, each with
        its label and the chunk that first does, from the chunks' annotations (cached for this index
        version): where a passage of it says "Alvarez", the chunk that says "Maria Alvarez"."""
        if source not in self._names:
            try:
                got = self.store.chunks.get(where={"source": source}, include=["documents", "metadatas"])
            except Exception as e:  # noqa: BLE001 - a full name is a nicety: the answer stands without it
                log.warning("could not read the names of %s: %s", source, e)
                return {}
            found: dict[str, tuple[str, Hit]] = {}
            chunks = sorted(zip(got["ids"], got["documents"], got["metadatas"]), key=lambda c: (c[2] or {}).get("chunk", 0))
            for cid, text, meta in chunks:
                for a, b, label, _ in loads((meta or {}).get("ann")).get("e", []):
                    name = without_article(without_possessive((text or "")[a:b].strip()))
                    if label in ("PERSON", "ORG") and len(name.split()) > 1 and name not in found:
                        found[name] = (label, Hit(cid, text or "", meta or {}, 0.0, None))
            with self._lock:
                self._names[source] = found
        return self._names[source]
