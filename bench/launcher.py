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
from typing import Any


def serve() -> None:
    """Answer requests until stdin closes: run ``argv`` with its output in two files, reap it with ``wait4``."""
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.write(json.dumps(_run(request)) + "\n")
        sys.stdout.flush()


def _run(request: dict[str, Any]) -> dict[str, Any]:
    """Run one request: its exit status and usage, or why it could not start."""
    with open(request["out"], "wb") as out, open(request["err"], "wb") as err:
        try:
            proc = subprocess.Popen(request["argv"], cwd=request["cwd"], env=request["env"],
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as exc:  # a missing program or folder: said in the answer, the launcher keeps serving
            return {"error": f"cannot start {request['argv'][0]}: {exc.strerror or exc}"}
        _, status, usage = os.wait4(proc.pid, 0)
    return {"status": os.waitstatus_to_exitcode(status), "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss": usage.ru_maxrss}


if __name__ == "__main__":
    serve()
