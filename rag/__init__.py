"""Question answering over news articles, with a citation on every sentence.

    from rag import query
    a = query("Who offered talks without preconditions?")
    print(a.answer, a.sources)

This module is the public API: the CLI, the app and the evals import only what is named here.
"""

from .answer import query, stream
from .config import TOP_K_MAX, Settings, apply_env_defaults, get_settings
from .errors import CorpusError, InputError, LLMError, RagError, StoreError
from .feedback import feedback_path, feedback_to_gold, read_feedback, record_feedback
from .index import IndexReport, build_index
from .prompts import REFUSAL
from .store import IndexStatus, article_text, index_status
from .types import Answer, AnswerStream, Carrier, Citation

__all__ = [
    "query",
    "stream",
    "Answer",
    "AnswerStream",
    "Citation",
    "Carrier",
    "build_index",
    "IndexReport",
    "index_status",
    "IndexStatus",
    "article_text",
    "Settings",
    "get_settings",
    "apply_env_defaults",
    "TOP_K_MAX",
    "REFUSAL",
    "record_feedback",
    "read_feedback",
    "feedback_path",
    "feedback_to_gold",
    "RagError",
    "InputError",
    "CorpusError",
    "StoreError",
    "LLMError",
]
