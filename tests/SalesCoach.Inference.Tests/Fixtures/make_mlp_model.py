"""Builds a small ONNX model independently of our C# writer (onnx.helper + numpy) and the
reference outputs numpy computes for it. Usage: make_mlp_model.py OUT_DIR
Writes OUT_DIR/model.onnx and OUT_DIR/expected.json {"x": [...], "shape": [...], "probs": [...], "hidden": [...]}."""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out_dir = sys.argv[1]
rng = np.random.default_rng(20240611)
batch, features, hidden, classes = 5, 6, 16, 3
w1 = rng.standard_normal((features, hidden)).astype(np.float32)
b1 = rng.standard_normal(hidden).astype(np.float32)
w2 = rng.standard_normal((hidden, classes)).astype(np.float32)
b2 = rng.standard_normal(classes).astype(np.float32)

nodes = [
    helper.make_node("MatMul", ["x", "w1"], ["h0"]),
    helper.make_node("Add", ["h0", "b1"], ["h1"]),
    helper.make_node("Relu", ["h1"], ["hidden"]),
    helper.make_node("MatMul", ["hidden", "w2"], ["l0"]),
    helper.make_node("Add", ["l0", "b2"], ["logits"]),
    helper.make_node("Softmax", ["logits"], ["probs"], axis=-1),
]
graph = helper.make_graph(
    nodes,
    "fixture_mlp",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", features])],
    [
        helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", classes]),
        helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", hidden]),
    ],
    initializer=[numpy_helper.from_array(a, n) for a, n in [(w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2")]],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="fixture")
model.ir_version = 7
onnx.checker.check_model(model, full_check=True)
onnx.save(model, os.path.join(out_dir, "model.onnx"))

x = rng.standard_normal((batch, features)).astype(np.float32)
h = np.maximum(x @ w1 + b1, 0).astype(np.float32)
logits = (h @ w2 + b2).astype(np.float64)
e = np.exp(logits - logits.max(axis=1, keepdims=True))
probs = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
with open(os.path.join(out_dir, "expected.json"), "w") as f:
    json.dump({
        "shape": [batch, features],
        "x": [float(v) for v in x.ravel()],
        "probs": [float(v) for v in probs.ravel()],
        "hidden": [float(v) for v in h.ravel()],
    }, f)
