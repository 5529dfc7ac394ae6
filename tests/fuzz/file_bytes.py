"""Image files at the byte level for the fuzz suite: PNG files written by hand (to craft
headers, chunks and huge uniform pictures fast) and the seeded edits that make mutants
(bit flips, truncation, PNG chunk, JPEG marker and TIFF tag edits)."""

from __future__ import annotations

import random
import struct
import zlib

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
