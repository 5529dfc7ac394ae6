"""Regenerate the Chinese translation: ``python -m vincheck.gui.i18n.build``.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP``
   text of ``vincheck/gui`` into ``vincheck_zh_CN.ts`` (existing translations are kept);
2. texts get the translation from :mod:`vincheck.gui.i18n.zh_CN` (the
   dictionary maintained with the code; texts it lacks keep what Qt Linguist wrote);
3. ``pyside6-lrelease`` compiles the .ts into the ``vincheck_zh_CN.qm`` shipped with the
   package. Texts without a translation are reported and show in English.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from vincheck.gui.i18n import I18N_DIR
from vincheck.gui.i18n.zh_CN import TRANSLATIONS

GUI_DIR = I18N_DIR.parent
TS = I18N_DIR / "vincheck_zh_CN.ts"
QM = I18N_DIR / "vincheck_zh_CN.qm"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it ships with PySide6)")
    return found


def fill(ts_path: Path) -> list[str]:
    """Fill unfinished messages from TRANSLATIONS; returns the sources still missing."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for msg in tree.getroot().iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None:
            continue
        if tr.get("type") == "vanished" or tr.get("type") == "obsolete":
            continue
        zh = TRANSLATIONS.get(source)
        if zh is None:  # keep what a translator wrote in Qt Linguist
            if tr.get("type") == "unfinished" or not (tr.text or len(tr)):
                missing.append(source)
            continue
        if msg.get("numerus") == "yes":
            for child in list(tr):
                tr.remove(child)
            ET.SubElement(tr, "numerusform").text = zh
        else:
            tr.text = zh
        tr.attrib.pop("type", None)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    sources = sorted(str(p) for p in GUI_DIR.rglob("*.py") if "i18n" not in p.parts)
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(TS)], check=True)
    missing = fill(TS)
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for m in missing:
        print(f"untranslated: {m!r}")
    print(f"{QM} written; {len(missing)} text(s) untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
