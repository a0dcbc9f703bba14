"""Modules of tests/golden/capture."""
