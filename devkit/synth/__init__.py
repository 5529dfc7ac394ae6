"""Generators of synthetic test images (rubbing sheets, photo print scans, car photos).

Test code: used by the test suite, the benchmarks and to make the bundled sample case.
"""
