"""Question answering over news articles, with a citation on every sentence.

    from rag import query
    a = query("Who offered talks without preconditions?")
    print(a.answer, a.sources)
"""

from .answer import query, stream
from .config import Settings, get_settings
from .errors import CorpusError, InputError, LLMError, RagError, StoreError
from .index import IndexReport, IndexStatus, article_text, build_index, index_status
from .prompts import REFUSAL
from .types import Answer, Citation

__all__ = [
    "query",
    "stream",
    "build_index",
    "IndexReport",
    "IndexStatus",
    "index_status",
    "article_text",
    "Answer",
    "Citation",
    "Settings",
    "get_settings",
    "REFUSAL",
    "RagError",
    "InputError",
    "CorpusError",
    "StoreError",
    "LLMError",
]
