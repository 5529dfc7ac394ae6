"""Synthetic scans of VIN-rubbing sheets with exact ground truth (test code).

A sheet is paper (A5 landscape by default) carrying one or two strips of clear tape with a
graphite rubbing of a stamped VIN: the tape is dark grey with diagonal pencil streaks and
uneven pressure, the recessed characters stay light. Every defect the reader must report
is rendered at a known size and recorded in the truth dict.

Coordinates in the truth are image pixels with the origin at the top-left *corner* of the
image (pixel ``(i, j)`` covers ``[j, j+1] x [i, i+1]``). Quadrilaterals are listed
top-left, top-right, bottom-right, bottom-left *in the strip's reading frame*. A strip's
``angle_deg`` is counter-clockwise as seen on the page: it equals
``degrees(atan2(-(y1 - y0), x1 - x0))`` for corners 0 -> 1.

Expected reason codes (what the reader must fail): ``check_digit``,
``missing_start_symbol``, ``missing_end_symbol``, ``truncated`` (plus the missing symbol
code of the cut end, since the cut removes that symbol), ``deformed``, ``shifted``,
``char_too_small``, ``unreadable`` (alone: nothing else can be judged on such a strip) and,
sheet level, ``copies_differ``.

The generator's parts: :mod:`~devkit.synth.rubbing_spec` (the specs and defect names),
:mod:`~devkit.synth.rubbing_random` (random specs), :mod:`~devkit.synth.rubbing_layout`
(glyph placement), :mod:`~devkit.synth.rubbing_strip` (one rubbed strip),
:mod:`~devkit.synth.rubbing_marks` (form, seal, dust), :mod:`~devkit.synth.rubbing_sheet`
(the scan) and :mod:`~devkit.synth.rubbing_truth` (the ground truth); this module keeps
the public names and writes datasets.

CLI: ``python -m devkit.synth.rubbing --out DIR --n 300 --seed 1 [--dpi 300]
[--defect-share 0.5]``; ``--sample FILE.png`` writes the bundled sample-case sheet.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np

from devkit.synth.rubbing_font import FONTS, SYMBOLS
from devkit.synth.rubbing_random import random_sheet_spec
from devkit.synth.rubbing_sheet import PAPER_RGB as PAPER_RGB
from devkit.synth.rubbing_sheet import render_sheet
from devkit.synth.rubbing_spec import DEFECTS, SheetSpec, StripSpec
from devkit.synth.rubbing_spec import MIN_CHAR_HEIGHT_MM as MIN_CHAR_HEIGHT_MM
from devkit.synth.rubbing_spec import STRIP_DEFECTS as STRIP_DEFECTS
from devkit.synth.rubbing_truth import _jsonable
from devkit.synth.rubbing_truth import q_corners as q_corners

__all__ = [
    "DEFECTS",
    "FONTS",
    "SYMBOLS",
    "SheetSpec",
    "StripSpec",
    "random_sheet_spec",
    "render_sheet",
    "sample_sheet_spec",
    "write_dataset",
]


# ----------------------------------------------------------------------------- dataset / CLI


def spec_to_dict(spec: SheetSpec) -> dict:
    """The spec as plain JSON-able data."""
    return _jsonable(asdict(spec))


def write_dataset(out_dir: str | Path, n: int, seed: int, *, dpi: int = 300,
                  defect_share: float = 0.5, fonts: list[str] | None = None,
                  symbols: list[str] | None = None, variety: bool = False,
                  unknown_wmi: bool = False) -> Path:
    """Write ``sheet_0000.png`` ... (DPI stored in the PNG) and ``truth.jsonl`` to ``out_dir``.

    About ``defect_share`` of the sheets carry one defect, cycling through :data:`DEFECTS`;
    half of the sheets are tidy scans, half use the full variation range. The same ``seed``
    always gives the same files. ``fonts``, ``symbols`` and ``variety`` go to
    :func:`random_sheet_spec`. ``unknown_wmi``: the same sheets, but every VIN's WMI
    replaced by one the reader's maker table does not hold (one per sheet, drawn from a
    generator of its own so nothing else changes; check digits kept valid or wrong as
    they were). Returns the path of ``truth.jsonl``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    master = np.random.default_rng(seed)
    n_def = int(round(n * defect_share))
    flags = np.array([True] * n_def + [False] * (n - n_def))
    master.shuffle(flags)
    truth_path = out / "truth.jsonl"
    k = 0
    with truth_path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rng = np.random.default_rng([seed, i])
            defect = None
            if flags[i]:
                defect = DEFECTS[k % len(DEFECTS)]
                k += 1
            n_strips = 2 if rng.random() < 0.75 else 1
            spec = random_sheet_spec(rng, dpi=dpi, n_strips=n_strips, defect=defect,
                                     clean=bool(rng.random() < 0.5), fonts=fonts,
                                     symbols=symbols, variety=variety)
            if unknown_wmi:
                spec = _with_unknown_wmi(spec, np.random.default_rng([seed, i, 3779]))
            img, truth = render_sheet(spec)
            name = f"sheet_{i:04d}.png"
            img.save(out / name, dpi=(dpi, dpi))
            fh.write(json.dumps({"file": name, "defect": defect, **truth},
                                ensure_ascii=False) + "\n")
    return truth_path


