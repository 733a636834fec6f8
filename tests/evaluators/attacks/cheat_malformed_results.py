# attack: crash the trusted side by writing hostile bytes into the result pipe (fd 3): events of
#         the wrong shape (ok without outputs, an error that is a string, a load_error that is a
#         list), JSON nested 200 000 levels deep, an array reference out of range, garbage.
# contained: the service decodes with size limits and sanitises every event; decoding stops at
#            the first malformed message. The submission is graded normally (not passed) and the
#            grader does not raise.
# status: not-passed
# evidence: none
import json
import os
import struct


def frame(text):
    data = text.encode() if isinstance(text, str) else text
    return struct.pack("<I", 0) + struct.pack("<Q", len(data)) + data


for message in ({"event": "case", "name": "single_query_no_mask", "ok": False},
                {"event": "case", "name": "batch1_odd_lengths", "ok": False, "error": "boom"},
                {"event": "case", "name": "multihead_4d", "ok": True, "outputs": [1, 2]},
                {"event": "case", "name": ["not", "a", "name"], "ok": True},
                {"event": "load_error", "error": ["x"]},
                {"event": "case", "name": "causal_mask", "ok": False,
                 "error": {"type": 1, "message": None, "line": "12"}}):
    os.write(3, frame(json.dumps(message)))
os.write(3, frame('{"event": "case", "name": "random_mask", "ok": true, "outputs": '
                  '{"output": {"__nd__": 7}}}'))
os.write(3, frame("[" * 200_000 + "]" * 200_000))
os.write(3, b"\xff" * 1000)
os._exit(0)
