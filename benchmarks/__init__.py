"""Benchmarks: how fast nrgame is, each figure measured against a reference run beside it.

Run `python -m benchmarks` (add `--json` for one JSON object of named figures, `--quick` for
tiny sizes). See docs/performance.md for the figures on record and the targets.
"""
