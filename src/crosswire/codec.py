"""Plain-dict encoding of the model's dataclasses, for stores and JSON.

Generic over the type hints of ``model.py`` so a new field needs no codec
change: tuples and lists round-trip, datetimes go as ISO 8601 strings. A field
whose shape changed is read in its older shape too (:data:`UPGRADES`), so what
an older crosswire stored still decodes.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from crosswire import model

T = TypeVar("T")


def to_dict(value: Any) -> Any:
    """A JSON-ready structure for a model value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: to_dict(v) for k, v in value.items()}
    return value


Upgrade = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def _offsets_to_span(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Flat ``start`` and ``end`` (before a ``span`` field held them) as the ``span``."""
    if "span" in data or "start" not in data:
        return data
    rest = {k: v for k, v in data.items() if k not in ("start", "end")}
    return rest | {"span": {"start": data["start"], "end": data["end"]}}


def _blank_to_none(*names: str) -> Upgrade:
    """``""``, which once stood for "none" in the ``names`` fields, as None."""

    def upgrade(data: Mapping[str, Any]) -> Mapping[str, Any]:
        blank = [n for n in names if data.get(n) == ""]
        return {**data, **dict.fromkeys(blank)} if blank else data

    return upgrade


#: How a class's dict as an older crosswire wrote it becomes the current shape, applied
#: before decoding (a dict already in the current shape passes unchanged). Sentences and
#: entities held flat ``start``/``end`` offsets until they took a :class:`~model.Span`;
#: ids and notes were ``""`` for none until they were None.
UPGRADES: dict[type, Upgrade] = {
    model.Sentence: _offsets_to_span,
    model.Entity: _offsets_to_span,
    model.Fact: _blank_to_none("id"),
    model.BriefSentence: _blank_to_none("fact_id", "note"),
    model.Conflict: _blank_to_none("fact_id"),
    model.Position: _blank_to_none("topic", "target"),
}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a model dataclass from :func:`to_dict` output."""
    return typing.cast(T, _decode(cls, data))


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is typing.Literal:
        return data
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        return tuple(_decode(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_decode(arg, v) for v in data]
    if origin is dict:
        _, val = typing.get_args(tp)
        return {k: _decode(val, v) for k, v in data.items()}
    if tp is datetime:
        return datetime.fromisoformat(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in UPGRADES:
            data = UPGRADES[tp](data)
        hints = _hints(tp)
        kwargs = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    if tp is float and isinstance(data, int):
        return float(data)
    return data
