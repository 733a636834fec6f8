"""A small typed HTTP client for the Kaoda service (httpx), with an explicit exception tree.

Every failure becomes a :class:`KaodaError` subclass carrying a readable message in Chinese and
English, so pages can show ``st.error(exc.message(lang))`` and never a traceback:

* :class:`ServiceDown` — nothing answers at the base URL (or it answered 502/503/504).
* :class:`ServiceTimeout` — the service took too long.
* :class:`NotFound` (404), :class:`Conflict` (409) — wrong id, or a turn that does not fit.
* :class:`Unauthorized` (401) — not logged in, or the login expired (accounts mode).
* :class:`Rejected` — another 4xx (invalid input); :class:`FileRejected` — a résumé file the
  service refused. Both carry the service's own ``detail`` / ``detail_zh``.
* :class:`ServerError` — a 5xx the service did not explain.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
from httpx_sse import SSEError, connect_sse

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
Json = dict[str, Any]


def base_url_from_env() -> str:
    return os.environ.get("KAODA_UI_API", DEFAULT_BASE_URL).rstrip("/")


class KaodaError(Exception):
    """Base of all client errors; ``message(lang)`` gives the text to show.

    ``detail`` / ``detail_zh`` keep the service's own explanation when it gave one.
    """

    def __init__(self, en: str, zh: str, status: int | None = None, detail: str = "",
                 detail_zh: str | None = None, error: str = "",
                 error_types: tuple[str, ...] = ()) -> None:
        super().__init__(en)
        self.en, self.zh, self.status = en, zh, status
        self.detail, self.detail_zh = detail, detail_zh
        self.error = error  # the service's stable error name ("InterviewPaused", …)
        self.error_types = error_types  # validation error types ("string_too_long", …)

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class ServiceDown(KaodaError):
    pass


class ServiceTimeout(KaodaError):
    pass


class NotFound(KaodaError):
    pass


class Conflict(KaodaError):
    pass


class Unauthorized(KaodaError):
    pass


class Rejected(KaodaError):
    pass


class FileRejected(Rejected):
    """The service refused an uploaded file (format, size, damage …)."""


class ServerError(KaodaError):
    pass


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"detail": response.text.strip()[:300] or response.reason_phrase}
    return body if isinstance(body, dict) else {"detail": str(body)[:300]}


def _detail(response: httpx.Response) -> tuple[str, str | None]:
    body = _body(response)
    detail = body.get("detail", "")
    if isinstance(detail, list):  # FastAPI validation errors
        detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d)
                           for d in detail)
    return str(detail), body.get("detail_zh")


def _names(response: httpx.Response) -> tuple[str, tuple[str, ...]]:
    body = _body(response)
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    return str(body.get("error") or ""), tuple(str(e.get("type", "")) for e in errors
                                               if isinstance(e, dict))


def error_for(response: httpx.Response) -> KaodaError:
    """Map a non-2xx response to the exception tree."""
    status = response.status_code
    en, zh = _detail(response)
    kind: type[KaodaError]
    if status == 401:
        kind, prefix_en, prefix_zh = Unauthorized, "Please log in", "请先登录"
    elif status == 404:
        kind, prefix_en, prefix_zh = NotFound, "Not found", "未找到"
    elif status == 409:
        kind, prefix_en, prefix_zh = Conflict, "Not possible right now", "当前无法进行"
    elif status in (502, 503, 504):
        kind, prefix_en, prefix_zh = ServiceDown, "The service is unavailable", "服务暂不可用"
    elif 400 <= status < 500:
        kind, prefix_en, prefix_zh = Rejected, "Rejected", "请求被拒绝"
    else:
        kind, prefix_en, prefix_zh = ServerError, f"The service failed ({status})", \
            f"服务出错（{status}）"
    error, types = _names(response)
    return kind(f"{prefix_en}: {en}", f"{prefix_zh}：{zh or en}", status, en, zh, error, types)


def _transport_error(exc: Exception, base_url: str) -> KaodaError:
    if isinstance(exc, httpx.TimeoutException):
        return ServiceTimeout("The service took too long to answer; please try again.",
                              "服务响应超时，请稍后重试。")
    return ServiceDown(f"Cannot reach the Kaoda service at {base_url}. Is it running "
                       "(bash scripts/up.sh)?",
                       f"无法连接拷打服务（{base_url}）。服务是否已启动（bash scripts/up.sh）？")


class TurnStream:
    """Iterate over the interviewer's reply as text deltas; ``done`` holds the final payload.

    Server-sent events are parsed by ``httpx-sse``; an ``error`` event (the turn could not be
    saved) raises like an HTTP error."""

    def __init__(self, client: KaodaClient, path: str, body: Json) -> None:
        self._client, self._path, self._body = client, path, body
        self.done: Json | None = None
        self.brain: str | None = None

    def __iter__(self) -> Iterator[str]:
        try:
            with connect_sse(self._client.http, "POST", self._path, json=self._body,
                             headers=self._client.auth_headers) as source:
                if source.response.status_code >= 400:
                    source.response.read()
                    raise error_for(source.response)
                for event in source.iter_sse():
                    data = event.json()
                    if event.event == "delta":
                        self.brain = data.get("brain", self.brain)
                        yield str(data.get("text", ""))
                    elif event.event == "done":
                        self.done = data
                        self.brain = data.get("brain", self.brain)
                    elif event.event == "error":
                        raise ServerError(f"The reply could not be saved: {data.get('detail')}",
                                          f"回答未能保存：{data.get('detail')}", 503)
        except (httpx.HTTPError, SSEError) as exc:
            raise _transport_error(exc, self._client.base_url) from exc


class KaodaClient:
    """One method per endpoint the UI uses; all return parsed JSON.

    ``with_token(token)`` gives a client for one logged-in user (accounts mode) that shares this
    one's connection pool, so one Streamlit server keeps one pool for all its users."""

    def __init__(self, base_url: str | None = None, timeout_s: float = 120.0,
                 token: str | None = None, http: httpx.Client | None = None) -> None:
        self.base_url = (base_url or base_url_from_env()).rstrip("/")
        self.http = http or httpx.Client(base_url=self.base_url,
                                         timeout=httpx.Timeout(timeout_s, connect=5.0))
        self.token = token

    def with_token(self, token: str | None) -> KaodaClient:
        return KaodaClient(self.base_url, token=token, http=self.http)

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def close(self) -> None:
        self.http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, path, headers=self.auth_headers, **kwargs)
        except httpx.HTTPError as exc:
            raise _transport_error(exc, self.base_url) from exc
        if response.status_code >= 400:
            raise error_for(response)
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._request(method, path, **kwargs).json()

    # ---- accounts and one's own data ----------------------------------------------------------
    def auth_mode(self) -> str:
        return str(self._json("GET", "/v1/auth/mode")["mode"])

    def register(self, username: str, password: str) -> Json:
        return dict(self._json("POST", "/v1/auth/register",
                               json={"username": username, "password": password}))

    def login(self, username: str, password: str) -> str:
        """The bearer token for this user (use it with :meth:`with_token`)."""
        body = self._json("POST", "/v1/auth/login",
                          json={"username": username, "password": password})
        return str(body["access_token"])

    def logout(self) -> bool:
        self._request("POST", "/v1/auth/logout")
        return True

    def me(self) -> Json:
        return dict(self._json("GET", "/v1/me"))

    def export(self) -> bytes:
        return self._request("GET", "/v1/me/export").content

    def delete_me(self) -> bool:
        """Delete the account and everything in it (local mode: all data)."""
        self._request("DELETE", "/v1/me")
        return True

    # ---- health and knowledge -----------------------------------------------------------------
    def ready(self) -> Json:
        return dict(self._json("GET", "/readyz"))

    def search(self, query: str, k: int = 8) -> list[Json]:
        return list(self._json("GET", "/v1/knowledge/search", params={"q": query, "k": k}))

    def entry(self, entry_id: str) -> Json:
        return dict(self._json("GET", f"/v1/knowledge/{entry_id}"))

    def grade_answer(self, entry_id: str, answer: str, language: str) -> Json:
        return dict(self._json("POST", f"/v1/questions/{entry_id}/grade",
                               json={"answer": answer, "language": language}))

    # ---- problems -----------------------------------------------------------------------------
    def problem(self, problem_id: str) -> Json:
        return dict(self._json("GET", f"/v1/problems/{problem_id}"))

    def run_tests(self, problem_id: str, code: str) -> Json:
        """Run the tests, not recorded (messages also in Chinese: ``message_zh``)."""
        return dict(self._json("POST", f"/v1/practice/problems/{problem_id}/runs",
                               json={"code": code}))

    def limits(self) -> Json:
        return dict(self._json("GET", "/v1/limits"))

    # ---- practice -----------------------------------------------------------------------------
    def topics(self) -> list[Json]:
        return list(self._json("GET", "/v1/practice/topics"))

    def questions(self, **filters: Any) -> list[Json]:
        return list(self._json("GET", "/v1/practice/questions", params=_params(filters)))

    def random_question(self, **filters: Any) -> Json:
        return dict(self._json("GET", "/v1/practice/random", params=_params(filters)))

    def next_question(self, **filters: Any) -> Json:
        return dict(self._json("GET", "/v1/practice/next", params=_params(filters)))

    def review_queue(self) -> list[Json]:
        return list(self._json("GET", "/v1/practice/review"))

    def practice_history(self) -> list[Json]:
        return list(self._json("GET", "/v1/practice/history"))

    def submit_practice_code(self, problem_id: str, code: str, language: str) -> Json:
        return dict(self._json("POST", f"/v1/practice/problems/{problem_id}/attempts",
                               params={"language": language}, json={"code": code}))

    def draft(self, scope: str | None, problem_id: str) -> str | None:
        """The saved editor text (``scope``: an interview id, or None for Practice)."""
        body = self._json("GET", _draft_path(scope, problem_id))
        return body.get("code") if isinstance(body, dict) else None

    def save_draft(self, scope: str | None, problem_id: str, code: str) -> bool:
        self._request("PUT", _draft_path(scope, problem_id), json={"code": code})
        return True

    # ---- résumés ------------------------------------------------------------------------------
    def upload_resume(self, filename: str, content: bytes, mime: str | None = None) -> Json:
        files = {"file": (filename, content, mime or "application/octet-stream")}
        try:
            return dict(self._json("POST", "/v1/resumes", files=files))
        except Rejected as exc:
            raise FileRejected(f"The résumé was rejected: {exc.detail}",
                               f"简历文件被拒绝：{exc.detail_zh or exc.detail}", exc.status,
                               exc.detail, exc.detail_zh) from exc

    def resumes(self) -> list[Json]:
        return list(self._json("GET", "/v1/resumes"))

    def delete_resume(self, resume_id: str) -> bool:
        self._request("DELETE", f"/v1/resumes/{resume_id}")
        return True

    def update_claims(self, resume_id: str, claims: list[Json]) -> Json:
        return dict(self._json("PUT", f"/v1/resumes/{resume_id}/claims",
                               json={"claims": claims}))

    # ---- interviews ---------------------------------------------------------------------------
    def start_interview(self, track: str, language: str, length: str,
                        resume_id: str | None = None) -> Json:
        body = {"track": track, "language": language, "length": length, "resume_id": resume_id}
        return dict(self._json("POST", "/v1/interviews", json=body))

    def send_message(self, interview_id: str, content: str) -> Json:
        return dict(self._json("POST", f"/v1/interviews/{interview_id}/messages",
                               json={"content": content}))

    def stream_message(self, interview_id: str, content: str) -> TurnStream:
        return TurnStream(self, f"/v1/interviews/{interview_id}/messages/stream",
                          {"content": content})

    def submit_code(self, interview_id: str, problem_id: str, code: str) -> Json:
        return dict(self._json("POST", f"/v1/interviews/{interview_id}/code",
                               json={"problem_id": problem_id, "code": code}))

    def interviews(self) -> list[Json]:
        return list(self._json("GET", "/v1/interviews"))

    def interview(self, interview_id: str) -> Json:
        return dict(self._json("GET", f"/v1/interviews/{interview_id}"))

    def delete_interview(self, interview_id: str) -> bool:
        self._request("DELETE", f"/v1/interviews/{interview_id}")
        return True

    def report(self, interview_id: str) -> Json:
        return dict(self._json("GET", f"/v1/interviews/{interview_id}/report"))

    def report_markdown(self, interview_id: str) -> str:
        return self._request("GET", f"/v1/interviews/{interview_id}/report.md").text

    def report_pdf(self, interview_id: str) -> bytes:
        return self._request("GET", f"/v1/interviews/{interview_id}/report.pdf").content

    def pause(self, interview_id: str) -> Json:
        return dict(self._json("POST", f"/v1/interviews/{interview_id}/pause"))

    def resume(self, interview_id: str) -> Json:
        return dict(self._json("POST", f"/v1/interviews/{interview_id}/resume"))

    def end_interview(self, interview_id: str) -> Json:
        return dict(self._json("POST", f"/v1/interviews/{interview_id}/end"))


def _params(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in filters.items() if v not in (None, "")}


def _draft_path(scope: str | None, problem_id: str) -> str:
    if scope:
        return f"/v1/interviews/{scope}/drafts/{problem_id}"
    return f"/v1/practice/drafts/{problem_id}"
