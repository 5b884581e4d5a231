"""Reads for the talent pool (selectors)."""