def _with_unknown_wmi(spec: SheetSpec, rng: np.random.Generator) -> SheetSpec:
    """``spec`` with one WMI unknown to the reader put on every strip's VIN."""
    from dataclasses import replace

    from devkit.synth.rubbing_vin import unknown_wmi, with_wmi
    from vincheck.wmi_data import MANUFACTURERS

    wmi = unknown_wmi(rng, frozenset(MANUFACTURERS))
    return replace(spec, strips=[replace(s, vin=with_wmi(s.vin, wmi)) for s in spec.strips])


SAMPLE_VIN = "LSVAU2180N2183594"  # valid check digit (0)


def sample_sheet_spec(vin: str = SAMPLE_VIN) -> SheetSpec:
    """The clean 300-dpi sheet of the bundled sample case: two good rubbings of ``vin``."""
    common = dict(vin=vin, font="mono_bold", char_height_mm=8.5, start_symbol="★",
                  end_symbol="★", pitch_ratio=0.8, darkness=0.68, char_contrast=0.86)
    strips = [
        StripSpec(**common, angle_deg=1.2, center_mm=(104.0, 48.0), tape_height_mm=24.0,
                  margin_mm=(16.0, 14.0), line_offset_mm=0.4, rub_angle_deg=52.0),
        StripSpec(**common, angle_deg=-0.7, center_mm=(107.0, 103.0), tape_height_mm=25.0,
                  margin_mm=(13.0, 17.0), line_offset_mm=-0.5, rub_angle_deg=-48.0),
    ]
    return SheetSpec(strips=strips, dpi=300, paper="white", blur_px=0.6, noise_sigma=1.5,
                     pressure_unevenness=0.2, jpeg_quality=None, seed=2025, form=True)


def main(argv: list[str] | None = None) -> int:
    """CLI: write a synthetic rubbing-sheet dataset."""
    ap = argparse.ArgumentParser(prog="python -m devkit.synth.rubbing", description=__doc__
                                 .splitlines()[0])
    ap.add_argument("--out", help="output folder")
    ap.add_argument("--sample", metavar="PNG",
                    help=f"write only the clean sample-case sheet (VIN {SAMPLE_VIN}) to this file")
    ap.add_argument("--n", type=int, default=300, help="number of sheets")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--defect-share", type=float, default=0.5)
    a = ap.parse_args(argv)
    if a.sample:
        img, _ = render_sheet(sample_sheet_spec())
        img.save(a.sample, dpi=(300, 300), optimize=True)
        print(a.sample)
        return 0
    if not a.out:
        ap.error("--out is required (or --sample)")
    path = write_dataset(a.out, a.n, a.seed, dpi=a.dpi, defect_share=a.defect_share)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
