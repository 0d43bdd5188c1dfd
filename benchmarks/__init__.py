"""Benchmarks of lmskg against peer SPARQL endpoints: `python -m benchmarks.run --help`."""
