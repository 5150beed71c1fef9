"""The few ONNX protobuf messages the MiniLM encoder graph needs, written as bytes.

``encoder.encoder_graph`` used ``onnx.helper``; importing ``onnx`` (and ``ml_dtypes`` with
it) cost 0.6 s of CPU in every process that encoded anything, three times what building the
graph costs. The messages here follow onnx.proto (field numbers in the comments' names) and are
written in field-number order, as protobuf itself writes them: ``onnx`` parses these bytes
back to the very same bytes (tests/signals/test_onnx_proto.py).
"""

from __future__ import annotations

import struct
from typing import Sequence, Union

import numpy as np

# TensorProto.DataType
FLOAT, UINT8, INT8, INT32, INT64 = 1, 2, 3, 6, 7
_DATA_TYPES = {np.dtype(np.float32): FLOAT, np.dtype(np.uint8): UINT8, np.dtype(np.int8): INT8,
               np.dtype(np.int32): INT32, np.dtype(np.int64): INT64}
# AttributeProto.AttributeType
_ATTRIBUTE_FLOAT, _ATTRIBUTE_INT, _ATTRIBUTE_INTS = 1, 2, 7
_VARINT, _FIXED32, _LENGTH = 0, 5, 2  # wire types

Attribute = Union[int, float, Sequence[int]]


def _varint(value: int) -> bytes:
    """A base-128 varint; a negative number as its 64-bit two's complement (10 bytes)."""
    value &= (1 << 64) - 1
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _integer(number: int, value: int) -> bytes:
    return _varint(number << 3 | _VARINT) + _varint(value)


def _nested(number: int, payload: bytes) -> bytes:
    """A length-delimited field: a string, bytes or an embedded message."""
    return _varint(number << 3 | _LENGTH) + _varint(len(payload)) + payload


def _text(number: int, value: str) -> bytes:
    return _nested(number, value.encode("utf-8"))


def tensor(name: str, value: np.ndarray) -> bytes:
    """TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian)."""
    data_type = _DATA_TYPES[value.dtype]
    raw = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<")).tobytes()
    return b"".join(_integer(1, d) for d in value.shape) + _integer(2, data_type) + _text(8, name) + _nested(9, raw)


def _attribute(name: str, value: Attribute) -> bytes:
    """AttributeProto: name (1), then f (2), i (3) or ints (8), and its type (20)."""
    if isinstance(value, float):
        body, kind = _varint(2 << 3 | _FIXED32) + struct.pack("<f", value), _ATTRIBUTE_FLOAT
    elif isinstance(value, int):
        body, kind = _integer(3, value), _ATTRIBUTE_INT
    else:
        body, kind = b"".join(_integer(8, v) for v in value), _ATTRIBUTE_INTS
    return _text(1, name) + body + _integer(20, kind)


def node(kind: str, inputs: Sequence[str], output: str, attributes: dict[str, Attribute]) -> bytes:
    """NodeProto named after its one output: input (1), output (2), name (3), op_type (4) and
    the attributes (5) sorted by name, as ``onnx.helper.make_node`` orders them."""
    return (b"".join(_text(1, i) for i in inputs) + _text(2, output) + _text(3, output) + _text(4, kind)
            + b"".join(_nested(5, _attribute(k, v)) for k, v in sorted(attributes.items())))


def value_info(name: str, elem_type: int, shape: Sequence[Union[int, str]]) -> bytes:
    """ValueInfoProto of a tensor: name (1), type (2) → tensor_type (1) → elem_type (1), shape
    (2) → dim (1), each a dim_value (1) or a named dim_param (2)."""
    dims = b"".join(_nested(1, _text(2, d) if isinstance(d, str) else _integer(1, d)) for d in shape)
    return _text(1, name) + _nested(2, _nested(1, _integer(1, elem_type) + _nested(2, dims)))


def graph(nodes: Sequence[bytes], name: str, initializers: Sequence[bytes], inputs: Sequence[bytes],
          outputs: Sequence[bytes]) -> bytes:
    """GraphProto: node (1), name (2), initializer (5), input (11), output (12)."""
    return (b"".join(_nested(1, n) for n in nodes) + _text(2, name) + b"".join(_nested(5, t) for t in initializers)
            + b"".join(_nested(11, i) for i in inputs) + b"".join(_nested(12, o) for o in outputs))


def model(graph_bytes: bytes, ir_version: int, opset: int) -> bytes:
    """ModelProto: ir_version (1), graph (7), opset_import (8) of the default domain ("")."""
    return _integer(1, ir_version) + _nested(7, graph_bytes) + _nested(8, _text(1, "") + _integer(2, opset))
