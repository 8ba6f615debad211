"""Configuration files: `[tool.notelint]` in `pyproject.toml`, or a `.notelint.toml`, found upward from each note.

Precedence is command line > the nearest configuration file > built-in defaults. Every value keeps a note of
where it came from, so `notelint config` can say why notelint behaves as it does. A malformed file is one
`NotelintError` naming the file and the key.

    [tool.notelint]
    select = ["NL1", "non-judgment"]
    ignore = ["NL205"]
    profile = "record"
    fail-on = "error"
    severity = { NL203 = "info" }
    allow = { staff = ["Dana Whitfield"], programs = ["Bridges House"] }
    policy = { gift_max_value = 25 }
    extra-patterns = ["notelint/agency.yaml"]
    [tool.notelint.per-file-ignores]
    "training/**" = ["NL2"]
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .catalogue import SEVERITIES, load_catalogue
from .config import PROFILES, Settings
from .errors import NotelintError

DEDICATED = ".notelint.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_SOURCE = "default"
CLI_SOURCE = "command line"

# key in the file -> Settings field; per-file-ignores is applied per note, not stored on Settings.
KEYS = {
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "profile": "profile",
    "fail-on": "fail_on",
    "client": "client",
    "model": "model",
    "allow": "allow",
    "policy": "policy",
    "extra-patterns": "extra_patterns",
    "per-file-ignores": None,
}


@dataclass(frozen=True)
class ConfigFile:
    """One parsed configuration file: its values as Settings fields, and its per-file ignores."""

    path: Path
    values: Mapping[str, Any]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent

    def ignores_for(self, note: Path) -> tuple[str, ...]:
        """Codes the `per-file-ignores` globs (relative to this file's folder) switch off for `note`."""
        try:
            rel = note.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return ()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            # "dir/**" should also match files directly in dir; fnmatch's * already crosses "/".
            if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.replace("**/", "")):
                out.extend(codes)
        return tuple(out)


@dataclass(frozen=True)
class Effective:
    """The settings for one note and, for each Settings field, where its value came from."""

    settings: Settings
    sources: Mapping[str, str] = field(default_factory=dict)
    config_path: Path | None = None


def _fail(path: Path, key: str | None, problem: str) -> NotelintError:
    # Dotted key paths, not "[tool.notelint]": square brackets would read as terminal markup.
    table = "tool.notelint" if path.name == PYPROJECT else ""
    where = ".".join(part for part in (table, key) if part) or "notelint settings"
    return NotelintError(f"{path}: {where}: {problem}")


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, key, "expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _choice(path: Path, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _fail(path, key, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _severity(path: Path, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _fail(path, "severity", 'expected a table of rule code = severity, e.g. { NL203 = "info" }')
    out = []
    for code, sev in value.items():
        out.append((code.upper(), _choice(path, f"severity.{code}", sev, SEVERITIES)))
    return tuple(out)


def _allow(path: Path, value: Any) -> tuple[str, ...]:
    """A flat list, or named vocabularies (`staff`, `agency`, `programs`...) that are merged."""
    if isinstance(value, dict):
        words: list[str] = []
        for name, vocabulary in value.items():
            words.extend(_strings(path, f"allow.{name}", vocabulary))
        return tuple(words)
    return _strings(path, "allow", value)


def _policy(path: Path, value: Any) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, dict):
        raise _fail(path, "policy", "expected a table of setting = value, e.g. { gift_max_value = 25 }")
    # Lists become tuples so Settings stays hashable (notes are grouped by their Settings).
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())


