"""Benchmarks behind ``voxroom bench``: each writes a JSON result file."""
