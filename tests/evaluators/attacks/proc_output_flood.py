# attack: flood stdout and stderr to exhaust the service's memory or disk.
# contained: the zygote keeps 64 KiB per stream and stops the run once a stream passes 4 MiB;
#            the response says "output_limit" and the text kept is capped.
# status: error
# evidence: none
import sys

line = "kaoda-flood " * 1000 + "\n"
while True:
    sys.stdout.write(line)
    sys.stderr.write(line)
