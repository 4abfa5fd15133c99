"""Split articles into passages (llama-index's SentenceSplitter, counted in the embedding model's
own tokens) with stable ids and the metadata citations need."""

from __future__ import annotations

from .config import Settings
from .corpus import Article
from .dates import day_number

# Where and when an article appeared, and its near-duplicate group: for filters and citations.
NEWS_KEYS = ["outlet", "url", "day", "group"]

# The title helps the vector find the passage; the other fields are bookkeeping.
EMBED_EXCLUDED = ["source", "date", "sha256", "chunk", "n_chunks", "ann", *NEWS_KEYS]
LLM_EXCLUDED = ["source", "title", "date", "sha256", "chunk", "n_chunks", "ann", *NEWS_KEYS]


def chunk_id(source: str, sha256: str, i: int) -> str:
    """Stable id: the same article version always yields the same ids."""
    return f"{source}#{sha256[:12]}-{i}"


def parse_chunk_id(cid: str) -> tuple[str, str]:
    """(source, the first 12 hex digits of its sha256) of a chunk id."""
    source, _, rest = cid.rpartition("#")
    return source, rest.split("-", 1)[0]


def news_metadata(art: Article) -> dict:
    """The outlet, url, day number (for date filters) and group each chunk carries."""
    return {"outlet": art.outlet or "", "url": art.url or "", "day": day_number(art.date),
            "group": art.group or art.source}


def splitter(settings: Settings):
    from llama_index.core.node_parser import SentenceSplitter

    from .embed import tokenizer_for

    return SentenceSplitter(
        chunk_size=settings.chunk_size,
        chunk_overlap=settings.chunk_overlap,
        tokenizer=tokenizer_for(settings.embed_model),
        paragraph_separator="\n\n",
    )


def chunk_articles(articles: list[Article], settings: Settings) -> list:
    """llama-index TextNodes with stable ids and the metadata citations need."""
    from llama_index.core import Document

    split = splitter(settings)
    nodes = []
    for art in articles:
        doc = Document(
            id_=art.source,
            text=art.text,
            metadata={"source": art.source, "title": art.title, "date": art.date or "", "sha256": art.sha256,
                      **news_metadata(art)},
            # Set here, before splitting, because the splitter counts metadata against the chunk size.
            excluded_embed_metadata_keys=EMBED_EXCLUDED,
            excluded_llm_metadata_keys=LLM_EXCLUDED,
        )
        pieces = split.get_nodes_from_documents([doc])
        for i, node in enumerate(pieces):
            node.id_ = chunk_id(art.source, art.sha256, i)
            node.metadata.update(chunk=i, n_chunks=len(pieces))
            nodes.append(node)
    return nodes
