"""Benchmarks for issue 5 (not tests): `python -m bench.run [--quick]` writes bench/RESULTS.md."""
