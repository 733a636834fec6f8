# attack: call os._exit(0) inside the solution function, killing the harness mid-run with a
#         clean exit status before it can report the failure.
# contained: the result stream lacks its "done" event, so the run is "crashed" (exit code 0 is not
#            success); the cases that did not report are failed.
# status: error
# evidence: none
import os


def scaled_dot_product_attention(q, k, v, mask=None):
    os._exit(0)
