# attack: leave files in /tmp and /dev/shm (and a named pipe) for the next submission to find —
#         e.g. to pass answers between candidates or poison a later run. Runs several times in a
#         row so every worker's next child looks for what earlier runs left.
# contained: each child gets fresh tmpfs mounts on /tmp and /dev/shm that vanish with it; no later
#            run finds an earlier run's files, and nothing appears in the host's /tmp or /dev/shm.
# runs: 5
import glob
import os

leftovers = glob.glob("/tmp/kaoda-attack-persist-*") + glob.glob("/dev/shm/kaoda-attack-persist-*")
if leftovers:
    LEAK(f"run {{RUN}} found files from an earlier run: {leftovers}")
else:
    BLOCKED(f"run {{RUN}} found no earlier files")
for place in ("/tmp", "/dev/shm"):
    with open(f"{place}/kaoda-attack-persist-{{RUN}}", "w") as out:
        out.write("answer: 42")
os.mkfifo("/tmp/kaoda-attack-persist-fifo-{{RUN}}")
scaled_dot_product_attention = wrong_answer
