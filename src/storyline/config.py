"""Settings from defaults, then a storyline.toml (or the file --config names), then --set key=value pairs.

A key is a Settings field (`nlp_batch_size = 64`), or a [section] and a key that together name one (`[nlp]`
`batch_size = 64`; `[ingest]` `max_bytes = ...` for a field without the section's prefix). A section that names no
field holds a plug-in stage's own settings, kept in Settings.extra[section]. `storyline config` prints them all.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from storyline.settings import DEFAULT, Settings

CONFIG_FILE = "storyline.toml"  # read from the current directory when no --config is given
FIELDS = {f.name: f for f in fields(Settings)}


class ConfigError(ValueError):
    """A setting that does not exist or has a value of the wrong kind."""


def load(path: str | Path | None = None, sets: Sequence[str] = (), base: Settings = DEFAULT) -> Settings:
    """The settings: `base`, then the config file (the given one, else ./storyline.toml when there is one), then
    each `key=value` of `sets` (the value in TOML syntax; a bare word is a string)."""
    settings = base
    file = Path(path) if path else Path(CONFIG_FILE)
    if path and not file.is_file():
        raise ConfigError(f"no config file {file}")
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{file}: {e}") from e
        settings = apply(settings, flatten(data))
    return apply(settings, dict(parse_set(s) for s in sets))


def parse_set(item: str) -> tuple[str, Any]:
    """('nlp_batch_size', 64) from 'nlp_batch_size=64' or 'nlp.batch_size=64'."""
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--set wants KEY=VALUE, not {item!r}")
    try:
        parsed = tomllib.loads(f"v = {value.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        parsed = value.strip()  # a bare word: a string
    return key.strip().replace(".", "_", 1) if key.strip().replace(".", "_", 1) in FIELDS else key.strip(), parsed


def flatten(data: Mapping[str, Any]) -> dict[str, Any]:
    """A config file's tables as field names: {'nlp': {'batch_size': 64}} -> {'nlp_batch_size': 64}."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(value, dict):
            out[key] = value
            continue
        for sub, v in value.items():
            name = f"{key}_{sub}" if f"{key}_{sub}" in FIELDS else sub if sub in FIELDS else f"{key}.{sub}"
            out[name] = v
    return out


def apply(settings: Settings, values: Mapping[str, Any]) -> Settings:
    """The settings with these values (field names, or 'section.key' for a plug-in's own settings)."""
    changes: dict[str, Any] = {}
    extra = {k: dict(v) if isinstance(v, dict) else v for k, v in settings.extra.items()}
    for key, value in values.items():
        if key in FIELDS and key != "extra":
            changes[key] = coerce(key, value)
        elif "." in key:
            section, sub = key.split(".", 1)
            extra.setdefault(section, {})[sub] = value
        else:
            raise ConfigError(f"unknown setting {key!r} (`storyline config` lists them)")
    return replace(settings, **changes, extra=extra)


def coerce(key: str, value: Any) -> Any:
    """A value as the field's type: lists as tuples, integers as floats where a float is wanted."""
    kind = str(FIELDS[key].type)
    default = getattr(DEFAULT, key)
    if isinstance(default, tuple) or kind.startswith("tuple"):
        items = value if isinstance(value, list | tuple) else [value]
        return tuple(items)
    if value is None or (isinstance(value, str) and value.lower() in ("none", "null") and "None" in kind):
        if "None" not in kind:
            raise ConfigError(f"{key} cannot be empty")
        return None
    if isinstance(default, bool) or kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{key} wants true or false, not {value!r}")
        return value
    if "float" in kind and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if "int" in kind and isinstance(value, int) and not isinstance(value, bool):
        return value
    if "str" in kind and isinstance(value, str):
        return value
    raise ConfigError(f"{key} wants {kind}, not {value!r}")


def dump(settings: Settings) -> str:
    """Every setting as a storyline.toml would write it (unset ones as comments)."""
    lines = []
    for name in FIELDS:
        if name == "extra":
            continue
        value = getattr(settings, name)
        lines.append(f"# {name} = (not set)" if value is None else f"{name} = {_toml(value)}")
    for section, values in settings.extra.items():
        if isinstance(values, dict):
            lines.append(f"\n[{section}]")
            lines.extend(f"{k} = {_toml(v)}" for k, v in values.items())
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    """A value in TOML syntax."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value) if isinstance(value, float) else str(value)
