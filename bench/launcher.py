"""Start builds from a small process, so their peak RSS is their own.

Linux keeps a child's peak RSS across ``exec``: a child forked from a large
process reports at least that process's size at the fork, so a harness that
holds a 20,000-event corpus in memory would make every build it starts look as
large. The harness therefore starts this launcher first, while it is small, and
has it start and reap every build. Run as ``python -m bench.launcher``: it reads
one JSON request per line on stdin and answers one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def serve() -> None:
    """Answer requests until stdin closes: run ``argv`` with its output in two files, reap it with ``wait4``."""
    for line in sys.stdin:
        request = json.loads(line)
        with open(request["out"], "wb") as out, open(request["err"], "wb") as err:
            proc = subprocess.Popen(request["argv"], cwd=request["cwd"], env=request["env"],
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
        answer = {"status": os.waitstatus_to_exitcode(status), "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss": usage.ru_maxrss}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
