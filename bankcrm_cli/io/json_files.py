"""Import files in JSON: an array of objects (.json) or one object per line (.jsonl)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.io.headers import resolve_columns
from bankcrm_cli.io.table import Row, Table, is_blank

# The header of a .jsonl file is the keys of this many first objects.
_JSONL_HEADER_OBJECTS = 1000


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "number")


def _json_cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def open_json(
    f: IO[bytes],
    path: Path,
    kind: str,
    encoding: str,
    header_map: Mapping[str, str] | None,
    size: int,
) -> Table:
    with f:
        text = f.read().decode(encoding).lstrip("\ufeff")
    try:
        items = json.loads(text)
    except json.JSONDecodeError as e:
        raise UnusableInput(
            f"{path.name} is not valid JSON ({e.msg} at line {e.lineno} column {e.colno}); "
            "fix it or export it again"
        ) from None
    if not isinstance(items, list):
        raise UnusableInput(
            f"{path.name} holds a JSON {_json_type(items)}, not an array of objects; "
            "export it as [{...}, {...}] or as JSON lines (.jsonl)"
        )
    header: dict[str, None] = {}
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UnusableInput(
                f"{path.name}: item {i} of the array is not an object; "
                "each item must be one {...} record"
            )
        header.update(dict.fromkeys(item))
    if not header:
        raise UnusableInput(f"{path.name} holds no records; export the data again")
    names = list(header)
    columns = resolve_columns(names, kind, header_map, source=path.name)
    consumed = 0

    def rows() -> Iterator[Row]:
        nonlocal consumed
        for i, item in enumerate(items, start=1):
            consumed = i
            values = [_json_cell(item.get(k)) for k in names]
            if not is_blank(values):
                yield Row(i, values)

    return Table(
        path=path,
        format="json",
        encoding=encoding,
        header=names,
        columns=columns,
        rows=rows(),
        size=size,
        _position=lambda: size * consumed // len(items),
    )


def open_jsonl(
    f: IO[bytes],
    path: Path,
    kind: str,
    encoding: str,
    header_map: Mapping[str, str] | None,
    size: int,
) -> Table:
    stream = io.TextIOWrapper(f, encoding=encoding, newline="")
    try:
        objects = _jsonl_objects(stream, path)
        # The header is the keys of the first objects; a key first seen later is kept as an
        # extra cell after the header's cells.
        buffered: list[tuple[int, dict[str, Any]]] = []
        header: dict[str, None] = {}
        for line, obj in objects:
            buffered.append((line, obj))
            header.update(dict.fromkeys(obj))
            if len(buffered) >= _JSONL_HEADER_OBJECTS:
                break
        if not buffered:
            raise UnusableInput(f"{path.name} holds no records; export the data again")
        names = list(header)
        columns = resolve_columns(names, kind, header_map, source=path.name)
    except BaseException:
        stream.close()
        raise

    def rows() -> Iterator[Row]:
        known = set(names)
        for source in (buffered, objects):
            for line, obj in source:
                values = [_json_cell(obj.get(k)) for k in names]
                if not known.issuperset(obj):
                    values += [_json_cell(v) for k, v in obj.items() if k not in known]
                if not is_blank(values):
                    yield Row(line, values)
            if source is buffered:
                buffered.clear()

    def position() -> int:
        return size if f.closed else f.tell()

    return Table(
        path=path,
        format="jsonl",
        encoding=encoding,
        header=names,
        columns=columns,
        rows=rows(),
        size=size,
        _position=position,
        _close=stream.close,
    )


def _jsonl_objects(stream: IO[str], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, text in enumerate(stream, start=1):
        if line == 1:
            text = text.lstrip("\ufeff")
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            raise UnusableInput(
                f"{path.name} line {line} is not valid JSON ({e.msg}); "
                "each line must be one {...} object"
            ) from None
        if not isinstance(obj, dict):
            raise UnusableInput(
                f"{path.name} line {line} is a JSON {_json_type(obj)}, not an object; "
                "each line must be one {...} object"
            )
        yield line, obj
