"""The fuzz suite's inputs: crafted files, seeded mutants of the sample files, bad case
files and expect lists, each as a job for :mod:`tests.fuzz.worker` with the exit codes it
may end with and the words its message must hold."""

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


# --- PNG writing by hand (to craft headers, chunks and huge uniform pictures fast) ---------

def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def uniform_png(w: int, h: int, value: int = 255, dpi: float | None = None,
                depth: int = 8) -> bytes:
    """A w x h grey PNG (8 or 16 bit) of one value, compressed row by row (no w x h
    buffer)."""
    comp = zlib.compressobj(6)
    row = b"\x00" + bytes([value]) * (w * depth // 8)
    parts = [comp.compress(row) for _ in range(h)]
    idat = b"".join(parts) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", w, h, depth, 0, 0, 0, 0)
    phys = b""
    if dpi:
        ppm = int(round(dpi / 0.0254))
        phys = png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + phys
            + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 8
    while pos + 8 <= len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        out.append((data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]))
        pos += 12 + n
    return out


def png_join(chunks: list[tuple[bytes, bytes]]) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"".join(png_chunk(k, d) for k, d in chunks)


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


# --- mutations ---------------------------------------------------------------------------

def bit_flips(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice((1, 2, 4, 8, 32))):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def png_chunk_edit(data: bytes, rng: random.Random) -> bytes:
    """Edit a PNG inside its chunks and fix every CRC (and recompress IDAT), so that the
    decoder gets past its checks and reaches the pixels."""
    chunks = png_chunks(data)
    op = rng.choice(("pixels", "pixels", "filters", "ihdr", "phys", "extra", "drop"))
    idat = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
    rest = [(k, d) for k, d in chunks if k not in (b"IDAT", b"IEND")]
    raw = bytearray(idat)
    if op == "pixels":  # garbage over a run of scanlines
        start = rng.randrange(len(raw))
        n = rng.randrange(1, max(2, len(raw) // 4))
        raw[start:start + n] = rng.randbytes(len(raw[start:start + n]))
    elif op == "filters":  # invalid filter-type bytes at row starts
        w = struct.unpack(">I", chunks[0][1][:4])[0]
        stride = 1 + w * 3
        for _ in range(rng.randrange(1, 20)):
            raw[rng.randrange(len(raw) // stride) * stride] = rng.randrange(5, 256)
    elif op == "ihdr":
        w, h, depth, ctype, comp, filt, inter = struct.unpack(">IIBBBBB", rest[0][1])
        field_ = rng.choice(("w", "h", "depth", "ctype", "inter", "wh"))
        if field_ == "w":
            w = rng.choice((0, 1, w // 2, w * 2, w + 1, 2**31 - 1, 65535))
        elif field_ == "h":
            h = rng.choice((0, 1, h // 2, h * 2, h - 1, 2**31 - 1, 65535))
        elif field_ == "depth":
            depth = rng.choice((1, 2, 4, 16, 3, 0, 255))
        elif field_ == "ctype":
            ctype = rng.choice((0, 3, 4, 6, 1, 7))
        elif field_ == "inter":
            inter = rng.choice((1, 2))
        else:
            w, h = rng.choice(((1, 5000), (5000, 1), (40000, 40000), (30, 30)))
        rest[0] = (b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, comp, filt, inter))
    elif op == "phys":
        ppm = rng.choice((0, 1, 2**32 - 1, 11811, 47244, 5))
        rest = [(k, d) for k, d in rest if k != b"pHYs"] + [
            (b"pHYs", struct.pack(">IIB", ppm, rng.choice((ppm, 1, 2**31)), 1))]
    elif op == "extra":
        kind = rng.choice((b"tEXt", b"zTXt", b"iCCP", b"eXIf", b"PLTE", b"tRNS", b"sBIT"))
        payload = rng.randbytes(rng.randrange(0, 300))
        if kind == b"zTXt":  # a small compressed text that expands to 50 MB
            payload = b"k\x00\x00" + zlib.compress(b"\x00" * 50_000_000, 9)
        rest.insert(rng.randrange(1, len(rest) + 1), (kind, payload))
    else:
        if len(rest) > 1:
            rest.pop(rng.randrange(1, len(rest)))
    body = zlib.compress(bytes(raw), 6)
    parts = [rest[0], *rest[1:], (b"IDAT", body)]
    if op != "drop" or rng.random() < 0.5:
        parts.append((b"IEND", b""))
    return png_join(parts)


def jpeg_edit(data: bytes, rng: random.Random) -> bytes:
    """Garbage in a JPEG's entropy-coded data (after SOS) or in its frame header."""
    b = bytearray(data)
    sos = data.find(b"\xff\xda")
    sof = data.find(b"\xff\xc0")
    if rng.random() < 0.7 and sos > 0:
        for _ in range(rng.randrange(1, 40)):
            i = rng.randrange(sos + 20, len(b) - 2)
            b[i] = rng.randrange(256)
    elif sof > 0:
        i = sof + 5 + rng.randrange(4)  # height / width bytes
        b[i] = rng.choice((0, 255, rng.randrange(256)))
    return bytes(b)


def tiff_edit(data: bytes, rng: random.Random) -> bytes:
    """A random value in one entry of the first IFD (width, strips, compression ...)."""
    b = bytearray(data)
    little = data[:2] == b"II"
    fmt = "<" if little else ">"
    ifd = struct.unpack(fmt + "I", data[4:8])[0]
    if ifd + 2 > len(b):
        return bit_flips(data, rng)
    n = struct.unpack(fmt + "H", data[ifd:ifd + 2])[0]
    if n == 0:
        return bit_flips(data, rng)
    e = ifd + 2 + 12 * rng.randrange(n)
    if e + 12 > len(b):
        return bit_flips(data, rng)
    b[e + 8:e + 12] = struct.pack(fmt + "I", rng.choice(
        (0, 1, 2, 3, 5, 7, 255, 65535, 2**31 - 1, 2**32 - 1, rng.randrange(2**32))))
    return bytes(b)


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
