"""The fuzz suite's inputs: crafted files, seeded mutants of the sample files, bad case
files and expect lists, each as a job for :mod:`tests.fuzz.worker` with the exit codes it
may end with and the words its message must hold (the bytes of crafted and mutated
images: :mod:`tests.fuzz.file_bytes`)."""

from __future__ import annotations

import io
import json
import os
import random
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from tests.fuzz.file_bytes import (
    bit_flips,
    jpeg_edit,
    png_chunk_edit,
    png_join,
    tiff_edit,
    truncate,
    uniform_png,
)
from vincheck.case_io import sample_case_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = sample_case_path().parent
VIN = "LSVAU2180N2183594"
OK_OR_NOT = (0, 1)  # a check that ran: passed, or failed / needs review
ANY_CLEAN = (0, 1, 2)  # ran, or refused the file with a message


@dataclass
class Job:
    """One CLI run: ``argv``, the exit codes allowed, words the output must hold."""

    id: str
    argv: list[str]
    codes: tuple[int, ...]
    must_say: tuple[str, ...] = ()
    limit_s: float = 30.0
    kind: str = "crafted"
    env: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"id": self.id, "argv": self.argv, "limit_s": self.limit_s,
                           "env": self.env})


# --- seeds: the sample files made small (mutants of them run the whole pipeline fast) ------

