#!/usr/bin/env python3
"""Writes a git fast-import stream of N commits of an answers file, for scripts/bench.sh.

Each commit moves the assessment date on a day and flips one requirement between partial and
implemented, so every commit changes the file and every version scores differently.

    python3 scripts/gen_history.py examples/msp-halfway.yaml 500 | git fast-import --quiet
"""
import sys

source, count = sys.argv[1], int(sys.argv[2])
text = open(source, encoding="utf-8").read()
out = sys.stdout.buffer


def data(payload: bytes) -> None:
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


start = 1767225600  # 2026-01-01 UTC
for i in range(1, count + 1):
    day = 1 + (i - 1) % 28
    month = 1 + ((i - 1) // 28) % 12
    version = text.replace("date: 2026-11-20", "date: 2026-%02d-%02d" % (month, day), 1)
    status = "implemented" if i % 2 else "partial"
    version = version.replace('"4.1-2":\n    status: partial', '"4.1-2":\n    status: %s' % status, 1)
    out.write(b"commit refs/heads/main\n")
    out.write(b"mark :%d\n" % i)
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % (start + i * 3600))
    data(b"Assessment %d" % i)
    if i > 1:
        out.write(b"from :%d\n" % (i - 1))
    out.write(b"M 100644 inline answers.yaml\n")
    data(version.encode("utf-8"))
