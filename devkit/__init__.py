"""Development-only helpers (not shipped): the letterform table and drawn styles."""