def make_seeds(d: Path) -> dict[str, Path]:
    d.mkdir(parents=True, exist_ok=True)
    sheet = Image.open(SAMPLE / "rubbing_sheet.png").convert("RGB")
    small = sheet.resize((sheet.width // 4, sheet.height // 4), Image.LANCZOS)
    seeds = {"rubbing_png": d / "seed_rubbing.png", "rubbing_tif": d / "seed_rubbing.tif",
             "photo_jpg": d / "seed_photo.jpg", "photo_png": d / "seed_photo_scan.png",
             "rubbing_pdf": d / "seed_rubbing.pdf"}
    small.save(seeds["rubbing_png"], dpi=(75, 75))
    small.save(seeds["rubbing_pdf"], "PDF", resolution=75.0)
    small.convert("L").save(seeds["rubbing_tif"], compression="tiff_lzw", dpi=(75, 75))
    photo = Image.open(SAMPLE / "photo_digital.jpg").convert("RGB")
    photo.resize((photo.width // 3, photo.height // 3)).save(seeds["photo_jpg"], quality=85)
    scan = Image.open(SAMPLE / "photo_print_scan.png").convert("RGB")
    scan.resize((scan.width // 4, scan.height // 4)).save(seeds["photo_png"], dpi=(75, 75))
    return seeds


def mutants(seeds: dict[str, Path], d: Path, n: int, seed: int = 22) -> list[Job]:
    """``n`` seeded mutants of the seeds, each a job for the command its seed belongs to."""
    rng = random.Random(seed)
    d.mkdir(parents=True, exist_ok=True)
    plan = [("rubbing_png", "rubbing", (bit_flips, truncate, png_chunk_edit, png_chunk_edit)),
            ("rubbing_tif", "rubbing", (bit_flips, truncate, tiff_edit, tiff_edit)),
            ("photo_jpg", "photo", (bit_flips, truncate, jpeg_edit, jpeg_edit)),
            ("photo_png", "photo", (bit_flips, truncate, png_chunk_edit)),
            ("rubbing_pdf", "rubbing", (bit_flips, truncate))]
    data = {k: seeds[k].read_bytes() for k, _, _ in plan}
    jobs = []
    for i in range(n):
        key, cmd, ops = plan[i % len(plan)]
        op = rng.choice(ops)
        out = op(data[key], rng)
        p = d / f"m{i:04d}_{op.__name__}{seeds[key].suffix}"
        p.write_bytes(out)
        jobs.append(Job(f"mutant/{p.name}", [cmd, str(p)], ANY_CLEAN, kind="mutant"))
    return jobs


# --- crafted files -----------------------------------------------------------------------

def crafted_images(d: Path, seeds: dict[str, Path], big: bool = True) -> list[Job]:
    d.mkdir(parents=True, exist_ok=True)
    jobs: list[Job] = []

    def add(name: str, data: bytes | None, cmd: str, codes: tuple[int, ...],
            *words: str, limit: float = 30.0) -> Path:
        p = d / name
        if data is not None:
            p.write_bytes(data)
        jobs.append(Job(f"crafted/{name}", [cmd, str(p)], codes, words, limit))
        return p

    add("tall_1x5000.png", uniform_png(1, 5000, 128), "rubbing", (2,), "too long and thin")
    add("wide_5000x1.png", uniform_png(5000, 1, 128), "photo", (2,), "too long and thin")
    add("aspect25_40x1000.png", uniform_png(40, 1000, 128), "rubbing", OK_OR_NOT)
    noise = (np.random.default_rng(1).random((3000, 120)) * 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noise).save(buf, "PNG")
    add("noise_120x3000.png", buf.getvalue(), "rubbing", OK_OR_NOT)
    add("one_pixel.png", uniform_png(1, 1, 0), "rubbing", ANY_CLEAN)
    add("one_pixel_photo.png", uniform_png(1, 1, 0), "photo", ANY_CLEAN)
    add("bomb_13000x13000.png", uniform_png(13000, 13000), "rubbing", (2,), "Mpx")
    add("claims_40000x40000.png", png_join([(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000,
                                                                   8, 2, 0, 0, 0)),
                                             (b"IDAT", zlib.compress(b"\x00" * 1000)),
                                             (b"IEND", b"")]), "rubbing", (2,))
    add("empty.png", b"", "rubbing", (2,), "empty")
    add("random.png", random.Random(5).randbytes(20000), "rubbing", (2,))
    add("text.jpg", b"just some text, not an image\n" * 20, "photo", (2,))
    gif = io.BytesIO()
    Image.new("L", (50, 50)).save(gif, "GIF")
    add("picture.gif", gif.getvalue(), "rubbing", (2,), "not supported")
    # multi-page TIFFs: the last page cut (Pillow: TypeError "Missing dimensions"), and
    # more pages than a file may hold
    pages = [Image.fromarray(np.full((400, 600, 3), v, np.uint8)) for v in (200, 100, 100)]
    tif = io.BytesIO()
    pages[0].save(tif, "TIFF", save_all=True, append_images=pages[1:], compression="raw")
    full = tif.getvalue()
    add("multipage_cut.tif", full[:int(len(full) * 0.666)], "rubbing", (2,), "damaged")
    many = io.BytesIO()
    small = [Image.new("L", (40, 30), v) for v in range(25)]
    small[0].save(many, "TIFF", save_all=True, append_images=small[1:])
    add("pages_25.tif", many.getvalue(), "rubbing", (2,), "pages")
    fifo = d / "fifo.png"
    if not fifo.exists():
        os.mkfifo(fifo)
    add("fifo.png", None, "rubbing", (2,), "not a regular file")
    (d / "folder.png").mkdir(exist_ok=True)
    add("folder.png", None, "photo", (2,), "folder")
    # PDF scans (rendered by pypdfium2): a real one, cut, garbage after the header, thin
    pdf = io.BytesIO()
    Image.open(seeds["rubbing_png"]).save(pdf, "PDF", resolution=75.0)
    add("scan.pdf", pdf.getvalue(), "rubbing", OK_OR_NOT)
    add("scan_cut.pdf", pdf.getvalue()[:len(pdf.getvalue()) // 2], "rubbing", (2,))
    add("garbage.pdf", b"%PDF-1.7\n" + random.Random(8).randbytes(3000), "rubbing", (2,))
    thin = io.BytesIO()
    Image.new("L", (2, 4000), 200).save(thin, "PDF", resolution=100.0)
    add("thin.pdf", thin.getvalue(), "photo", (2,), "too long and thin")
    add("\x1b[2J\x1b[31mevil\rname.png", random.Random(6).randbytes(500), "rubbing", (2,))
    # the largest pictures a file may hold: 140 Mpx (limit 150), and the 108 Mpx
    # rubbing sheet at 1200 dpi (checked at 600 dpi)
    add("white_14000x10000.png", uniform_png(14000, 10000, 250, dpi=1200), "rubbing",
        OK_OR_NOT, limit=60.0)
    jobs.append(Job("crafted/white_14000x10000.png (photo)",
                    ["photo", str(d / "white_14000x10000.png")], OK_OR_NOT, (), 60.0))
    sheet = Image.open(SAMPLE / "rubbing_sheet.png").convert("L")
    if big:  # the sample sheet as a 1200 dpi scan: read right at 600 dpi, in time
        p = d / "sheet_12000x9000_1200dpi.tif"
        sheet.resize((12000, 9000), Image.BILINEAR).save(p, dpi=(1200, 1200))
        add(p.name, None, "rubbing", (0,), limit=60.0)
    if os.environ.get("VINCHECK_FUZZ_FULL"):  # a few more minutes: the 144 Mpx
        p = d / "sheet_12000x12000_1200dpi.png"
        sheet.resize((12000, 12000), Image.BILINEAR).save(p, dpi=(1200, 1200),
                                                         compress_level=1)
        add(p.name, None, "rubbing", (0,), limit=60.0)
        add("grey16_12000x12000.png", uniform_png(12000, 12000, 200, depth=16), "rubbing",
            ANY_CLEAN, limit=60.0)  # nothing on it: may be stopped by the time limit
    return jobs


def bad_case_files(d: Path, seeds: dict[str, Path]) -> list[Job]:
    d.mkdir(parents=True, exist_ok=True)
    rub = str(seeds["rubbing_png"])
    cases: dict[str, tuple[bytes, tuple[str, ...]]] = {
        "vin_number.json": (json.dumps({"expected_vin": 12345, "rubbing_files": [rub]})
                            .encode(), ("expected_vin",)),
        "deep_list.json": (b"[" * 100_000 + b"]" * 100_000, ("nested",)),
        "deep_object.json": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, ("nested",)),
        "huge.json": (b'{"x": "' + b"a" * 2_000_000 + b'"}', ("MB",)),
        "not_utf8.json": (b'{"expected_vin": "\xff\xfe"}', ("cannot be read",)),
        "nul_name.json": (json.dumps({"rubbing_files": ["a\x00b.png"]}).encode(),
                          ("file name",)),
        "dpi_text.json": (json.dumps({"dpi": "300", "rubbing_files": [rub]}).encode(),
                          ("dpi",)),
        "dpi_negative.json": (json.dumps({"dpi": -5, "rubbing_files": [rub]}).encode(),
                              ("dpi",)),
        "dpi_nan.json": (b'{"dpi": NaN, "rubbing_files": []}', ("dpi",)),
        "kind_list.json": (json.dumps({"kind": ["car"], "rubbing_files": [rub]}).encode(),
                           ("kind",)),
        "files_dict.json": (json.dumps({"rubbing_files": {"a": 1}}).encode(), ("list",)),
        "color_number.json": (json.dumps({"color": 7, "rubbing_files": [rub]}).encode(),
                              ("color",)),
        "array.json": (b"[1, 2, 3]", ("JSON object",)),
        "empty.json": (b"", ("cannot be read",)),
        "no_files.json": (b"{}", ("nothing to check",)),
    }
    jobs = []
    for name, (data, words) in cases.items():
        p = d / name
        p.write_bytes(data)
        jobs.append(Job(f"case/{name}", ["check", "--case", str(p)], (2,), words,
                        kind="case"))
    fifo = d / "fifo.json"
    if not fifo.exists():
        os.mkfifo(fifo)
    jobs.append(Job("case/fifo.json", ["check", "--case", str(fifo)], (2,),
                    ("not a regular file",), kind="case"))
    jobs.append(Job("case/folder", ["check", "--case", str(d)], (2,), ("regular file",),
                    kind="case"))
    bad = d / "bad_image.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    good = d / "unreadable_files.json"
    good.write_text(json.dumps({"expected_vin": VIN, "rubbing_files": [bad.name],
                                "photo_files": ["missing.jpg"]}))
    jobs.append(Job("case/unreadable_files.json", ["check", "--case", str(good)], (2,),
                    ("bad_image.png",), kind="case"))
    for name, vin, words in (("vin_16", VIN[:-1], ("16",)),
                             ("vin_chinese", "京A" + VIN[2:], ("forbidden character",)),
                             ("vin_control", "\x1b[31m" + VIN, ("not a VIN",))):
        jobs.append(Job(f"expect/{name}", ["rubbing", str(seeds["rubbing_png"]), "--expect",
                                           vin], (2,), words, kind="case"))
    return jobs


def bad_expect_lists(d: Path, seeds: dict[str, Path]) -> list[Job]:
    """Expect lists for a batch folder of one small case (corrupt, so it is quick)."""
    d.mkdir(parents=True, exist_ok=True)
    folder = d / "batch"
    (folder / VIN).mkdir(parents=True, exist_ok=True)
    (folder / VIN / "rubbing.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 200)
    lists: dict[str, tuple[bytes, tuple[str, ...]]] = {
        "field_140k.csv": (b"case,vin\nA," + b"x" * 140_000 + b"\n", ("field",)),
        "conflict.csv": (f"case,vin\nA,{VIN}\na,{VIN[:-1]}5\n".encode(), ("two different",)),
        "binary.csv": (random.Random(7).randbytes(5000), ("expect list",)),
        "empty.csv": (b"", ("empty",)),
        "nul.csv": (b"case,vin\nA\x00,B\x00\n", ("expect list",)),
        "header_only.csv": (b"case,vin\n", ("",)),
        "no_vin_column.csv": (b"foo,bar\n1,2\n", ("no VIN column",)),
        "wide.csv": ((",".join(f"c{i}" for i in range(50_000)) + "\n").encode(),
                     ("expect list",)),
    }
    jobs = []
    for name, (data, words) in lists.items():
        p = d / name
        p.write_bytes(data)
        codes = (1, 2) if name == "header_only.csv" else (2,)
        jobs.append(Job(f"expect_list/{name}", ["batch", str(folder), "--expect-list",
                                                str(p), "--quiet", "--jobs", "1", "--db",
                                                str(d / f"{name}.db")], codes, words,
                        kind="expect_list"))
    fifo = d / "fifo.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    jobs.append(Job("expect_list/fifo.csv", ["batch", str(folder), "--expect-list", str(fifo),
                                             "--quiet", "--db", str(d / "fifo.db")], (2,),
                    ("not a regular file",), kind="expect_list"))
    jobs.append(Job("batch/out_dev_full", ["batch", str(folder), "--out", "/dev/full",
                                           "--quiet", "--db", str(d / "full.db")], (2,),
                    ("No space left",), kind="expect_list"))
    return jobs


def all_jobs(root: Path, n_mutants: int, big: bool = True) -> tuple[dict[str, Path],
                                                                    list[Job]]:
    seeds = make_seeds(root / "seeds")
    jobs = (crafted_images(root / "crafted", seeds, big=big)
            + bad_case_files(root / "cases", seeds)
            + bad_expect_lists(root / "expect", seeds)
            + mutants(seeds, root / "mutants", n_mutants))
    return seeds, jobs
