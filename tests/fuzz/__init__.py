"""Fuzz suite: crafted and mutated inputs run through the CLI under memory and time limits."""
