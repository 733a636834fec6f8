"""The code that runs a submission inside a sandboxed child process.

:func:`serve` runs on a dedicated *harness thread* (never the main thread: signal handlers and
``_thread.interrupt_main`` only reach the main thread, which is parked on a lock it never gets,
so a timer raising ``KeyboardInterrupt`` every 50 µs cannot interrupt the harness). It speaks
:mod:`evaluators.sandbox.protocol` with its supervisor: it reads the key and the load part,
compiles the candidate's source as ``solution.py`` and executes it in a fresh module, then for
each case reads that case's part (only now sent), asks the problem's driver
(``evaluators.drivers.<id>``) to run it, exports what came back and answers with an
authenticated record.

Every call into candidate code (executing the module, each driver operation, describing an
exception it raised, releasing the previous case's objects) is a **candidate phase**: the audit
hook is armed (:mod:`evaluators.sandbox.guard`), the observers run
(:mod:`evaluators.sandbox.observe`) and the garbage collector is on. Everything else is a
**trusted phase**: hook disarmed, collector off (no finalizer of the candidate's can run), and
the code that runs is a *private copy* of this module, :mod:`evaluators.export` and
:mod:`evaluators.sandbox.protocol` whose globals and builtins were copied before any candidate
code existed (:func:`_privatize`) — rebinding ``evaluators.harness._case``, ``builtins.len`` or
``export_value`` changes nothing the harness runs. The integrity check
(:mod:`evaluators.sandbox.integrity`) reports such rebinding as tampering — the driver's modules
and builtins after loading and at the end, torch and numpy too before a driver prepares inputs,
threads and torch modes after every phase: the grade is an error, never a pass.

Event payloads: ``{"event": "loaded" | "load_error", "error"?: E, "observed"}``, per case
``{"event": "case", "name", "ok": True, "outputs", "observed"}`` or ``{..., "ok": False,
"error": E, "tampered"?: str}``, and ``{"event": "done", "tampered": str | None}``. ``E`` is
``{"type", "message", "line"}`` (``line``: the candidate's line, or None). Nothing here judges:
the trusted side compares.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any

from evaluators import export
from evaluators.driver_api import SubmissionError
from evaluators.sandbox import guard, integrity, observe, protocol
from evaluators.sandbox.private import BUILTINS, module_names, rebind

SOLUTION_FILENAME = "solution.py"
MAX_MESSAGE = 2000
NO_OBSERVATION: dict[str, Any] = {"ops": {}, "calls": [], "imports": []}


def _error(kind: str, message: str, line: int | None = None) -> dict[str, Any]:
    return {"type": kind, "message": message[:MAX_MESSAGE], "line": line}


def _message(exc: BaseException, type_name: Any, args_of: Any) -> dict[str, Any]:
    """Type and message of an exception (runs armed: ``str(exc)`` is the candidate's code)."""
    kind = type_name(type(exc))
    if type(exc) is SubmissionError:
        message = args_of(exc)[0] if args_of(exc) else ""
    else:
        try:
            message = str(exc)
        except BaseException:
            message = "(the exception's message could not be read)"
    return _error(kind if type(kind) is str else "Exception",
                  message if type(message) is str else "(not text)")


def _candidate_line(exc: BaseException, traceback_of: Any) -> int | None:
    """The deepest line of ``solution.py`` in the traceback (trusted phase: C objects only)."""
    line = None
    tb = traceback_of(exc)
    hops = 0
    while tb is not None and hops < 1000:
        if tb.tb_frame.f_code.co_filename == SOLUTION_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
        hops += 1
    return line


def _phase(fn: Any, args: tuple[Any, ...], o: Any, start: Any, stop: Any, arm: Any,
           disarm: Any, describe: Any, hold: list[Any]) -> tuple[Any, Any, Any, dict[str, Any]]:
    """One candidate phase: ``(result, error, exception, observed)``.

    ``hold`` kept the previous phase's objects alive until now: they are released here, armed
    and observed, so no finalizer of the candidate's ever runs in a trusted phase.
    """
    result = error = exc_seen = None
    start()
    o.gc_enable()
    arm()
    try:
        hold.clear()
        result = fn(*args)
    except BaseException as exc:
        exc_seen = exc
        try:
            error = describe(exc)
        except BaseException:
            error = _error("Exception", "(the exception could not be described)")
    o.setrecursionlimit(o.recursionlimit)
    disarm()
    o.gc_disable()
    return result, error, exc_seen, stop()


def _emitter(mac: Any, write: Any, fd: int) -> Any:
    head, seq_format = protocol.RECORD_HEAD, protocol.SEQ
    seq = [0]

    def write_all(data: Any) -> None:
        view = memoryview(data)
        while len(view):
            view = view[write(fd, view):]

    def emit(kind: bytes, payload: bytes) -> None:
        header = head.pack(kind, len(payload))
        ctx = mac.copy()
        ctx.update(seq_format.pack(seq[0]) + header)
        ctx.update(payload)
        write_all(header + payload + ctx.digest() if len(payload) < 65536 else header)
        if len(payload) >= 65536:
            write_all(payload)
            write_all(ctx.digest())
        seq[0] += 1

    return emit


def _observed(run: Any, observed: dict[str, Any]) -> dict[str, Any]:
    imports = list(run.imported)
    run.imported.clear()
    return {"ops": observed["ops"], "calls": observed["calls"], "imports": imports}


def _report(run: Any, o: Any, base: dict[str, Any], result: Any, error: Any, exc: Any,
            observed: dict[str, Any], check: Any) -> dict[str, Any]:
    """The event for a finished candidate phase: checks first, then exports."""
    tampered = run.tampered or observed["tampered"] or check()
    message = {**base, "observed": _observed(run, observed)}
    if tampered:
        run.tampered = tampered
        return {**message, "ok": False, "tampered": tampered,
                "error": _error("TamperingDetected", "the submission tampered with the "
                                f"grading harness: {tampered}")}
    if error is not None:
        error["line"] = _candidate_line(exc, run.traceback_of)
        return {**message, "ok": False, "error": error}
    try:
        return {**message, "ok": True, "outputs": export.export_outputs(result, o.export)}
    except BaseException as problem:
        return {**message, "ok": False, "error": _error(
            o.export["type_name"](type(problem)), "the result could not be exported")}


def _load(run: Any, o: Any) -> bool:
    try:
        code = compile(run.load["code"], SOLUTION_FILENAME, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        line = exc.lineno if type(exc) is SyntaxError else None
        event = {"event": "load_error", "observed": NO_OBSERVATION,
                 "error": _error(type(exc).__name__, str(exc), line)}
        run.emit(protocol.LOAD_ERROR, export.encode(event, o.export))
        return False
    _, error, raised, observed = run.phase(exec, (code, run.ns))
    event = _report(run, o, {"event": "loaded"}, {}, error, raised, observed, run.light)
    run.hold.append(raised)
    if not event["ok"]:
        event["event"] = "load_error"
        run.emit(protocol.LOAD_ERROR, export.encode(event, o.export))
        return False
    event.pop("outputs", None)
    run.emit(protocol.LOADED, export.encode(event, o.export))
    return True


def _skip(run: Any, o: Any, base: dict[str, Any], op_name: str) -> None:
    if run.tampered:
        event = {**base, "ok": False, "tampered": run.tampered, "error": _error(
            "Skipped", f"skipped: tampering detected earlier ({run.tampered})")}
    else:
        event = {**base, "ok": False,
                 "error": _error("Internal", f"internal: the driver has no operation {op_name}")}
    run.emit(protocol.CASE, export.encode(event, o.export))


def _case(run: Any, o: Any, case: dict[str, Any]) -> None:
    part = export.decode(protocol.read_part(run.read), o.export)
    base = {"event": "case", "name": str(case["name"])}
    op_name = case.get("op") or "run"
    op, prepare = run.ops[op_name]
    phase = run.phase
    if case.get("memory"):
        o.exact_memory()  # resident memory follows what is live (see evaluators.sandbox.seal)
        phase = run.memory_phase
    if prepare is not None and run.tampered is None:
        run.tampered = run.full()  # driver code is about to run outside a phase
    if run.tampered is not None or op is None:
        _skip(run, o, base, op_name)
        return
    args: tuple[Any, ...] = (run.ns, part["payload"])
    if prepare is not None:
        args = (*args, prepare(part["payload"]))  # driver code, no candidate code
        run.emit(protocol.BEGIN, protocol.WAIT)
        protocol.read_exact(run.read, 1)  # the supervisor restarts its clocks, then says go
    result, error, exc, observed = phase(op, args)
    event = _report(run, o, base, result, error, exc, observed, run.cheap)
    try:
        payload = export.encode(event, o.export)
    except export.TooLarge as too_large:
        payload = export.encode({**base, "observed": event["observed"], "ok": False, "error": _error(
            "ResultTooLarge", f"the returned value is too large to send back: {too_large}; "
            "return only what the problem asks for")}, o.export)
    run.emit(protocol.CASE, payload)
    run.hold.extend((result, exc, args, part))  # released in the next phase, armed


def _run_all(run: Any, o: Any) -> int:
    if _load(run, o):
        for case in run.load["cases"]:
            _case(run, o, case)
        protocol.read_part(run.read)  # the closing part: the supervisor has measured every case
    final = run.tampered or run.light()
    run.emit(protocol.DONE, export.encode({"event": "done", "tampered": final}, o.export))
    return 0


# ---- setting up (trusted: no candidate code exists yet) --------------------------------------

def _privatize(modules: tuple[types.ModuleType, ...]) -> dict[str, dict[str, Any]]:
    """Private copies of ``modules``' functions, with globals no candidate code can reach.

    Each module gets a private globals dictionary (the builtins snapshot, its own names, and a
    namespace of the other modules' private functions in place of the module objects).
    """
    spaces = {m.__name__: {"__builtins__": BUILTINS, "__name__": m.__name__} for m in modules}
    proxies = {name: types.SimpleNamespace() for name in spaces}
    for module in modules:
        space, proxy = spaces[module.__name__], proxies[module.__name__]
        for key, value in vars(module).items():
            if key.startswith("__"):
                continue
            if isinstance(value, types.FunctionType) and value.__module__ == module.__name__:
                copy = types.FunctionType(value.__code__, space, value.__name__,
                                          value.__defaults__, value.__closure__)
                copy.__kwdefaults__ = value.__kwdefaults__
                value = copy
            elif isinstance(value, types.ModuleType) and value.__name__ in proxies:
                value = proxies[value.__name__]
            space[key] = value
            setattr(proxy, key, value)
    return spaces


def _nothing() -> None:
    return None


def _ops(driver: Any, cases: list[dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
    ops = {}
    for case in cases:
        name = case.get("op") or "run"
        ops[name] = (getattr(driver, name, None), getattr(driver, f"prepare_{name}", None))
    return ops


def _new_module() -> dict[str, Any]:
    module = types.ModuleType("solution")
    module.__file__ = SOLUTION_FILENAME
    sys.modules["solution"] = module
    return module.__dict__


def private_namespace() -> dict[str, Any]:
    """This module's private copy (see :func:`_privatize`); built once, in the zygote."""
    return _privatize((export, protocol, sys.modules[__name__]))[__name__]


def prepare(o: Any) -> types.SimpleNamespace:
    """Everything that does not depend on a request, done by the spare child while it waits.

    Besides the (disarmed) audit hook, it runs the observers and the exporter once: the first
    touch of the objects they use copies the memory pages those live on (shared with the
    zygote until written), better paid before the request arrives than on the candidate's clock.
    """
    o.gc_disable()
    private = o.private
    imported: list[str] = []
    hook, arm, disarm = rebind(guard.build, **module_names(guard))(
        o.getframe, o.frame_readers, imported, o.function_type, o.type_module)
    if not o.guard:  # a test pool showing what the kernel layers alone contain
        arm = disarm = _nothing
    ready = types.SimpleNamespace(private=private, hook=hook, arm=arm, disarm=disarm,
                                  imported=imported, full=integrity.make_verifier(o.full),
                                  cheap=integrity.make_verifier(([], {})))
    start, stop = observe.make(o, {}, ())
    start()
    stop()
    export.encode(export.export_outputs({"warm": o.export["np_array"]([1.0])}, o.export),
                  o.export)
    o.addaudithook(hook)
    return ready


def _setup(o: Any, ready: Any, request_fd: int, result_fd: int) -> types.SimpleNamespace:
    """Key, load part, driver, observers and checks for this request."""
    import _hashlib

    read = functools.partial(o.read, request_fd)
    key = bytearray(protocol.read_exact(read, protocol.KEY_BYTES))
    mac = _hashlib.hmac_new(bytes(key), digestmod="sha256")
    key[:] = bytes(len(key))
    load = export.decode(protocol.read_part(read), o.export)
    driver = sys.modules[load["driver"]]
    watched = observe.resolve(load.get("forbidden") or [])
    start, stop = observe.make(o, *watched)
    python_start, python_stop = observe.make(o, *watched, operators=False)
    hold: list[Any] = []
    private = ready.private
    describe = functools.partial(private["_message"], type_name=o.export["type_name"],
                                 args_of=vars(BaseException)["args"].__get__)
    return types.SimpleNamespace(
        read=read, emit=private["_emitter"](mac, o.write, result_fd), load=load,
        ops=_ops(driver, load["cases"]), imported=ready.imported, hold=hold, tampered=None,
        light=integrity.make_verifier(o.light[load["driver"]]), full=ready.full,
        cheap=ready.cheap,
        phase=functools.partial(private["_phase"], o=o, start=start, stop=stop, arm=ready.arm,
                                disarm=ready.disarm, describe=describe, hold=hold),
        # memory-budgeted cases: no operator profiler (see evaluators.sandbox.observe)
        memory_phase=functools.partial(private["_phase"], o=o, start=python_start,
                                       stop=python_stop, arm=ready.arm, disarm=ready.disarm,
                                       describe=describe, hold=hold),
        traceback_of=vars(BaseException)["__traceback__"].__get__,
        ns=_new_module())


def serve(o: Any, ready: Any, request_fd: int, result_fd: int) -> int:
    """Run one request end to end; returns the exit code.

    ``o``: the sealed originals; ``ready``: what :func:`prepare` built in this process.
    """
    run = _setup(o, ready, request_fd, result_fd)
    return int(ready.private["_run_all"](run, o))
