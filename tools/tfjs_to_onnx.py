"""This project's converter from the TF.js graph of NanoDet to ONNX (build time only; see
build_vehicle_detector.py): constant sub-graphs folded with numpy, NHWC ops wrapped in
transpose pairs that cancel against the graph's own, float16 weights kept behind a Cast."""

from __future__ import annotations

import base64

import numpy as np
import onnx
from nanodet_spec import COCO_CLASSES, FEATURE_OUTPUTS, INPUT_SIZE, OPSET
from onnx import TensorProto, helper, numpy_helper


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
