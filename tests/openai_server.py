"""A scriptable OpenAI-compatible HTTP server for tests.

It speaks enough of the chat-completions wire format (plain JSON and SSE streaming) for the official
`openai` client to talk to it over real HTTP on 127.0.0.1, and it can be told to misbehave one request
at a time: error statuses, delays, slow or cut streams, malformed bodies, empty answers, dropped
connections. Nothing here reaches beyond the loopback interface.

Example:
    with FakeOpenAIServer() as server:
        server.enqueue("first answer", Behaviour(status=429, retry_after="1"))
        client = openai.OpenAI(base_url=server.base_url, api_key="test", max_retries=0)
        ...
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union

__all__ = ["STALL", "Behaviour", "FakeOpenAIServer", "Reply", "refused_url"]

# A `delay` for tests that provoke a client timeout: longer than any timeout a test sets, so the
# reply can never win the race against the timeout, however busy the machine. stop() cuts it short.
STALL = 120.0

ReplyFn = Callable[[dict[str, Any]], Union[str, "Behaviour"]]
Reply = Union[str, "Behaviour", ReplyFn]

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_exceeded",
    500: "server_error",
    502: "server_error",
    503: "server_error",
}


@dataclass(frozen=True)
class Behaviour:
    """How the server answers one chat-completions request.

    Attributes:
        content: The assistant text, or a function of the request body returning it; None means the
            server's `default_reply`.
        status: Answer with this HTTP error status and an OpenAI-style JSON error body instead.
        retry_after: Value of the `Retry-After` header sent with an error status.
        error_message: Message inside the error body.
        delay: Seconds to wait before sending anything (to provoke client timeouts: use STALL).
        slow_stream: Seconds to wait between SSE chunks.
        pause_after: Stop after sending this many SSE events until `resume` is set, so a test can
            look at a half-streamed answer and then let the rest come, with no sleep in between.
        resume: The event that ends the pause (the server stopping ends it too).
        cut_stream_after: Close the connection after this many SSE chunks, without `[DONE]` and
            without ending the chunked body, as a crashed server would.
        malformed: Send a 200 whose body (or first SSE event) is not valid JSON.
        empty: Answer with content "" (streaming: no content deltas at all).
        null_content: Answer with content null.
        close: Read the request, then close the socket without any response.
        finish_reason: The `finish_reason` reported with the answer.
    """

    content: str | Callable[[dict[str, Any]], str] | None = None
    status: int | None = None
    retry_after: str | None = None
    error_message: str | None = None
    delay: float = 0.0
    slow_stream: float = 0.0
    cut_stream_after: int | None = None
    malformed: bool = False
    empty: bool = False
    null_content: bool = False
    close: bool = False
    finish_reason: str = "stop"
    pause_after: int | None = None
    resume: threading.Event | None = None


class _Closed(Exception):
    """The client went away, or the server is stopping; the handler just returns."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Never join handler threads on close: a handler stuck in a scripted delay must not hang stop().
    block_on_close = False
    owner: FakeOpenAIServer


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 so the client keeps connections alive and streams use chunked encoding, as in production.
    protocol_version = "HTTP/1.1"
    server: _Server
    # Idle keep-alive connections give up eventually instead of pinning a thread forever.
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, add=True)

    def handle(self) -> None:
        try:
            super().handle()
        except OSError:
            # Clients in failure tests time out and reset connections; that is no server error.
            self.close_connection = True

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        self.server.owner._track(self.connection, add=False)

    # --- routing -----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        """Serve the model list; everything else is a 404."""
        try:
            if self.path.rstrip("/").endswith("/models"):
                owner = self.server.owner
                model = {"id": owner.model, "object": "model", "created": 0, "owned_by": "fake"}
                self._send_json(200, {"object": "list", "data": [model]})
            else:
                self._send_error(404, f"Unknown path {self.path}")
        except _Closed:
            self.close_connection = True

    def do_POST(self) -> None:
        """Serve chat completions according to the next scripted behaviour."""
        try:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_error(404, f"Unknown path {self.path}")
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._send_error(400, "Request body is not valid JSON.")
                return
            owner = self.server.owner
            headers = {name.lower(): value for name, value in self.headers.items()}
            behaviour, content = owner._next(body, headers)
            self._respond(body, behaviour, content)
        except _Closed:
            self.close_connection = True

    # --- answering ---------------------------------------------------------------------------------

    def _respond(self, body: dict[str, Any], b: Behaviour, content: str | None) -> None:
        self._sleep(b.delay)
        if b.close:
            self.close_connection = True
            return
        if b.status is not None:
            headers = {"Retry-After": b.retry_after} if b.retry_after is not None else {}
            self._send_error(b.status, b.error_message or f"Scripted error {b.status}.", headers)
            return
        model = str(body.get("model") or self.server.owner.model)
        if body.get("stream"):
            self._stream(body, b, content, model)
            return
        if b.malformed:
            self._send_raw(200, "application/json", b'{"id": "chatcmpl-broken", "choices": [{')
            return
        text = content or ""
        self._send_json(200, {
            "id": _new_id(),
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": b.finish_reason,
            }],
            "usage": _usage(body, text),
        })

    def _stream(self, body: dict[str, Any], b: Behaviour, content: str | None, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        events = list(_sse_events(body, b, content, model))
        for i, event in enumerate(events):
            if b.cut_stream_after is not None and i >= b.cut_stream_after:
                self._cut()
                return
            if i == b.pause_after and b.resume is not None:
                self._wait_for(b.resume)
            if i:
                self._sleep(b.slow_stream)
            self._write_chunk(event)
        self._write(b"0\r\n\r\n")

    # --- low-level I/O -----------------------------------------------------------------------------

    def _send_error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        error = {
            "message": message,
            "type": _ERROR_TYPES.get(status, "api_error"),
            "param": None,
            "code": _ERROR_TYPES.get(status),
        }
        self._send_json(status, {"error": error}, headers)

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send_raw(status, "application/json", json.dumps(obj).encode(), headers)

    def _send_raw(
        self, status: int, ctype: str, data: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self._write(data)

    def _write_chunk(self, data: bytes) -> None:
        self._write(b"%X\r\n%s\r\n" % (len(data), data))

    def _write(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError as exc:
            raise _Closed from exc

    def end_headers(self) -> None:
        try:
            super().end_headers()
        except OSError as exc:
            raise _Closed from exc

    def _cut(self) -> None:
        # shutdown() rather than close(): it sends the FIN now, whatever the stdlib does afterwards.
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _sleep(self, seconds: float) -> None:
        # Wake as soon as the server stops, so stop() is prompt with slow requests in flight.
        if seconds > 0 and self.server.owner._stopping.wait(seconds):
            raise _Closed

    def _wait_for(self, event: threading.Event) -> None:
        # As _sleep, but until the test sets `event`: one wait cannot watch two events, so look at
        # the stop flag between short waits.
        while not event.wait(0.05):
            if self.server.owner._stopping.is_set():
                raise _Closed


def _new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def _usage(body: dict[str, Any], text: str) -> dict[str, int]:
    """Word counts stand in for tokens: tests need plausible numbers, not a tokenizer."""
    prompt = sum(
        len(str(m.get("content") or "").split()) for m in body.get("messages") or [] if isinstance(m, dict)
    )
    completion = len(text.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _split_words(text: str) -> list[str]:
    """Split text into pieces that concatenate back to it exactly (each word keeps its trailing space)."""
    pieces: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if text[i - 1].isspace() and not text[i].isspace():
            pieces.append(text[start:i])
            start = i
    if text:
        pieces.append(text[start:])
    return pieces


def _sse_events(body: dict[str, Any], b: Behaviour, content: str | None, model: str) -> Iterator[bytes]:
    """The SSE events of one streamed answer: role, content deltas, finish, optional usage, [DONE]."""
    ident, created = _new_id(), int(time.time())

    def event(choices: list[dict[str, Any]], **extra: Any) -> bytes:
        obj = {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": choices,
            **extra,
        }
        return b"data: " + json.dumps(obj).encode() + b"\n\n"

    def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
        return event([{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}])

    if b.malformed:
        yield b'data: {"id": "chatcmpl-broken", "choices": [\n\n'
    yield chunk({"role": "assistant", "content": ""})
    for piece in _split_words(content or ""):
        yield chunk({"content": piece})
    yield chunk({}, b.finish_reason)
    if (body.get("stream_options") or {}).get("include_usage"):
        # OpenAI sends usage in a last chunk of its own, with no choices.
        yield event([], usage=_usage(body, content or ""))
    yield b"data: [DONE]\n\n"


class FakeOpenAIServer:
    """An OpenAI-compatible chat-completions server on 127.0.0.1, run in a background thread.

    Attributes:
        base_url: The URL to give the client, e.g. "http://127.0.0.1:PORT/v1" (set by start()).
        default_reply: The assistant content when no scripted reply is queued.
        model: The model name listed by /v1/models (answers echo the requested model).
    """

    def __init__(self, default_reply: str = "This is the default reply.", model: str = "fake-model") -> None:
        """Create a stopped server.

        Args:
            default_reply: Content used when the reply queue is empty.
            model: Model name listed by /v1/models.
        """
        self.default_reply = default_reply
        self.model = model
        self.base_url = ""
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)  # notified as each request is recorded
        self._queue: deque[Reply] = deque()
        self._requests: list[dict[str, Any]] = []
        self._headers: list[dict[str, str]] = []
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeOpenAIServer:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread.

        Returns:
            self, so `server = FakeOpenAIServer().start()` reads naturally.
        """
        if self._httpd is not None:
            raise RuntimeError("server already started")
        self._stopping.clear()
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
        # A short poll interval makes shutdown() return quickly.
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop every open connection; returns promptly even mid-request."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        # Handlers blocked reading a kept-alive connection wake up when their socket is shut down.
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def enqueue(self, *replies: Reply) -> None:
        """Script the next answers, consumed one per chat-completions request in order.

        Args:
            *replies: Each a content string, a `Behaviour`, or a function of the request body that
                returns either.
        """
        with self._lock:
            self._queue.extend(replies)

    @property
    def requests(self) -> list[dict[str, Any]]:
        """A snapshot of every chat-completions request body received, in order."""
        with self._lock:
            return list(self._requests)

    @property
    def request_headers(self) -> list[dict[str, str]]:
        """A snapshot of the headers (names lower-cased) of every chat-completions request, parallel
        to `requests`."""
        with self._lock:
            return list(self._headers)

    def wait_for_requests(self, n: int, timeout: float = 60.0) -> bool:
        """Block until `n` chat-completions requests have arrived, so a test can act while they
        are in flight without sleeping.

        Args:
            n: How many requests (counted from the start) to wait for.
            timeout: Seconds to give up after; only a hang should come near it.

        Returns:
            Whether they arrived.
        """
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self._requests) >= n, timeout)

    @property
    def pending(self) -> int:
        """How many scripted replies have not been consumed yet."""
        with self._lock:
            return len(self._queue)

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[Behaviour, str | None]:
        """Record a request and resolve the reply for it into a behaviour and its content."""
        with self._lock:
            self._requests.append(body)
            self._headers.append(headers)
            self._arrived.notify_all()
            reply: Reply = self._queue.popleft() if self._queue else self.default_reply
        if callable(reply):
            reply = reply(body)
        behaviour = Behaviour(content=reply) if isinstance(reply, str) else reply
        content = behaviour.content
        if callable(content):
            content = content(body)
        if behaviour.null_content:
            return behaviour, None
        if behaviour.empty:
            return behaviour, ""
        return behaviour, self.default_reply if content is None else content

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)


def refused_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens, so connecting is refused.

    The port was free a moment ago; another process could grab it in between, which is unlikely
    enough for tests.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
