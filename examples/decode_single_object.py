"""Decodes one Avro single-object encoded record with the Apache Avro Python library, not Hookline's code.

  python3 examples/decode_single_object.py schemas/src/main/avro/DeliveryAttempt.avsc record.bin   → the record as JSON on stdout

Single-object encoding is 2 marker bytes (C3 01) and an 8-byte schema fingerprint, then the
plain Avro binary record; the header is stripped and the rest read with the .avsc file.
"""
import io
import json
import sys

import avro.io
import avro.schema

schema_path, record_path = sys.argv[1], sys.argv[2]
with open(schema_path) as f:
    schema = avro.schema.parse(f.read())
with open(record_path, "rb") as f:
    data = f.read()
if data[:2] != b"\xc3\x01":
    sys.exit("not a single-object encoded record")
record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(data[10:])))
print(json.dumps(record, default=str, sort_keys=True))
