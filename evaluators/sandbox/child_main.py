"""Entry point of a one-shot sandboxed child: ``python -m evaluators.sandbox.child_main FD``.

Reads one wire request from stdin, runs it with :mod:`evaluators.harness` and writes the
harness events to file descriptor ``FD``. Used by the cold subprocess runner; the warm pool's
children call the harness directly after forking.
"""

from __future__ import annotations

import os
import sys

from evaluators import harness, wire


def main() -> None:
    result_fd = int(sys.argv[1])
    request = wire.read_message(sys.stdin.buffer)
    out = os.fdopen(result_fd, "wb", buffering=0)

    def emit(message: dict) -> None:
        out.write(wire.encode(message))

    harness.run_submission(request, emit)
    out.close()
    os._exit(0)


if __name__ == "__main__":
    main()
