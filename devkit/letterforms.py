"""The one table of letterforms the project can render, with its train / held-out split.

Dev-only (not shipped in the wheel). Read by the glyph classifier's trainer
(``tools/train_glyph_classifier.py``: ``split == "train"`` only) and by the synthetic
rubbing generator (``devkit/synth/rubbing_font.py``: both sides; the benchmark reports them
separately). A family or drawn style is on exactly one side; whole families are held out,
never single faces of a trained family (the one exception, DejaVu Sans Condensed, is
marked ``tags`` "style-of-trained-family" and kept out of the headline's family count).

Outline faces come from Debian font packages (all permissive: OFL, GPL+FE, Bitstream
Vera / DejaVu, LPPL, Apache, public domain OCR-A/OCR-B); a face whose file is not
installed is skipped (see :func:`available`). Drawn styles are rendered by code:
``grid5x7`` and ``vector_strokes`` by the trainer itself (and the generator's old
``dot_matrix`` / ``stroke`` / ``segment_stroke``, which draw nearly the same shapes, so
they count as *seen*), ``dot_peen_round`` and ``die_struck`` by :mod:`devkit.styles`,
code no training style shares, from held-out families' outlines.

APT packages needed for the whole table: :data:`APT_PACKAGES` (scripts/setup.sh).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TRAIN = "train"
HELD_OUT = "held_out"
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/share/texmf/fonts/opentype/public"))

APT_PACKAGES = (
    "fonts-dejavu-core", "fonts-dejavu-extra", "fonts-liberation", "fonts-freefont-ttf",
    "fonts-urw-base35", "fonts-croscore", "fonts-crosextra-carlito",
    "fonts-crosextra-caladea", "fonts-cantarell", "fonts-roboto", "fonts-open-sans",
    "fonts-lato", "fonts-texgyre", "fonts-ocr-a", "fonts-ocr-b", "fonts-noto-mono",
    "fonts-inconsolata", "fonts-hack", "fonts-firacode", "fonts-jetbrains-mono",
    "fonts-b612", "fonts-league-spartan", "fonts-oxygen", "fonts-bebas-neue",
    "fonts-opendin", "fonts-league-mono", "fonts-mononoki",
)


@dataclass(frozen=True)
class Letterform:
    """One renderable letterform.

    ``name``: unique key (the generator's font name); ``family``: the design family (the
    unit of the split); ``split``: :data:`TRAIN` or :data:`HELD_OUT`; ``kind``: "outline"
    (``source`` a font file path relative to one of :data:`FONT_ROOTS`) or "drawn"
    (``source`` names the drawing code); ``tags``: what it stands for (condensed, wide,
    mono, dot-peen, die-struck, ocr-b-like, din-like ...); ``max_width``: the widest glyph
    the generator lets through, x glyph height (narrow dies 0.62; wide faces more).
    """

    name: str
    family: str
    split: str
    kind: str
    source: str
    tags: tuple[str, ...] = ()
    max_width: float = 0.62

    @property
    def path(self) -> Path | None:
        """The installed font file, or None (drawn styles, missing packages)."""
        if self.kind != "outline":
            return None
        for root in FONT_ROOTS:
            p = root / self.source
            if p.is_file():
                return p
        return None


def _o(name: str, family: str, split: str, source: str, *tags: str,
       max_width: float = 0.62) -> Letterform:
    return Letterform(name, family, split, "outline", source, tuple(tags), max_width)


def _d(name: str, family: str, split: str, source: str, *tags: str,
       max_width: float = 0.62) -> Letterform:
    return Letterform(name, family, split, "drawn", source, tuple(tags), max_width)


T, H = TRAIN, HELD_OUT
TT, OT = "truetype/", "opentype/"
LETTERFORMS: tuple[Letterform, ...] = (
    # ---- training side: outline families -------------------------------------------
    _o("dejavu_sans", "DejaVu Sans", T, TT + "dejavu/DejaVuSans.ttf", "sans"),
    _o("dejavu_sans_bold", "DejaVu Sans", T, TT + "dejavu/DejaVuSans-Bold.ttf", "sans", "bold"),
    _o("mono_bold", "DejaVu Sans Mono", T, TT + "dejavu/DejaVuSansMono-Bold.ttf", "mono", "bold"),
    _o("dejavu_mono", "DejaVu Sans Mono", T, TT + "dejavu/DejaVuSansMono.ttf", "mono"),
    _o("dejavu_serif_bold", "DejaVu Serif", T, TT + "dejavu/DejaVuSerif-Bold.ttf", "serif"),
    _o("liberation_sans", "Liberation Sans", T, TT + "liberation/LiberationSans-Regular.ttf",
       "sans"),
    _o("liberation_sans_bold", "Liberation Sans", T, TT + "liberation/LiberationSans-Bold.ttf",
       "sans", "bold"),
    _o("liberation_mono_bold", "Liberation Mono", T,
       TT + "liberation/LiberationMono-Bold.ttf", "mono", "bold"),
    _o("liberation_serif_bold", "Liberation Serif", T,
       TT + "liberation/LiberationSerif-Bold.ttf", "serif"),
    _o("free_sans_bold", "FreeSans", T, TT + "freefont/FreeSansBold.ttf", "sans", "bold"),
    _o("free_mono_bold", "FreeMono", T, TT + "freefont/FreeMonoBold.ttf", "mono", "bold"),
    _o("nimbus_sans_bold", "Nimbus Sans", T, OT + "urw-base35/NimbusSans-Bold.otf", "sans"),
    _o("nimbus_sans_narrow_bold", "Nimbus Sans", T,
       OT + "urw-base35/NimbusSansNarrow-Bold.otf", "sans", "condensed"),
    _o("nimbus_mono_bold", "Nimbus Mono", T, OT + "urw-base35/NimbusMonoPS-Bold.otf", "mono"),
    _o("urw_gothic_demi", "URW Gothic", T, OT + "urw-base35/URWGothic-Demi.otf", "geometric",
       max_width=0.75),
    _o("carlito_bold", "Carlito", T, TT + "crosextra/Carlito-Bold.ttf", "sans"),
    _o("lato_bold", "Lato", T, TT + "lato/Lato-Bold.ttf", "sans", "bold"),
    _o("lato_black", "Lato", T, TT + "lato/Lato-Black.ttf", "sans", "bold"),
    _o("cantarell_bold", "Cantarell", T, OT + "cantarell/Cantarell-Bold.otf", "sans"),
    _o("hack_bold", "Hack", T, TT + "hack/Hack-Bold.ttf", "mono"),
    _o("jetbrains_mono_bold", "JetBrains Mono", T, TT + "jetbrains-mono/JetBrainsMono-Bold.ttf",
       "mono"),
    _o("fira_code_bold", "Fira Code", T, TT + "firacode/FiraCode-Bold.ttf", "mono"),
    _o("inconsolata", "Inconsolata", T, TT + "inconsolata/Inconsolata.otf", "mono"),
    _o("noto_sans_mono_bold", "Noto Sans Mono", T, TT + "noto/NotoSansMono-Bold.ttf", "mono"),
    _o("b612_mono_bold", "B612", T, OT + "b612/B612Mono-Bold.otf", "mono"),
    _o("league_spartan_bold", "League Spartan", T, OT + "league-spartan/LeagueSpartan-Bold.otf",
       "geometric", max_width=0.75),
    _o("oxygen_sans_bold", "Oxygen", T, TT + "oxygen/Oxygen-Sans-Bold.ttf", "sans"),
    _o("mononoki_bold", "mononoki", T, TT + "mononoki/mononoki-Bold.ttf", "mono"),
    _o("texgyre_heros_bold", "TeX Gyre Heros", T, "tex-gyre/texgyreheros-bold.otf", "sans"),
    _o("texgyre_cursor_bold", "TeX Gyre Cursor", T, "tex-gyre/texgyrecursor-bold.otf", "mono"),
    # ---- training side: drawn styles (the trainer's own code) -------------------------
    _d("grid5x7", "5x7 grid", T, "devkit/glyph_sources.py:bitmap_mask",
       "dot-matrix", "square-dots", "grid-strokes"),
    _d("vector_strokes", "vector strokes", T, "devkit/glyph_sources.py:stroke_mask",
       "single-stroke"),
    # the generator's older drawn fonts: the same shapes as the two above (seen styles)
    _d("dot_matrix", "5x7 grid", T, "devkit/synth/rubbing_font.py:_grid_glyph", "dot-matrix"),
    _d("stroke", "5x7 grid", T, "devkit/synth/rubbing_font.py:_grid_glyph", "grid-strokes"),
    _d("segment_stroke", "vector strokes", T, "devkit/synth/rubbing_font.py:_segment_glyph",
       "single-stroke"),
    # ---- held out: whole families and drawn styles never trained on -------------------
    _o("ocr_b", "OCR-B", H, OT + "ocr-b/OCRB.otf", "ocr-b-like", "mono"),
    _o("ocr_a", "OCR-A", H, TT + "ocr-a/OCRA.ttf", "ocr", "mono"),
    _o("din", "OSP-DIN", H, TT + "opendin/OSP-DIN.ttf", "din-like", "condensed"),
    _o("roboto_bold", "Roboto", H, TT + "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf", "sans"),
    _o("roboto_condensed_bold", "Roboto", H,
       TT + "roboto/unhinted/RobotoCondensed-Bold.ttf", "sans", "condensed"),
    _o("open_sans_cond_bold", "Open Sans", H, TT + "open-sans/OpenSans-CondBold.ttf",
       "sans", "condensed"),
    _o("open_sans_bold", "Open Sans", H, TT + "open-sans/OpenSans-Bold.ttf", "sans"),
    _o("league_mono_narrow_bold", "League Mono", H,
       OT + "league-mono/LeagueMono-NarrowBold.otf", "mono", "condensed"),
    _o("league_mono_wide_bold", "League Mono", H, OT + "league-mono/LeagueMono-WideBold.otf",
       "mono", "wide", max_width=0.9),
    _o("league_mono_extended_semibold", "League Mono", H,
       OT + "league-mono/LeagueMono-ExtendedSemiBold.otf", "mono", "wide", max_width=1.0),
    _o("bebas_neue_bold", "Bebas Neue", H, OT + "bebas-neue/BebasNeue-Bold.otf",
       "condensed", "display"),
    _o("condensed_bold", "DejaVu Sans Condensed", H, TT + "dejavu/DejaVuSansCondensed-Bold.ttf",
       "condensed", "style-of-trained-family"),
    _d("dot_peen_round", "dot peen (devkit)", H, "devkit/styles.py:dot_peen",
       "dot-peen", "round-dots"),
    _d("die_struck", "die struck (devkit)", H, "devkit/styles.py:die_struck",
       "die-struck", "din-like"),
)

# Start/stop marks. Trained: what the trainer draws (stars, diamonds, triangles, rings
# with a letter, crosses, filled or open circles, plus) and symbol-font glyphs; held out:
# shapes only devkit.styles draws (a hash, a random maker's emblem, a hexagon nut).
SYMBOL_SPLIT: dict[str, str] = {
    "★": T, "☆": T, "※": T, "◆": T, "▲": T, "●": T, "maker": T,
    "#": H, "logo": H, "hexagon": H,
}


def by_name(name: str) -> Letterform:
    """The letterform called ``name`` (KeyError for an unknown one)."""
    for lf in LETTERFORMS:
        if lf.name == name:
            return lf
    raise KeyError(f"unknown letterform {name!r}")


def available(split: str | None = None, kind: str | None = None) -> list[Letterform]:
    """Letterforms of ``split`` (and ``kind``) that can be rendered here (outline faces
    whose font file is installed, every drawn style)."""
    return [lf for lf in LETTERFORMS
            if (split is None or lf.split == split) and (kind is None or lf.kind == kind)
            and (lf.kind == "drawn" or lf.path is not None)]


def symbols(split: str) -> list[str]:
    """The start/stop marks of ``split``."""
    return [s for s, sp in SYMBOL_SPLIT.items() if sp == split]


def split_summary() -> dict[str, dict[str, list[str]]]:
    """{split: {family: [letterform names]}} (for the classifier's JSON and the README)."""
    out: dict[str, dict[str, list[str]]] = {TRAIN: {}, HELD_OUT: {}}
    for lf in LETTERFORMS:
        out[lf.split].setdefault(lf.family, []).append(lf.name)
    return out


def check_split() -> None:
    """Raise ValueError when a family appears on both sides or a name twice."""
    names = [lf.name for lf in LETTERFORMS]
    if len(set(names)) != len(names):
        raise ValueError("duplicate letterform names")
    side: dict[str, str] = {}
    for lf in LETTERFORMS:
        if side.setdefault(lf.family, lf.split) != lf.split:
            raise ValueError(f"family {lf.family!r} is on both sides of the split")


check_split()
