"""What a batch writes, as `bargain batch … --describe` says: rows, typed columns with units."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

import pyarrow as pa

_ARROW_TYPES: Dict[str, pa.DataType] = {"float64": pa.float64(), "int64": pa.int64(), "string": pa.string()}


@dataclass(frozen=True)
class Column:
    """One column: its name without the unit, the unit, the CSV header, its role and type."""

    name: str
    unit: str
    header: str
    role: str
    type: str

    def arrow_field(self) -> pa.Field:
        """The Parquet field: typed, the unit (and the CSV header) in the field's metadata."""
        if self.type not in _ARROW_TYPES:
            raise ValueError(f"bargain describes column {self.header!r} with an unknown type {self.type!r}")
        metadata = {"unit": self.unit, "header": self.header, "role": self.role}
        return pa.field(self.name, _ARROW_TYPES[self.type], nullable=True, metadata=metadata)


@dataclass(frozen=True)
class BatchDescription:
    """The batch as a whole: how many rows (scenarios: input rows × draws) and which columns."""

    rows: int
    columns: Tuple[Column, ...]
    bargain_version: str
    model_hash: str
    raw: Dict[str, Any]

    @classmethod
    def from_json(cls, text: str) -> "BatchDescription":
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("rows"), int) or not isinstance(data.get("columns"), list):
            raise ValueError("bargain batch --describe did not print a description of the batch")
        columns = tuple(
            Column(name=str(c["name"]), unit=str(c["unit"]), header=str(c["header"]), role=str(c["role"]), type=str(c["type"]))
            for c in data["columns"]
        )
        return cls(rows=int(data["rows"]), columns=columns, bargain_version=str(data["bargain_version"]),
                   model_hash=str(data["model_hash"]), raw=data)

    def arrow_schema(self, metadata: Dict[str, str]) -> pa.Schema:
        return pa.schema([column.arrow_field() for column in self.columns], metadata=metadata)

    @property
    def headers(self) -> List[str]:
        return [column.header for column in self.columns]
