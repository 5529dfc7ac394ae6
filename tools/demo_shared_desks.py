"""Demonstration: two GUI desks and two batch workers on one local PostgreSQL record every
case once, and each desk's history shows all of them.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/demo_shared_desks.py --out /tmp/demo

Starts a throwaway PostgreSQL (devkit/pg_server.py), renders 10 synthetic cases
(benchmarks.batch.build_folder: a rubbing sheet and a car photo each), puts 8 into a hot
folder watched by two ``vincheck batch --watch`` workers (workstations batch-1, batch-2)
and gives one each to two GUI windows (gui-1, gui-2; separate processes, real checks).
Each window records its case, waits until all 10 are recorded, opens History and saves a
screenshot (``<out>/history-gui-N.png``). Prints what each desk's history lists and the
per-desk report, and checks that every expected VIN was recorded exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def gui_desk(url: str, folder: str, ws: str, total: int, png: str) -> int:
    """One GUI desk: check ``folder``'s case, wait for ``total`` records, show History."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from vincheck.gui.i18n import set_language
    from vincheck.gui.main_window import MainWindow
    from vincheck.inspection import CaseInput
    from vincheck.settings import Settings

    app = QApplication.instance() or QApplication([])
    set_language("zh_CN")
    f = Path(folder)
    case = CaseInput(rubbing_files=[str(f / "rubbing.png")], photo_files=[str(f / "photo.jpg")],
                     expected_vin=(f / "expected.txt").read_text().strip(), kind="car")
    settings = Settings(station="站A", operator="demo", workstation=ws, database_url=url)
    w = MainWindow(settings=settings, record=True)
    w.resize(1366, 768)
    w.show()
    w.panel.set_case(case)
    loop = QEventLoop()
    w.checkFinished.connect(lambda *_: loop.quit())
    QTimer.singleShot(600_000, loop.quit)
    w.flow.start_check()
    loop.exec()
    store = w.records.store()
    deadline = time.monotonic() + 600
    while store.count() < total and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.5)
    w.records.show_history()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.05)
    dlg = w.records.history_dialog
    dlg.grab().save(png)
    rows = store.search(limit=None)
    print(json.dumps({"desk": ws, "recorded": w.model.record_id, "history": [
        [r.id, r.workstation, r.expected_vin, r.decided_verdict] for r in rows],
        "messages": w.messages.text_plain()}, ensure_ascii=False), flush=True)
    w.close()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/tmp/vincheck-demo", help="folder for the screenshots")
    ap.add_argument("--gui-desk", nargs=5, metavar=("URL", "FOLDER", "WS", "TOTAL", "PNG"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.gui_desk:
        url, folder, ws, total, png = args.gui_desk
        return gui_desk(url, folder, ws, int(total), png)

    from benchmarks.batch import build_folder
    from devkit.pg_server import start_throwaway
    from vincheck.store import open_store

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cases = build_folder(10)
    names = sorted(p.read_text().strip() for p in cases.glob(".case*"))[:10]
    hot = out / "hot"
    hot.mkdir(exist_ok=True)
    for n in names[:8]:
        if not (hot / n).exists():
            (hot / n).symlink_to(cases / n, target_is_directory=True)
    expect = out / "expect.csv"
    expect.write_text("case,vin\n" + "".join(
        f"{n},{(cases / n / 'expected.txt').read_text().strip()}\n" for n in names[:8]))
    srv = start_throwaway()
    if srv is None:
        print("PostgreSQL is not installed")
        return 1
    url = srv.url()
    env = dict(os.environ, PYTHONPATH=str(REPO), VINCHECK_CONFIG_DIR=str(out / "config"),
               VINCHECK_DATA_DIR=str(out / "data"), OMP_NUM_THREADS="1")
    procs = []
    try:
        open_store(url).close()  # create the schema once
        for i in (1, 2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "vincheck", "batch", str(hot), "--watch", "--db", url,
                 "--jobs", "1", "--interval", "1", "--expect-list", str(expect)],
                env={**env, "VINCHECK_WORKSTATION": f"batch-{i}"}, cwd=REPO,
                stdout=open(out / f"batch-{i}.jsonl", "w"),
                stderr=open(out / f"batch-{i}.log", "w")))
        guis = [subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--gui-desk", url,
             str(cases / names[8 + i]), f"gui-{i + 1}", "10",
             str(out / f"history-gui-{i + 1}.png")], env=env, cwd=REPO,
            stdout=subprocess.PIPE, text=True) for i in range(2)]
        reports = [json.loads(g.communicate(timeout=900)[0].strip().splitlines()[-1])
                   for g in guis]
    finally:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                p.kill()
    for r in reports:
        print(f"desk {r['desk']}: recorded case {r['recorded']}; its history lists "
              f"{len(r['history'])} case(s): " + ", ".join(f"{h[0]}@{h[1]}"
                                                        for h in sorted(r['history'])))
        if r["messages"]:
            print(f"  messages: {r['messages'][:300]}")
    with open_store(url) as st:
        rows = st.search(limit=None)
    vins = sorted(r.expected_vin or "" for r in rows)
    want = sorted((cases / n / "expected.txt").read_text().strip() for n in names)
    print(f"records: {len(rows)}; every expected VIN exactly once: {vins == want}")
    subprocess.run([sys.executable, "-m", "vincheck", "report", "desks", "--db", url],
                   env=env, cwd=REPO, check=False)
    srv.remove()
    return 0 if vins == want else 1


if __name__ == "__main__":
    sys.exit(main())
