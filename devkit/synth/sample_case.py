"""Build the bundled sample case in ``vincheck/data/sample_case/`` (package data) (deterministic).

``python -m devkit.synth.sample_case`` writes: the rubbing sheet (two clean rubbings of
``SAMPLE_VIN`` at 300 dpi), a 300-dpi flatbed scan of the exterior photo print (a white
car seen from the front-left at 45 degrees, no plate, its box filling 55 % of the picture
with a clear margin to the frame), the same picture as a digital file, and ``case.json`` naming
them. Every image is generated here; nothing comes from the corpus.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from PIL import Image

from devkit.synth.car_photo import render_car_photo
from devkit.synth.photo_print import render_print_scan, save_scan
from devkit.synth.rubbing import render_sheet, sample_sheet_spec

SAMPLE_VIN = "LSVAU2180N2183594"
OUT = Path(__file__).resolve().parents[2] / "vincheck" / "data" / "sample_case"


def build(out: Path = OUT) -> Path:
    """Write the sample case into ``out``; returns the path of ``case.json``."""
    out.mkdir(parents=True, exist_ok=True)
    sheet, _truth = render_sheet(sample_sheet_spec())
    sheet.save(out / "rubbing_sheet.png", dpi=sheet.info.get("dpi", (300, 300)),
               optimize=True)
    picture, _ = render_car_photo(azimuth_deg=45.0, body_color="white", plate=None, fill=0.55,
                                  size=(1320, 900), background="street", seed=11)
    Image.fromarray(picture).save(out / "photo_digital.jpg", quality=92)
    scan, _ = render_print_scan(picture, dpi=300, width_mm=88.0, height_mm=60.0,
                                radius_mm=4.0, angle_deg=1.2, bed="white", seed=5)
    save_scan(scan, out / "photo_print_scan.png")
    case = {"expected_vin": SAMPLE_VIN, "kind": "car", "color": "白", "dpi": None,
            "rubbing_files": ["rubbing_sheet.png"],
            "photo_files": ["photo_print_scan.png"]}
    path = out / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=OUT)
    print(build(p.parse_args().out))


if __name__ == "__main__":
    main()
