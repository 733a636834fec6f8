"""A new interview never carries the previous résumé's projects from the service side.

Issue 13 saw "starting a new interview still shows the previous résumé's projects". The service is
stateless about résumés: each upload is its own record, an interview plans only from the résumé id
it is given (none → no project drilling), and later edits to a résumé do not reach an interview
that already started. What the user saw comes from the UI keeping the last upload in its session
(``ui/setup.py``: ``RESUME_KEY`` is never cleared), which the second half of issue 13 fixes.
"""

from __future__ import annotations

from typing import Any

from resume_fixtures import fixture_text


def _upload(client: Any, name: str) -> dict[str, Any]:
    response = client.post("/v1/resumes", files={"file": (name, fixture_text(name).encode(),
                                                          "text/markdown")})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _start(client: Any, resume_id: str | None) -> dict[str, Any]:
    body = {"track": "cv-intern", "language": "zh", "length": "short", "seed": 7,
            "resume_id": resume_id}
    response = client.post("/v1/interviews", json=body)
    assert response.status_code == 201, response.text
    return dict(client.get(f"/v1/interviews/{response.json()['id']}").json())


def _projects(transcript: dict[str, Any]) -> list[str]:
    return [p["name"] for p in transcript["progress"].get("projects") or []]


def test_interviews_plan_only_from_the_resume_they_are_given(client: Any) -> None:
    first = _upload(client, "zh_cv_intern.md")
    second = _upload(client, "zh_typography.md")
    first_names = {c["name"] for c in first["claims"]}
    second_names = {c["name"] for c in second["claims"]}
    assert first["id"] != second["id"] and not first_names & second_names

    with_second = _start(client, second["id"])
    assert _projects(with_second) and set(_projects(with_second)) <= second_names
    assert _start(client, None)["progress"].get("projects") in (None, [])

    edited = [{**first["claims"][0], "name": "改过的项目"}]
    response = client.put(f"/v1/resumes/{second['id']}/claims", json={"claims": edited})
    assert response.status_code == 200, response.text
    again = client.get(f"/v1/interviews/{with_second['id']}").json()
    assert _projects(again) == _projects(with_second)  # planned at the start, not re-read
