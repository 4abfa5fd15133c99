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
from .judge import (
    Judge,
    LLMJudge,
    OfflineJudge,
    check_claim,
    check_claims,
    make_judge,
    with_header,
)
from .judge.facts import contains_fact
from .prompts import REFUSAL
from .store import IndexStatus, article_text, index_status
from .text import MARKER, markers, normalise, sentences, strip_markers
from .types import Answer, AnswerStream, Carrier, Citation, Claim, Grade, Verdict

__all__ = [
    "query",
    "stream",
    "Answer",
    "AnswerStream",
    "Citation",
    "Carrier",
    "Claim",
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
    "check_claim",
    "check_claims",
    "with_header",
    "make_judge",
    "Judge",
    "OfflineJudge",
    "LLMJudge",
    "Verdict",
    "Grade",
    "contains_fact",
    "MARKER",
    "markers",
    "strip_markers",
    "normalise",
    "sentences",
    "RagError",
    "InputError",
    "CorpusError",
    "StoreError",
    "LLMError",
]
