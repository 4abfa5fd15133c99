"""The Gradio chat app over the `rag` library (see app/main.py)."""

import os

# Before gradio or chromadb is imported anywhere in the app: no analytics or telemetry leaves the
# machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