def _per_file_ignores(path: Path, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _fail(path, "per-file-ignores", 'expected a table of glob = [codes], e.g. { "training/**" = ["NL2"] }')
    return tuple((glob, _strings(path, f"per-file-ignores.{glob!r}", codes)) for glob, codes in value.items())


def _extra_patterns(path: Path, value: Any) -> tuple[str, ...]:
    out = []
    for item in _strings(path, "extra-patterns", value):
        pattern_file = (path.parent / item).resolve()
        if not pattern_file.is_file():
            raise _fail(path, "extra-patterns", f"pattern file {item!r} not found (looked for {pattern_file})")
        out.append(str(pattern_file))
    return tuple(out)


def parse(path: Path, table: Mapping[str, Any]) -> ConfigFile:
    """Validate one notelint table and turn it into Settings field values."""
    values: dict[str, Any] = {}
    per_file: tuple = ()
    for key, value in table.items():
        if key not in KEYS:
            raise _fail(path, key, f"unknown key (known: {', '.join(KEYS)})")
        if key in ("select", "ignore"):
            values[key] = _strings(path, key, value)
        elif key == "severity":
            values["severity"] = _severity(path, value)
        elif key == "profile":
            values["profile"] = _choice(path, key, value, PROFILES)
        elif key == "fail-on":
            values["fail_on"] = _choice(path, key, value, SEVERITIES + ("never",))
        elif key in ("client", "model"):
            if not isinstance(value, str) or not value.strip():
                raise _fail(path, key, "expected a non-empty string")
            values[key] = value.strip()
        elif key == "allow":
            values["allow"] = _allow(path, value)
        elif key == "policy":
            values["policy"] = _policy(path, value)
        elif key == "extra-patterns":
            values["extra_patterns"] = _extra_patterns(path, value)
        elif key == "per-file-ignores":
            per_file = _per_file_ignores(path, value)
    return ConfigFile(path, values, per_file)


def _read(path: Path) -> ConfigFile | None:
    """The file's notelint table, or None for a pyproject.toml without `[tool.notelint]`."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise NotelintError(f"{path}: cannot read: {exc.strerror or exc}") from None
    # Keyed on size and mtime so a long-lived process (the web page, tests) sees an edited file.
    return _read_cached(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_cached(path: Path, mtime_ns: int, size: int) -> ConfigFile | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise NotelintError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotelintError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if "notelint" not in tool:
            return None
        table = tool["notelint"]
    else:
        # A dedicated file may hold the keys at top level or under [tool.notelint].
        table = data.get("tool", {}).get("notelint", data) if set(data) == {"tool"} else data
    if not isinstance(table, dict):
        raise _fail(path, None, "expected a table")
    return parse(path, table)


def load(path: Path | str) -> ConfigFile:
    """Read one configuration file given explicitly (`--config`); it must hold notelint settings."""
    path = Path(path)
    if not path.is_file():
        raise NotelintError(f"{path}: configuration file not found")
    found = _read(path.resolve())
    if found is None:
        raise NotelintError(f"{path}: has no [tool.notelint] table")
    return found


def _discover_in(folder: Path) -> ConfigFile | None:
    for directory in (folder, *folder.parents):
        for name in (DEDICATED, PYPROJECT):
            candidate = directory / name
            if candidate.is_file():
                found = _read(candidate)
                if found is not None:
                    return found
    return None


def discover(note: Path | str) -> ConfigFile | None:
    """The nearest configuration file above `note` (a file or folder); `.notelint.toml` wins in one folder."""
    note = Path(note).resolve()
    return _discover_in(note if note.is_dir() else note.parent)


def _check_policy(path: Path | None, policy: tuple[tuple[str, Any], ...], extra_patterns: tuple[str, ...]) -> None:
    """Policy keys must be settings some rule reads, with a value of the type of its documented default."""
    if not policy:
        return
    defaults: dict[str, Any] = {}
    for rule in load_catalogue(extra_patterns):
        defaults.update(rule.settings)
    where = str(path) if path else "policy"
    for key, value in policy:
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise NotelintError(f"{where}: policy.{key}: no rule reads this setting (known: {known})")
        default = defaults[key]
        if isinstance(default, bool) != isinstance(value, bool) or (
            isinstance(default, (int, float)) and not isinstance(value, (int, float))
        ) or (isinstance(default, str) and not isinstance(value, str)):
            raise NotelintError(f"{where}: policy.{key}: expected a value like {default!r}, got {value!r}")


def _check_file_values(found: ConfigFile) -> None:
    """Validate the file's own codes and principles so the error names the file, not a command-line option."""
    settings = Settings(**found.values)
    catalogue = load_catalogue(settings.extra_patterns)
    try:
        settings.validate(catalogue)
    except NotelintError as exc:
        key, _, problem = str(exc).lstrip("-").partition(": ")
        raise _fail(found.path, key, problem) from None
    codes = {r.code for r in catalogue}
    for code, _ in settings.severity:
        if code not in codes:
            raise _fail(found.path, f"severity.{code}", "not a rule code; `notelint rules` lists them")
    for glob, selectors in found.per_file_ignores:
        try:
            Settings(ignore=selectors, extra_patterns=settings.extra_patterns).validate(catalogue)
        except NotelintError as exc:
            raise _fail(found.path, f"per-file-ignores.{glob!r}", str(exc).split(": ", 1)[1]) from None


def resolve(
    note: Path | str | None = None,
    cli: Mapping[str, Any] | None = None,
    explicit: Path | str | None = None,
) -> Effective:
    """The effective settings for one note: command-line values, then its config file, then defaults.

    Args:
        note: the note (or folder) whose nearest configuration applies; None or "-" means the working folder.
        cli: Settings field values given on the command line; None or empty values count as not given.
        explicit: a configuration file named with `--config`, used instead of discovery.
    """
    if explicit is not None:
        found = load(explicit)
    else:
        found = discover(Path.cwd() if note in (None, "-", "<stdin>") else note)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {name: DEFAULT_SOURCE for name in Settings.__dataclass_fields__}
    per_file: tuple[str, ...] = ()
    if found is not None:
        _check_file_values(found)
        for name, value in found.values.items():
            values[name] = value
            sources[name] = str(found.path)
        if note not in (None, "-", "<stdin>"):
            per_file = found.ignores_for(Path(note))
    for name, value in (cli or {}).items():
        if value not in (None, (), ""):
            values[name] = value
            sources[name] = CLI_SOURCE
    if per_file:
        # per-file-ignores add to whichever ignore list won, the command line's included.
        values["ignore"] = tuple(values.get("ignore", ())) + per_file
        note_of = f"{found.path} (per-file-ignores)"
        sources["ignore"] = note_of if sources["ignore"] == DEFAULT_SOURCE else f"{sources['ignore']} + {note_of}"
    settings = Settings(**values)
    _check_policy(found.path if found else None, settings.policy, settings.extra_patterns)
    settings = settings.validate(load_catalogue(settings.extra_patterns))
    return Effective(settings, sources, found.path if found else None)


def describe(effective: Effective) -> list[tuple[str, Any, str]]:
    """(key, value, source) rows for `notelint config`, in the file's own key spelling."""
    settings = effective.settings
    rows = []
    for key, name in KEYS.items():
        if name is None:
            continue
        value = getattr(settings, name)
        if name in ("severity", "policy"):
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        rows.append((key, value, effective.sources.get(name, DEFAULT_SOURCE)))
    return rows
