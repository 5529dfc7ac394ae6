"""Reading floors on letterforms the glyph classifier never trained on.

A small held-out set is generated here (``devkit.letterforms`` held-out side, the same
generator and variety as ``benchmarks.rubbing``, seed 21: neither the tuning seed 10 nor
the README's seed 11) and read as a user would. The exact-VIN floor sits one item under
what this set measured, the clean-sheet floor at it, so a change that loses reading
accuracy on unseen styles fails here. About
one minute on the 2 cores; no corpus needed.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.rubbing import match_strips, split_fonts
from devkit.synth.rubbing import random_sheet_spec, render_sheet
from vincheck.imageio import from_array
from vincheck.rubbing import check_sheet
from vincheck.settings import Settings

SEED = 21
N_SHEETS = 24
# Floors near what this set measured (2026-12-08, after the VIN priors, copies helping
# each other and the gap search): exact VIN 45/48 strips (94 %), clean sheets failed or
# sent to review 6/24 (was 5/24: the gap search's pitch cuts gained on the tuning sets and
# lost one sheet here), no wrong VIN reported readable. The README's held-out benchmark
# (seed 11, defects and rough scans included) measured 82.6 % exact, 16.7 % of clean
# sheets rejected, no wrong VIN readable; move these floors with the reader.
MIN_EXACT = 44 / 48        # exact VIN, strips whose whole VIN is on the tape
MAX_CLEAN_REJECTED = 6 / 24  # clean sheets failed or sent to review
MAX_WRONG_READABLE = 0     # a wrong VIN reported readable


def _expected(truth: dict) -> set[str]:
    out = set(truth.get("expected_reasons", []))
    for s in truth["strips"]:
        out |= set(s.get("expected_reasons", []))
    return out


@pytest.fixture(scope="module")
def held_out_results():
    fonts, symbols = split_fonts("held_out")
    settings = Settings()
    out = []
    for i in range(N_SHEETS):
        rng = np.random.default_rng([SEED, i])
        spec = random_sheet_spec(rng, dpi=300, n_strips=2, defect=None,
                                 clean=bool(i % 2 == 0), fonts=fonts, symbols=symbols,
                                 variety=True)
        img, truth = render_sheet(spec)
        sheet = check_sheet(from_array(np.asarray(img.convert("RGB")), dpi=300), settings)
        out.append((truth, sheet))
    return out


@pytest.mark.slow
def test_held_out_styles_read_near_the_claimed_rate(held_out_results) -> None:
    n = exact = wrong_readable = 0
    for truth, sheet in held_out_results:
        for ts, rb in zip(truth["strips"], match_strips(truth["strips"], sheet.rubbings),
                          strict=True):
            n += 1
            vin = rb.vin if rb is not None else None
            exact += vin == ts["vin"]
            if rb is not None and vin is not None and vin != ts["vin"] and all(
                    str(f.status) == "pass" for f in rb.findings if f.code == "unreadable"):
                wrong_readable += 1
    assert exact / n >= MIN_EXACT - 1e-9, f"exact VIN {exact}/{n} on held-out styles"
    assert wrong_readable <= MAX_WRONG_READABLE


@pytest.mark.slow
def test_held_out_clean_sheets_pass(held_out_results) -> None:
    clean = [(t, s) for t, s in held_out_results if not _expected(t)]
    rejected = [(t["strips"][0]["font"], str(s.verdict), sorted(s.reasons))
                for t, s in clean if str(s.verdict) != "pass"]
    assert len(rejected) / len(clean) <= MAX_CLEAN_REJECTED + 1e-9, rejected


@pytest.mark.slow
@pytest.mark.parametrize("start, end", [("logo", "#"), ("hexagon", "logo")])
def test_unseen_marks_count_as_symbols_and_not_as_characters(start: str, end: str) -> None:
    rng = np.random.default_rng([SEED, 99, len(start)])
    spec = random_sheet_spec(rng, dpi=300, n_strips=1, defect=None, clean=True,
                             fonts=["roboto_bold"], symbols=[start])
    spec.strips[0].start_symbol, spec.strips[0].end_symbol = start, end
    img, truth = render_sheet(spec)
    sheet = check_sheet(from_array(np.asarray(img.convert("RGB")), dpi=300), Settings())
    rb = sheet.rubbings[0]
    status = {f.code: str(f.status) for f in rb.findings}
    assert status["missing_start_symbol"] == "pass"
    assert status["missing_end_symbol"] == "pass"
    assert rb.raw.startswith("#") and rb.raw.endswith("#"), rb.raw
    assert rb.vin == truth["strips"][0]["vin"]
