# attack: sleep instead of computing (uses no CPU, so a CPU-time limit alone would not stop it).
# contained: the wall-clock limit still kills it; outcome "timeout".
# status: timeout
# evidence: none
# timeout: 1.5
import time

time.sleep(3600)
