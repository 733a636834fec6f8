"""Life of one submission's process, from the zygote's ``fork`` to ``_exit``.

The zygote forks children *ahead of time* (one spare per zygote), so everything slow — the fork
itself, namespaces, mounts, the uid drop and the seccomp filter — happens while the pool is idle
or busy with the previous submission. A child:

1. enters the sandbox (:func:`evaluators.sandbox.isolation.enter_sandbox`) and writes the layers
   it achieved to its *ready* pipe, which it then closes;
2. prepares the harness (:func:`evaluators.harness.prepare`: private namespaces, the disarmed
   audit hook, a warm-up that touches the objects the harness will use), then blocks on its
   *request* pipe until the zygote hands it a submission (or closes the pipe, in which case it
   exits quietly) and reads the limits header: CPU seconds and address space are set now,
   before any candidate code exists;
3. starts the **harness thread** (:func:`evaluators.harness.serve`, which reads the rest of the
   request itself) and parks the main thread on a lock that is never released. Python runs
   signal handlers, and ``_thread.interrupt_main`` delivers ``KeyboardInterrupt``, only on the
   main thread — which never runs bytecode again — so no timer or interrupt can land in the
   harness, and candidate code (which runs on the harness thread) cannot even install a
   handler (``signal.signal`` raises ``ValueError`` off the main thread). A signal whose default
   action is to terminate still does: that is a crash, graded as one;
4. the harness thread flushes stdout/stderr and calls ``os._exit`` whatever happens: no atexit
   handler or finalizer of the candidate's runs. Being PID 1 of its namespace, the child's exit
   kills anything the candidate left.

Nothing here is trusted after step 3 starts: the zygote only forwards what the child writes and
the trusted side decodes and compares.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from typing import Any, NoReturn

from evaluators import harness
from evaluators.sandbox import channel, isolation

EXIT_SETUP_FAILED = 71
EXIT_HARNESS_FAILED = 70
EXIT_ESCAPED = 72


def _read_limits() -> bool:
    """The limits header; False if the zygote went away or discarded this spare."""
    header = bytearray(channel.REQUEST.size)
    try:
        channel.read_into(isolation.REQUEST_FD, memoryview(header))
    except channel.ChannelError:
        return False
    _, timeout_s, memory_mb = channel.unpack_request(header)
    isolation.request_limits(timeout_s, memory_mb)
    return True


def _setup(config: isolation.ChildConfig, pipes: dict[str, int]) -> None:
    layers, errors = isolation.enter_sandbox(config, pipes)
    report = json.dumps({"layers": layers, "errors": errors}).encode()
    channel.write_all(isolation.READY_FD, report)
    os.close(isolation.READY_FD)


def harness_thread(originals: Any, ready: Any, streams: tuple[Any, Any], request_fd: int,
                   result_fd: int) -> None:
    """The harness thread's whole life; never returns (``_exit`` in every case)."""
    code = EXIT_HARNESS_FAILED
    try:
        code = harness.serve(originals, ready, request_fd, result_fd)
    except BaseException:  # report it, then exit like every other path
        with contextlib.suppress(BaseException):
            traceback.print_exc(file=streams[1])
    finally:
        for stream in streams:
            with contextlib.suppress(BaseException):
                stream.flush()
        if code == 0:
            originals.closerange(1, 64)  # the zygote can answer before the teardown
        originals.exit(code)


def child_main(config: isolation.ChildConfig, pipes: dict[str, int], originals: Any) -> NoReturn:
    """Entry point right after ``fork`` in the zygote; never returns."""
    try:
        _setup(config, pipes)
    except BaseException:
        traceback.print_exc()
        os._exit(EXIT_SETUP_FAILED)
    try:
        ready = harness.prepare(originals)  # while no request is here yet
        if not _read_limits():
            os._exit(0)
        park_and_serve(originals, ready, isolation.REQUEST_FD, isolation.RESULT_FD)
    finally:
        os._exit(EXIT_ESCAPED)


def park_and_serve(originals: Any, ready: Any, request_fd: int, result_fd: int) -> NoReturn:
    """Start the harness thread (see step 3 of the module doc) and park this one for good."""
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    sys.stderr.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    parked = originals.allocate_lock()
    parked.acquire()
    originals.start_thread(harness_thread, (originals, ready, (sys.stdout, sys.stderr),
                                            request_fd, result_fd))
    while True:
        parked.acquire()
