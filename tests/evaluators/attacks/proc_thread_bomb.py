# attack: thread bomb — start threads until the host falls over.
# contained: RLIMIT_NPROC caps the slot uid's tasks (threads count), so thread creation fails
#            after a few dozen; the run completes and reports how many it got.
# fork-too: yes
import threading
import time

threads = []
try:
    for _ in range(10_000):
        t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
        t.start()
        threads.append(t)
except RuntimeError as exc:
    print("stopped:", exc)
print("threads started:", len(threads))
if len(threads) >= 64:
    LEAK(f"{len(threads)} threads")
else:
    BLOCKED(f"only {len(threads)} threads")
scaled_dot_product_attention = wrong_answer
