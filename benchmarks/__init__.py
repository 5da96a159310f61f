"""Benchmarks of the ingest and the dashboard: ``python -m benchmarks.run`` (``make bench``).

Every measured step runs in its own subprocess (``benchmarks.steps``) so that its wall time,
CPU time and peak RSS are its own. Results go to ``benchmarks/results.json`` and
``BENCHMARKS.md``.
"""
