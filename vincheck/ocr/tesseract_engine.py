"""Tesseract as a glyph reader: one ``--psm 7`` call per text line (VIN whitelist plus
``*`` for symbols), hOCR with per-character boxes, confidences and LSTM alternatives;
each character is assigned to the glyph cell its box centre falls in."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np

from vincheck.errors import OcrEngineError, TesseractNotFoundError
from vincheck.ocr.base import SYMBOL, VIN_ALPHABET, CellScores, fold_char, normalized

WHITELIST = VIN_ALPHABET + "*"
CONFIG = (f"--psm 7 -c tessedit_char_whitelist={WHITELIST} -c lstm_choice_mode=2 "
          "-c hocr_char_boxes=1")

_CHAR = re.compile(
    r"<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'>"
    r"([^<]*)</span>\s*(?:<span class='ocrx_cinfo' id='lstm_choices[^']*'>(.*?)</span>\s*</span>)?",
    re.S)
_CHOICE = re.compile(r"title='x_confs ([\d.]+)'>([^<]*)</span>")


class TesseractEngine:
    """Glyph reader on Tesseract 4.1+ (LSTM)."""

    name = "tesseract"

    def __init__(self, cmd: str | None = None) -> None:
        from vincheck.ocr.tesseract import require_tesseract

        probe = require_tesseract(cmd)
        import pytesseract

        pytesseract.pytesseract.tesseract_cmd = probe.path or "tesseract"
        self._pt = pytesseract

    def hocr_chars(self, line: np.ndarray) -> list[tuple[float, str, float, dict[str, float]]]:
        """(x centre px, char, confidence 0-1, alternatives {char: 0-1}) per character."""
        try:
            raw = self._pt.image_to_pdf_or_hocr(line, extension="hocr", config=CONFIG)
        except self._pt.TesseractNotFoundError as exc:
            raise TesseractNotFoundError(f"Tesseract could not be started: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - pytesseract raises several kinds
            raise OcrEngineError(f"Tesseract failed on a text line: {exc}") from exc
        text = raw.decode("utf-8", "replace")
        out = []
        for m in _CHAR.finditer(text):
            x0, _, x1, _ = (int(m.group(i)) for i in range(1, 5))
            conf = float(m.group(5)) / 100.0
            ch = html.unescape(m.group(6)).strip()
            alts: dict[str, float] = {}
            for cm in _CHOICE.finditer(m.group(7) or ""):
                alts[html.unescape(cm.group(2)).strip()] = float(cm.group(1)) / 100.0
            if ch:
                out.append(((x0 + x1) / 2.0, ch, conf, alts))
        return out

    def read_glyphs(self, line: np.ndarray, spans: Sequence[tuple[float, float]]
                    ) -> list[CellScores]:
        chars = self.hocr_chars(line)
        out: list[CellScores] = []
        for x0, x1 in spans:
            acc: dict[str, float] = {}
            for xc, ch, conf, alts in chars:
                if not x0 <= xc < x1:
                    continue
                k = fold_char(ch) if ch != "*" else SYMBOL
                if k is None:
                    continue
                acc[k] = max(acc.get(k, 0.0), max(conf, 0.05))
                rest = max(0.0, 1.0 - conf)
                total = sum(v for a, v in alts.items() if a != ch) or 0.0
                for a, v in alts.items():
                    ka = fold_char(a) if a != "*" else SYMBOL
                    if a == ch or ka is None:
                        continue
                    share = rest * (v / total if total > 0 else 0.1)
                    acc[ka] = max(acc.get(ka, 0.0), share, 0.01)
            out.append(normalized(acc) if acc else {})
        return out

    def read_text(self, line: np.ndarray) -> tuple[str, float]:
        chars = self.hocr_chars(line)
        text = "".join(SYMBOL if c == "*" else (fold_char(c) or "") for _, c, _, _ in chars)
        return text, float(np.mean([c for _, _, c, _ in chars])) if chars else 0.0
