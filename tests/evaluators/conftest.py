from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from evaluators.sandbox.base import Sandbox

# A secret planted in the service's environment *before* any sandbox starts: no submission may
# ever see it (tests/evaluators/test_attacks.py greps every output for it).
CANARY_SECRET = os.environ.setdefault("KAODA_CANARY_SECRET", "canary-" + secrets.token_hex(16))


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    """The warm pool every evaluator test shares (2 workers)."""
    from sandbox_helpers import TEST_UID_BASE

    from evaluators.sandbox import create_sandbox

    box = create_sandbox("pool", workers=2, uid_base=TEST_UID_BASE)
    yield box
    box.close()
