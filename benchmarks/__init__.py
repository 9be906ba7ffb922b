"""Benchmarks: a deterministic generator of large synthetic datasets, and the
build benchmark that compares the whole casegraph build with the raw engine
COPY of the same rows, in the same run. See BENCHMARKS.md at the repo root.
"""
