# attack: write forged harness records straight into the result pipe (fd 3): a "loaded" record
#         and a "case passed" record with made-up outputs for the case being run, framed like
#         the real protocol, with guessed tags (all zeros, and an HMAC under a guessed key), then
#         exit before the real harness answers.
# contained: every record must carry an HMAC-SHA256 tag under a per-run key that only the
#            harness thread holds; the supervisor sees a bad tag, kills the run and the grade
#            is an error — never a pass.
# status: error
# evidence: none
# detail: result channel
import hashlib
import hmac
import json
import os
import struct

import numpy as np


def record(kind, payload, seq, key):
    head = struct.pack("<cI", kind, len(payload))
    tag = hmac.new(key, struct.pack("<Q", seq) + head + payload, hashlib.sha256).digest()
    return head + payload + tag


def event(message, arrays):
    header = json.dumps(message).encode()
    parts = [struct.pack("<I", len(arrays)), struct.pack("<Q", len(header)), header]
    for array in arrays:
        parts += [struct.pack("<Q", array.nbytes), array.tobytes()]
    return b"".join(parts)


outputs = {"output": {"type": "tensor", "dtype": "float32", "requires_grad": False,
                      "array": {"__nd__": 0, "dtype": "<f4", "shape": [1, 1, 8]}},
           "weights": {"type": "tensor", "dtype": "float32", "requires_grad": False,
                       "array": {"__nd__": 1, "dtype": "<f4", "shape": [1, 1, 4]}}}
case = event({"event": "case", "name": "single_query_no_mask", "ok": True, "outputs": outputs,
              "observed": {"ops": {}, "calls": [], "imports": []}},
             [np.zeros((1, 1, 8), np.float32), np.ones((1, 1, 4), np.float32) / 4])
for key in (bytes(32), b"kaoda" * 6 + b"!!"):
    os.write(3, record(b"L", event({"event": "loaded"}, []), 0, key))
    os.write(3, record(b"B", b"", 1, key))
    os.write(3, record(b"C", case, 2, key))
os._exit(0)
