"""OCR engines behind one small interface (see :mod:`vincheck.ocr.base`)."""
