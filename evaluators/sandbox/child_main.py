"""Entry point of a one-shot child: ``python -m evaluators.sandbox.child_main REQUEST RESULT``.

Used by the cold subprocess runner. It imports and warms up what a zygote would, seals itself
(:func:`evaluators.sandbox.seal.seal`), reads the limits header from the request descriptor and
then runs exactly the warm pool's child code: the harness on its own thread, this main thread
parked (:func:`evaluators.sandbox.child.park_and_serve`).
"""

from __future__ import annotations

import os
import sys

from evaluators import harness
from evaluators.sandbox import channel
from evaluators.sandbox.child import EXIT_ESCAPED, park_and_serve
from evaluators.sandbox.seal import seal
from evaluators.sandbox.warmup import preload


def main() -> None:
    request_fd, result_fd = int(sys.argv[1]), int(sys.argv[2])
    try:
        preload()
        originals = seal()
        originals.guard = True
        ready = harness.prepare(originals)
        header = bytearray(channel.REQUEST.size)
        channel.read_into(request_fd, memoryview(header))
        channel.unpack_request(header)  # limits were set by the parent (rlimits)
        park_and_serve(originals, ready, request_fd, result_fd)
    finally:
        os._exit(EXIT_ESCAPED)


if __name__ == "__main__":
    main()
