"""Import files in JSON: an array of objects (.json) or one object per line (.jsonl)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from bankcrm_cli.domain.catalogue import t
from bankcrm_cli.domain.errors import UnusableInput
from bankcrm_cli.io.headers import resolve_columns
from bankcrm_cli.io.table import Row, Table, is_blank

# The header of a .jsonl file is the keys of this many first objects.
_JSONL_HEADER_OBJECTS = 1000
# No field holds a number this long (text cells stop at 500 characters); Python itself would
# refuse to read an integer of more than 4,300 digits.
_MAX_NUMBER_CHARS = 500


class _UnusableNumber(ValueError):
    """A number in the file no field can hold: too long, infinite, or not a number."""

    def __init__(self, text: str, why: str):
        super().__init__(why)
        self.text = text
        self.why = why


def _number(parse):
    def checked(text: str) -> object:
        if len(text) > _MAX_NUMBER_CHARS:
            raise _UnusableNumber(text, t("in.json_long_number", length=f"{len(text):,}"))
        value = parse(text)
        if isinstance(value, float) and not math.isfinite(value):
            raise _UnusableNumber(text, t("in.json_huge_number", start=text[:20]))
        return value

    return checked


def _constant(text: str) -> object:
    raise _UnusableNumber(text, t("in.json_constant", text=text))


def _loads(text: str, path: Path, where: str) -> object:
    """One JSON document; what it cannot be read as is one line naming `where` it is."""
    try:
        return json.loads(
            text, parse_int=_number(int), parse_float=_number(float), parse_constant=_constant
        )
    except json.JSONDecodeError as e:
        at = (
            t("in.json_at", column=e.colno)
            if where
            else t("in.json_at_line", line=e.lineno, column=e.colno)
        )
        whole = " ".join(filter(None, (path.name, where)))
        raise UnusableInput(t("in.json_invalid", where=whole, detail=e.msg, at=at)) from None
    except _UnusableNumber as e:
        line = where or t(
            "in.json_line", line=text.count(chr(10), 0, max(0, text.find(e.text))) + 1
        )
        raise UnusableInput(t("in.json_number", name=path.name, line=line, why=e.why)) from None
    except RecursionError:
        whole = " ".join(filter(None, (path.name, where)))
        raise UnusableInput(t("in.json_deep", where=whole)) from None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "true/false", type(None): "null"}
    return t(f"in.jtype.{names.get(type(value), 'number')}")


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
    items = _loads(text, path, "")
    if not isinstance(items, list):
        raise UnusableInput(t("in.json_not_array", name=path.name, type=_json_type(items)))
    header: dict[str, None] = {}
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UnusableInput(t("in.json_item", name=path.name, item=i))
        header.update(dict.fromkeys(item))
    if not header:
        raise UnusableInput(t("in.json_no_records", name=path.name))
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
            raise UnusableInput(t("in.json_no_records", name=path.name))
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
        obj = _loads(text, path, t("in.json_line", line=line))
        if not isinstance(obj, dict):
            raise UnusableInput(
                t("in.jsonl_not_object", name=path.name, line=line, type=_json_type(obj))
            )
        yield line, obj
