"""Benchmarks of the answer engine against a naive rapidfuzz baseline (see BENCHMARKS.md)."""
