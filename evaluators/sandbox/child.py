"""Life of one submission's process, from the zygote's ``fork`` to ``_exit``.

The zygote forks children *ahead of time* (one spare per zygote), so everything slow — the fork
itself, namespaces, mounts, the uid drop and the seccomp filter — happens while the pool is idle
or busy with the previous submission. A child:

1. enters the sandbox (:func:`evaluators.sandbox.isolation.enter_sandbox`) and writes the layers
   it achieved to its *ready* pipe, which it then closes;
2. blocks on its *request* pipe until the zygote hands it a submission (or closes the pipe, in
   which case it exits quietly), reads it, closes the pipe;
3. sets the per-request CPU and address-space limits, decodes the request (JSON + ``.npy``, never
   pickle) and runs :func:`evaluators.harness.run_submission`, whose events go to fd 3;
4. flushes stdout/stderr and calls ``os._exit`` — no atexit handler or finalizer of the
   candidate's runs. Being PID 1 of its namespace, its exit kills anything the candidate left.

Nothing here is trusted after step 3 starts: the zygote only forwards what the child writes and
judges nothing; the trusted side decodes and compares.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from typing import Any, NoReturn

from evaluators import harness, wire
from evaluators.sandbox import channel, isolation, linux

EXIT_SETUP_FAILED = 71
EXIT_HARNESS_FAILED = 70
_exit = os._exit  # bound now: the candidate may replace os._exit


def _read_request() -> tuple[dict[str, Any], float, int] | None:
    header = bytearray(channel.REQUEST.size)
    try:
        channel.read_into(isolation.REQUEST_FD, memoryview(header))
    except channel.ChannelError:
        return None  # the zygote went away or discarded this spare
    length, timeout_s, memory_mb = channel.unpack_request(header)
    body = bytearray(length)
    channel.read_into(isolation.REQUEST_FD, memoryview(body))
    os.close(isolation.REQUEST_FD)
    isolation.request_limits(timeout_s, memory_mb)
    return wire.decode(bytes(body)), timeout_s, memory_mb


def _emit(message: dict[str, Any]) -> None:
    channel.write_all(isolation.RESULT_FD, wire.encode(message))


def _flush_and_exit(code: int) -> NoReturn:
    """Flush, close the output pipes (the zygote can answer at once), then ``_exit``."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()
    if code == 0:
        linux.close_from(1)
    _exit(code)


def _setup(config: isolation.ChildConfig, pipes: dict[str, int]) -> None:
    layers, errors = isolation.enter_sandbox(config, pipes)
    report = json.dumps({"layers": layers, "errors": errors}).encode()
    channel.write_all(isolation.READY_FD, report)
    os.close(isolation.READY_FD)


def child_main(config: isolation.ChildConfig, pipes: dict[str, int]) -> NoReturn:
    """Entry point right after ``fork`` in the zygote; never returns."""
    try:
        _setup(config, pipes)
    except BaseException:
        traceback.print_exc()
        os._exit(EXIT_SETUP_FAILED)
    try:
        received = _read_request()
    except BaseException:
        traceback.print_exc()
        os._exit(EXIT_HARNESS_FAILED)
    if received is None:
        os._exit(0)
    request = received[0]
    try:
        sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
        sys.stderr.reconfigure(line_buffering=True)  # type: ignore[union-attr]
        harness.run_submission(request, _emit)
    except BaseException:
        traceback.print_exc()
        _flush_and_exit(EXIT_HARNESS_FAILED)
    _flush_and_exit(0)
