# attack: fill the scratch filesystems (and the host's RAM behind them) by writing until
#         something breaks, in /tmp and /dev/shm, and write one file past the per-file limit.
# contained: each tmpfs is capped at 64 MiB (ENOSPC) and files at 16 MiB (EFBIG); writing stops
#            with an error and the run still completes normally.
CHUNK = b"\0" * (1 << 20)
total = 0
for place in ("/tmp", "/dev/shm"):
    try:
        for i in range(1000):
            with open(f"{place}/kaoda-attack-fill-{i}", "wb") as out:
                for _ in range(8):
                    out.write(CHUNK)
                    total += len(CHUNK)
    except OSError as exc:
        print(f"{place} full: {exc.strerror}")


def big_file():
    with open("/dev/shm/kaoda-attack-big", "wb") as out:
        for _ in range(64):
            out.write(CHUNK)


print("bytes written:", total >> 20, "MiB")
if total > (64 + 64 + 2) << 20:
    LEAK(f"wrote {total >> 20} MiB")
else:
    BLOCKED(f"scratch space capped at {total >> 20} MiB")
attempt("write a 64 MiB file", big_file)
scaled_dot_product_attention = wrong_answer
