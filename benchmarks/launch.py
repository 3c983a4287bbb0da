"""Run measured processes for `python -m benchmarks`, and report each one's wall time and peak
memory. `python -m benchmarks.launch` reads one JSON request a line ({"args", "env", "stdin",
"stdout"}) and answers each with one JSON line ({"seconds", "peak_rss_mb", "returncode"}).

Why a process of its own: Linux counts the memory of the process that starts a child into the
child's peak (the pages it had when the child was forked or, with vfork, when it called exec).
The runner itself grows to over 100 MB while it writes the synthetic fact bases; this launcher,
started first and importing nothing, stays at a few MB, so each figure is the child's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> int:
    for line in sys.stdin:
        request = json.loads(line)
        with open(request["stdin"], "rb") as given, open(request["stdout"], "wb") as out:
            started = time.perf_counter()
            child = subprocess.Popen(
                request["args"],
                stdin=given,
                stdout=out,
                stderr=subprocess.DEVNULL,
                cwd=request["cwd"],
                env=request["env"],
            )
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
        reply = {
            "seconds": seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024,
            "returncode": os.waitstatus_to_exitcode(status),
        }
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
