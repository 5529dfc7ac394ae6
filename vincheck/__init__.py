"""vincheck: check VIN rubbings and vehicle exterior photos against the registration rules."""

import os as _os

# ONNX Runtime (RapidOCR, the glyph classifier, the vehicle detector) otherwise keeps a
# device id and a telemetry database under ~/.cache/Microsoft; it reads this switch when it
# is imported, so it is set before any of vincheck can import it. Everything vincheck
# writes stays in its data folder.
_os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

__version__ = "0.1.0"
