"""Read YAML fast (libyaml through PyYAML) with YAML 1.2 scalars, as `srsly`'s ruamel reader gives them.

PyYAML follows YAML 1.1, where `no`, `on` and `yes` are booleans and `21:00` is a base-60 integer; pattern
files use those words as plain strings, so the resolvers below keep the YAML 1.2 core schema. Parsing the
catalogue with ruamel took about a second per start-up; libyaml takes a tenth of that.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BASE):  # type: ignore[misc, valid-type]
    """A safe loader with YAML 1.2 core-schema booleans, integers and floats."""


_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag not in _REPLACED]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                             list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def loads(text: str):
    """Parse one YAML document."""
    return yaml.load(text, Loader=Loader)  # noqa: S506  (Loader is a SafeLoader)


def read(path: Path):
    """Parse a YAML file (UTF-8)."""
    return loads(Path(path).read_text(encoding="utf-8"))
