# attack: block forever reading stdin (or read whatever the service might have left there, such as
#         the request of another submission).
# contained: stdin is /dev/null: reads return EOF immediately, and the run completes.
import os
import sys

data = sys.stdin.read()
raw = os.read(0, 100)
print("stdin gave", repr(data), repr(raw))
if data or raw:
    LEAK("stdin had data")
else:
    BLOCKED("stdin is empty (EOF)")
scaled_dot_product_attention = wrong_answer
