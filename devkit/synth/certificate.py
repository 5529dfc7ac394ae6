"""Synthetic 机动车整车出厂合格证 (vehicle conformity certificate) pages for tests and
benchmarks.

The layout follows the public form (GB/T-style certificate in use since 2008): the title,
the certificate number and date, a 2D barcode at the top right, and a ruled table of
numbered fields (0 合格证编号 … 34 车辆制造日期) in two columns, a pale security pattern
behind and a red company seal. The barcode here carries the fields as plain UTF-8
``key:value`` pairs (QR or PDF417, written with zxing-cpp); real certificates' barcodes
may be encrypted, which the reader treats like "no readable barcode".

Degradations: rotation (degrees), sensor noise, blur, uneven light, JPEG, a seal over the
VIN value, the barcode missing or smudged. Everything is drawn with a CJK font found on
the machine (Noto Sans/Serif CJK or WenQuanYi); pages are RGB uint8 at ``dpi``.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from devkit.synth.rubbing_vin import random_vin

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)

# printed colour text -> registration colour (the truth)
COLOUR_TEXTS = [
    ("白", "白"), ("白色", "白"), ("珍珠白", "白"), ("极地白", "白"), ("黑", "黑"),
    ("黑色", "黑"), ("曜石黑", "黑"), ("灰", "灰"), ("星空灰", "灰"), ("蓝", "蓝"),
    ("宝石蓝", "蓝"), ("红", "红"), ("烈焰红", "红"), ("绿", "绿"), ("棕", "棕"),
    ("黄", "黄"), ("紫", "紫"), ("粉", "粉"),
]
CAR_NAMES = ["轿车", "多用途乘用车", "运动型多用途乘用车", "纯电动轿车", "插电式混合动力轿车"]
TRAILER_NAMES = ["仓栅式运输半挂车", "厢式运输半挂车", "平板运输半挂车", "罐式运输半挂车"]
MAKERS = ["上汽大众汽车有限公司", "一汽-大众汽车有限公司", "广汽本田汽车有限公司",
          "比亚迪汽车工业有限公司", "中国重汽集团济南卡车股份有限公司"]
BRANDS = ["大众牌", "本田牌", "比亚迪牌", "豪沃牌", "吉利牌"]


@dataclass
class CertificateTruth:
    """What a generated certificate says (``kind`` as vincheck names it)."""

    file: str
    vin: str
    colour_text: str
    colour: str
    kind: str
    vehicle_name: str
    barcode: str  # "qr" | "pdf417" | "none" | "smudged"
    seal_on_vin: bool
    rotation_deg: float
    photo: bool  # phone-photo look (uneven light, JPEG) rather than a flat scan


def find_font() -> str:
    """Path of a CJK font on this machine (raises FileNotFoundError if none)."""
    for p in FONT_CANDIDATES:
        if Path(p).is_file():
            return p
    raise FileNotFoundError("no CJK font found (install fonts-noto-cjk or fonts-wqy-zenhei)")


def _fields(rng: np.random.Generator, vin: str, colour_text: str,
            vehicle_name: str) -> list[tuple[str, str]]:
    """The numbered fields 0-34 of the form (label, value)."""
    n = int(rng.integers(100000000, 999999999))
    maker = MAKERS[int(rng.integers(len(MAKERS)))]
    year = int(rng.integers(2018, 2026))
    trailer = "挂车" in vehicle_name
    return [
        ("合格证编号", f"WAH{n}{int(rng.integers(100000, 999999))}"),
        ("发证日期", f"{year}年{int(rng.integers(1, 13)):02d}月{int(rng.integers(1, 29)):02d}日"),
        ("车辆制造企业名称", maker),
        ("车辆品牌/车辆名称", f"{BRANDS[int(rng.integers(len(BRANDS)))]}/{vehicle_name}"),
        ("车辆型号", f"SVW{int(rng.integers(1000, 9999))}{'ABCDEF'[int(rng.integers(6))]}"),
        ("车辆识别代号/车架号", vin),
        ("车身颜色", colour_text),
        ("底盘型号/底盘ID", "——" if not trailer else f"ZZ{int(rng.integers(1000, 9999))}"),
        ("底盘合格证编号", "——"),
        ("发动机型号", "——" if trailer else f"EA{int(rng.integers(100, 999))}"),
        ("发动机号", "——" if trailer else f"{int(rng.integers(100000, 999999))}"),
        ("燃料种类", "——" if trailer else "汽油"),
        ("排量和功率(ml/kW)", "——" if trailer else f"{int(rng.integers(1000, 2500))}/"
                                                f"{int(rng.integers(60, 180))}"),
        ("排放标准", "——" if trailer else "GB18352.6-2016国Ⅵ"),
        ("油耗", "——" if trailer else f"{rng.uniform(4.5, 9.0):.1f}"),
        ("外廓尺寸(mm)", f"{int(rng.integers(4000, 13000))}×{int(rng.integers(1700, 2550))}"
                        f"×{int(rng.integers(1400, 4000))}"),
        ("货厢内部尺寸(mm)", "——"),
        ("钢板弹簧片数(片)", "——"),
        ("轮胎数", str(int(rng.integers(4, 13)))),
        ("轮胎规格", "225/45R18"),
        ("轮距(前/后)(mm)", f"{int(rng.integers(1500, 1600))}/{int(rng.integers(1500, 1600))}"),
        ("轴距(mm)", str(int(rng.integers(2500, 3100)))),
        ("轴荷(kg)", f"{int(rng.integers(800, 1200))}/{int(rng.integers(700, 1100))}"),
        ("轴数", "2"),
        ("转向形式", "方向盘"),
        ("总质量(kg)", str(int(rng.integers(1500, 40000)))),
        ("整备质量(kg)", str(int(rng.integers(1200, 8000)))),
        ("额定载质量(kg)", "——"),
        ("载质量利用系数", "——"),
        ("准牵引总质量(kg)", "——"),
        ("半挂车鞍座最大允许总质量(kg)", "——"),
        ("驾驶室准乘人数(人)", "——"),
        ("额定载客(人)", str(int(rng.integers(2, 8)))),
        ("最高设计车速(km/h)", str(int(rng.integers(120, 220)))),
        ("车辆制造日期",
         f"{year}年{int(rng.integers(1, 13)):02d}月{int(rng.integers(1, 29)):02d}日"),
    ]


def _barcode_image(payload: str, kind: str, module_px: int) -> Image.Image:
    import zxingcpp

    fmt = zxingcpp.BarcodeFormat.QRCode if kind == "qr" else zxingcpp.BarcodeFormat.PDF417
    code = zxingcpp.create_barcode(payload, fmt)
    img = np.array(zxingcpp.write_barcode_to_image(code, scale=module_px))
    return Image.fromarray(img).convert("RGB")


def _seal(size: int, maker: str, font_path: str) -> Image.Image:
    """A red round company seal on a transparent background (RGBA)."""
    s = size
    im = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    red = (215, 30, 40, 200)
    d.ellipse((4, 4, s - 4, s - 4), outline=red, width=max(3, s // 40))
    star = ImageFont.truetype(font_path, s // 5)
    d.text((s / 2, s / 2), "★", font=star, fill=red, anchor="mm")
    f = ImageFont.truetype(font_path, s // 10)
    d.text((s / 2, s * 0.72), "合格证专用章", font=f, fill=red, anchor="mm")
    # the maker's name along the upper arc
    chars = list(maker[:12])
    for i, ch in enumerate(chars):
        a = np.deg2rad(-150 + 120 * (i + 0.5) / len(chars))
        x = s / 2 + 0.36 * s * np.cos(a)
        y = s / 2 + 0.36 * s * np.sin(a)
        glyph = Image.new("RGBA", (s // 8, s // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((s // 16, s // 16), ch, font=f, fill=red, anchor="mm")
        glyph = glyph.rotate(-np.rad2deg(a) - 90, expand=True)
        im.alpha_composite(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)))
    return im


def render_certificate(rng: np.random.Generator, *, dpi: int = 150, barcode: str = "qr",
                       seal_on_vin: bool = False, vin: str | None = None,
                       colour_text: str | None = None, vehicle_name: str | None = None
                       ) -> tuple[Image.Image, dict[str, Any]]:
    """A clean certificate page (A4 landscape at ``dpi``) and its truth fields."""
    font_path = find_font()
    vin = vin or random_vin(rng)
    if colour_text is None:
        colour_text, colour = COLOUR_TEXTS[int(rng.integers(len(COLOUR_TEXTS)))]
    else:
        colour = next((c for t, c in COLOUR_TEXTS if t == colour_text), colour_text[-1:])
    if vehicle_name is None:
        names = TRAILER_NAMES if rng.random() < 0.25 else CAR_NAMES
        vehicle_name = names[int(rng.integers(len(names)))]
    fields = _fields(rng, vin, colour_text, vehicle_name)
    mm = dpi / 25.4
    w, h = int(297 * mm), int(210 * mm)
    page = Image.new("RGB", (w, h), (250, 250, 246))
    d = ImageDraw.Draw(page)
    # security pattern: pale green waves
    for k in range(0, h, max(4, int(3 * mm))):
        xs = np.arange(0, w, 6)
        ys = k + 1.2 * mm * np.sin(xs / (9 * mm) + k)
        d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=(214, 236, 220), width=1)
    pt = dpi / 72.0
    title_f = ImageFont.truetype(font_path, int(20 * pt))
    f = ImageFont.truetype(font_path, int(8.5 * pt))
    d.text((w / 2, 16 * mm), "机动车整车出厂合格证", font=title_f, fill=(20, 20, 20), anchor="mm")
    d.text((18 * mm, 30 * mm), f"0.合格证编号  {fields[0][1]}", font=f, fill=(20, 20, 20))
    d.text((120 * mm, 30 * mm), f"1.发证日期  {fields[1][1]}", font=f, fill=(20, 20, 20))
    # table: fields 2-18 on the left, 19-34 on the right
    top, bottom = 38 * mm, 198 * mm
    left_cols = (12 * mm, 20 * mm, 62 * mm, 146 * mm)
    right_cols = (146 * mm, 154 * mm, 204 * mm, 285 * mm)
    rows = 17
    rh = (bottom - top) / rows
    vin_box = (0, 0, 0, 0)
    for cols, idx in ((left_cols, range(2, 19)), (right_cols, range(19, 35))):
        for r, i in enumerate(idx):
            y0 = top + r * rh
            label, value = fields[i]
            d.text((cols[0] + 1 * mm, y0 + rh / 2), str(i), font=f, fill=(20, 20, 20),
                   anchor="lm")
            d.text((cols[1] + 1.5 * mm, y0 + rh / 2), label, font=f, fill=(20, 20, 20),
                   anchor="lm")
            d.text((cols[2] + 2 * mm, y0 + rh / 2), value, font=f, fill=(15, 15, 15),
                   anchor="lm")
            if i == 5:
                vin_box = (cols[2], y0, cols[3], y0 + rh)
    grey = (60, 60, 60)
    for cols, n in ((left_cols, 17), (right_cols, 16)):
        for r in range(n + 1):
            y = top + r * rh
            d.line((cols[0], y, cols[3], y), fill=grey, width=max(1, int(0.25 * mm)))
        for x in cols:
            d.line((x, top, x, top + n * rh), fill=grey, width=max(1, int(0.25 * mm)))
    d.text((18 * mm, 203 * mm), "本产品经过检验，符合《机动车安全技术条件》的要求，特此证明。",
           font=f, fill=(20, 20, 20), anchor="lm")
    if barcode in ("qr", "pdf417", "smudged"):
        payload = ";".join(f"{lab}:{val}" for lab, val in fields[:7])
        kind = "qr" if barcode != "pdf417" else "pdf417"
        module = max(2, round(0.5 * mm)) if kind == "qr" else max(2, round(0.45 * mm))
        code = _barcode_image(payload, kind, module)
        x0 = int(w - 12 * mm - code.width)
        page.paste(code, (x0, int(5 * mm)))
        if barcode == "smudged":  # a stain over the barcode's middle: no longer decodes
            cx, cy = x0 + code.width // 2, int(5 * mm) + code.height // 2
            d.ellipse((cx - code.width * 0.35, cy - code.height * 0.3,
                       cx + code.width * 0.35, cy + code.height * 0.3), fill=(40, 40, 40))
    seal = _seal(int(42 * mm), fields[2][1], font_path)
    if seal_on_vin:
        sx = int((vin_box[0] + vin_box[2]) / 2 - seal.width / 2 + rng.uniform(-8, 8) * mm)
        sy = int((vin_box[1] + vin_box[3]) / 2 - seal.height / 2 + rng.uniform(-6, 6) * mm)
    else:
        sx, sy = int(225 * mm), int(150 * mm)
    base = page.convert("RGBA")
    base.alpha_composite(seal, (sx, sy))
    page = base.convert("RGB")
    kind = "trailer" if "挂车" in vehicle_name else "car"
    return page, {"vin": vin, "colour_text": colour_text, "colour": colour, "kind": kind,
                  "vehicle_name": vehicle_name}


def degrade(page: Image.Image, rng: np.random.Generator, *, rotation_deg: float,
            photo: bool) -> Image.Image:
    """Scan or phone-photo look: rotation on a grey/white bed, blur, noise, light, JPEG."""
    bed = (235, 235, 235) if not photo else (120, 110, 100)
    im = page.rotate(rotation_deg, resample=Image.Resampling.BICUBIC, expand=True,
                     fillcolor=bed)
    im = im.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.3, 1.0))))
    a = np.asarray(im).astype(np.float32)
    if photo:  # light falling off across the page
        hh, ww = a.shape[:2]
        gx = np.linspace(rng.uniform(0.75, 0.9), rng.uniform(1.0, 1.08), ww)[None, :, None]
        gy = np.linspace(1.02, rng.uniform(0.85, 0.97), hh)[:, None, None]
        a = a * gx * gy
    a += rng.normal(0, float(rng.uniform(3, 9)), a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=int(rng.integers(60, 90)) if photo else 92)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def write_dataset(out: Path, n: int, seed: int = 11, dpi: int = 150) -> list[CertificateTruth]:
    """Write ``n`` certificates (JPEG) and ``truth.json`` into ``out``; the same ``seed``
    always gives the same pages. A quarter have no barcode, a sixth a smudged one, a
    fifth a seal over the VIN; rotation up to 6 degrees, a third look like phone photos."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    truths: list[CertificateTruth] = []
    for i in range(n):
        u = rng.random()
        barcode = "none" if u < 0.25 else "smudged" if u < 0.42 else (
            "pdf417" if rng.random() < 0.4 else "qr")
        seal_on_vin = bool(rng.random() < 0.2)
        rot = float(rng.uniform(-6, 6))
        photo = bool(rng.random() < 0.33)
        page, t = render_certificate(rng, dpi=dpi, barcode=barcode, seal_on_vin=seal_on_vin)
        page = degrade(page, rng, rotation_deg=rot, photo=photo)
        name = f"cert_{i:03d}.jpg"
        page.save(out / name, "JPEG", quality=95, dpi=(dpi, dpi))
        truths.append(CertificateTruth(file=name, barcode=barcode, seal_on_vin=seal_on_vin,
                                       rotation_deg=round(rot, 2), photo=photo, **t))
    (out / "truth.json").write_text(json.dumps([asdict(t) for t in truths], ensure_ascii=False,
                                               indent=1), encoding="utf-8")
    return truths


def load_dataset(out: Path) -> list[CertificateTruth]:
    data = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    return [CertificateTruth(**d) for d in data]
