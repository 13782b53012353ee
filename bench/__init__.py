"""Benchmark harness for the timeline generator: `python -m bench` (see bench/__main__.py)."""
