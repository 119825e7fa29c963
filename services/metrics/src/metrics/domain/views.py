"""The stored records' common form: a typed view over a JSON dict kept in a table.

Reading a record from a table wraps the stored dict, and writing it back stores the
same dict: no copy and no conversion on the per-event path, so the stored tables
(JSON values) hold exactly what the domain works on.
"""

from __future__ import annotations

from typing import Any


class JsonView:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def to_json(self) -> dict[str, Any]:
        return self.data

    def text(self, key: str) -> str:
        return str(self.data[key])

    def number(self, key: str) -> int:
        return int(self.data[key])
