"""Benchmarks, run by hand or with `make bench`; they print numbers and PASS/FAIL lines
against targets but never fail the build on a slow machine."""
