"""A scripted fake OpenAI-compatible server on 127.0.0.1, for testing brains and judges.

It is a real HTTP server (``ThreadingHTTPServer`` on a free port, in a daemon thread), so the
real ``openai`` client is exercised end to end: request serialization, SSE parsing, timeouts,
status-code errors. Tests script it with a queue of :class:`Reply` objects — one consumed per
``POST /v1/chat/completions`` — and assert on :attr:`FakeOpenAI.calls` (every request's path
and parsed JSON body). ``GET /v1/models`` lists the served model names.

A reply can be plain text (streamed in small pieces when the request asks for ``stream``), a JSON
object (as text), an HTTP error status, a delay before the headers, a stall or a dropped
connection in the middle of a stream, or raw (malformed) SSE lines. When the queue is empty the
server answers :attr:`FakeOpenAI.default` (HTTP 500 unless a test changes it).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str = ""
    chunks: list[str] | None = None  # explicit stream pieces (default: text cut in 4-char pieces)
    status: int = 200
    error: str = "fake error"
    delay_s: float = 0.0  # before any byte of the response
    stall_after: int | None = None  # streaming: stall after this many pieces …
    stall_s: float = 0.0  # … for this long
    drop_after: int | None = None  # streaming: close the connection after this many pieces
    raw_sse: list[str] | None = None  # streaming: send these lines verbatim instead
    finish_reason: str = "stop"

    @classmethod
    def json(cls, obj: Any) -> Reply:
        return cls(text=json.dumps(obj, ensure_ascii=False))

    def pieces(self) -> list[str]:
        if self.chunks is not None:
            return self.chunks
        return [self.text[i:i + 4] for i in range(0, len(self.text), 4)]


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> str:
    payload = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
               "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return "data: " + json.dumps(payload, ensure_ascii=False) + "\n\n"


class FakeOpenAI:
    """Start with :meth:`start` (or use as a context manager); ``base_url`` ends in ``/v1``."""

    def __init__(self, models: tuple[str, ...] = ("fake-model",)) -> None:
        self.models = models
        self.queue: deque[Reply] = deque()
        self.calls: list[Call] = []
        self.default = Reply(status=500, error="fake server: script exhausted")
        self.reject_response_format = False  # answer 400 to any request that sets it
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.queue.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self.queue.clear()
            self.calls.clear()
        self.default = Reply(status=500, error="fake server: script exhausted")
        self.reject_response_format = False

    def next_reply(self, call: Call) -> Reply:
        with self._lock:
            self.calls.append(call)
            if self.reject_response_format and "response_format" in call.body:
                return Reply(status=400, error="response_format is not supported")
            return self.queue.popleft() if self.queue else self.default


def _handler_for(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                        for m in fake.models]
                self._send_json(200, {"object": "list", "data": data})
            else:
                self._send_json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            call = Call(self.path, body, {k.lower(): v for k, v in self.headers.items()})
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": f"no route {self.path}"}})
                return
            reply = fake.next_reply(call)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._serve(reply, body)  # the client may give up (timeout): expected in tests

        def _serve(self, reply: Reply, body: dict[str, Any]) -> None:
            if reply.delay_s and fake.stopping.wait(reply.delay_s):
                return
            if reply.status != 200:
                self._send_json(reply.status, {"error": {"message": reply.error,
                                                         "type": "fake", "code": None}})
            elif body.get("stream"):
                self._stream(reply, str(body.get("model", "")))
            else:
                self._send_json(200, _completion(reply, str(body.get("model", ""))))

        def _stream(self, reply: Reply, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            if reply.raw_sse is not None:
                self._write("".join(line + "\n" for line in reply.raw_sse) + "\n")
                return
            self._write(_chunk(model, {"role": "assistant", "content": ""}))
            for i, piece in enumerate(reply.pieces()):
                if i == reply.drop_after:
                    return
                if i == reply.stall_after and fake.stopping.wait(reply.stall_s):
                    return
                self._write(_chunk(model, {"content": piece}))
            self._write(_chunk(model, {}, reply.finish_reason) + "data: [DONE]\n\n")

        def _write(self, text: str) -> None:
            self.wfile.write(text.encode("utf-8"))
            self.wfile.flush()
            time.sleep(0.001)

        def _send_json(self, status: int, obj: Any) -> None:
            data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _completion(reply: Reply, model: str) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "finish_reason": reply.finish_reason,
                         "message": {"role": "assistant", "content": reply.text}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
