"""Error types. The library raises these with a sentence a user understands; the edges (CLI, app)
turn them into a message and an exit code. Nothing else should reach a user."""


class RagError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 1


class InputError(RagError):
    """The question (or another user input) is unusable: empty, too long, not text."""

    exit_code = 2


class CorpusError(RagError):
    """The corpus folder is missing, empty, or holds nothing readable."""

    exit_code = 2


class StoreError(RagError):
    """The vector store is missing, corrupt, locked, or unreachable."""


class LLMError(RagError):
    """The language-model endpoint failed after its retries, or answered with garbage."""
