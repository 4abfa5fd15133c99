"""The Gradio chat app over the `rag` library (see app/main.py)."""

import rag

# Before gradio or chromadb is imported anywhere in the app: no analytics or telemetry leaves the
# machine, and no library reaches for a model hub (rag's defaults for every entry point).
rag.apply_env_defaults()
