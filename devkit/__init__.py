"""Development-only helpers (not shipped in the wheel) for tests, benchmarks and tools: the
letterform table and drawn styles, the image generators (`synth`), where the corpus and its
labels are (`corpus`), corpus plate outlines and a throwaway PostgreSQL server."""
