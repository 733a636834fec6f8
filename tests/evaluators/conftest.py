from __future__ import annotations

from collections.abc import Iterator

import pytest

from evaluators.sandbox.base import Sandbox


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    from evaluators.sandbox.subprocess_runner import SubprocessSandbox

    box = SubprocessSandbox()
    yield box
    box.close() if hasattr(box, "close") else None
