"""The rule catalogue: pattern files in `patterns/`, validated when loaded.

A bad file raises one `CatalogueError` naming the file, the rule and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable


from . import catalogue_cache, yamlio
from .errors import CatalogueError
from .principles import principle_slugs
from .resources import patterns_dir

SEVERITIES = ("info", "warning", "error")
SCHEMA_PATH = Path(__file__).parent / "schemas" / "pattern-file.schema.json"
NON_RULE_FILES = {"principles.yaml"}
# The first digit of a code says its family; every ethics category shares NL3xx.
CODE_PREFIX = {"identifiers": "NL1", "language": "NL2", "tool": "NL9"}
ETHICS_PREFIX = "NL3"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Context:
    """How a rule treats the context the `notelint_context` component annotates."""

    negated: str = "skip"
    hypothetical: str = "skip"
    quoted: str = "keep"
    client_quote: str = "info"
    third_party_quote: str | None = None  # words the note attributes to someone else; None: as `quoted`
    in_name: str = "keep"  # inside a proper name or instrument title ("Alcoholics Anonymous")
    subject: tuple[str, ...] = ()
    unless_sentence: tuple[str, ...] = ()
    unless_note: tuple[str, ...] = ()
    requires_note: tuple[str, ...] = ()
    unless_prev: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()
    requires_sentence: tuple[str, ...] = ()
    window: int = 3


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    principle: str
    severity: str
    message: str
    rationale: str
    source: tuple[str, ...]
    suggestions: tuple[str, ...]
    patterns: tuple[dict, ...]
    context: Context
    examples_flag: tuple[str, ...]
    examples_pass: tuple[str, ...]
    file: str
    status: str = "active"
    detector: str = "notelint_rules"
    requires: tuple[str, ...] = ()
    validator: str | None = None
    label: str | None = None
    fix: dict = field(default_factory=dict, hash=False, compare=False)
    settings: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def unmet(self, available: set[str]) -> str | None:
        """Why this rule cannot run with these pipeline components ("needs parser"), or None if it can."""
        missing = [need for need in self.requires if need not in available]
        return f"needs {', '.join(missing)}" if missing else None


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def active(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.active)

    def get(self, code: str) -> Rule:
        for rule in self.rules:
            if rule.code == code.upper() or rule.name == code:
                return rule
        raise KeyError(code)

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _vocab():
    import spacy

    from .spacy_plugins import without_plugins

    return without_plugins(lambda: spacy.blank("en")).vocab


def _where(path: Path, rule: dict | None, index: int | None) -> str:
    if rule is None:
        return str(path)
    ident = rule.get("code") or rule.get("name") or f"#{index}"
    return f"{path}: rule {ident}"


def _json_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _validate_file(path: Path, data: Any) -> None:
    import jsonschema  # only when a file is validated: a cached catalogue needs none of it

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    where = list(err.path)
    rule = None
    index = None
    if len(where) >= 2 and where[0] == "rules" and isinstance(where[1], int):
        index = where[1]
        rule = data["rules"][index] if isinstance(data["rules"][index], dict) else None
        where = where[2:]
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        problem = f"unknown key {', '.join(map(repr, extra))}"
    elif err.validator == "required":
        problem = err.message.replace("is a required property", "is required")
    else:
        problem = err.message
    raise CatalogueError(f"{_where(path, rule, index)}: field {_json_path(where)}: {problem}")


MAX_REPEAT = 8


def _check_patterns(path: Path, raw: dict) -> None:
    from spacy.matcher import DependencyMatcher, Matcher

    vocab = _vocab()
    for i, pattern in enumerate(raw.get("patterns", [])):
        where = f"{_where(path, raw, None)}: field patterns[{i}]"
        for token in pattern.get("token", []):
            wide = re.fullmatch(r"\{(\d*),(\d+)\}", str(token.get("OP", "")))
            if wide and int(wide.group(2)) > MAX_REPEAT:
                # spaCy unrolls {m,n} into n optional tokens; wide ranges multiply the matcher's states.
                raise CatalogueError(f"{where}: OP {token['OP']} repeats more than {MAX_REPEAT} times; use \"*\" instead")
        try:
            if "token" in pattern:
                Matcher(vocab, validate=True).add("x", [pattern["token"]])
            elif "dependency" in pattern:
                DependencyMatcher(vocab, validate=True).add("x", [pattern["dependency"]])
            elif "regex" in pattern:
                re.compile(pattern["regex"])
        except re.error as exc:
            raise CatalogueError(f"{where}.regex: invalid regular expression: {exc}") from None
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError with multi-line text
            first = " ".join(str(exc).split())[:300]
            raise CatalogueError(f"{where}: invalid matcher pattern: {first}") from None


def _rule_from(path: Path, family: str, raw: dict) -> Rule:
    category = raw.get("category", family)
    prefix = CODE_PREFIX.get(category, ETHICS_PREFIX)
    where = _where(path, raw, None)
    if not raw["code"].startswith(prefix):
        raise CatalogueError(f"{where}: field code: category {category!r} needs a code starting {prefix}")
    if raw["principle"] not in principle_slugs():
        known = ", ".join(sorted(principle_slugs()))
        raise CatalogueError(f"{where}: field principle: unknown principle {raw['principle']!r} (known: {known})")
    if raw.get("status", "active") == "active" and not raw.get("patterns") and raw.get("detector") is None:
        raise CatalogueError(f"{where}: field patterns: an active rule needs patterns or a detector")
    _check_patterns(path, raw)
    ctx = raw.get("context", {})
    context = Context(**{k: tuple(v) if isinstance(v, list) else v for k, v in ctx.items()})
    source = raw["source"]
    return Rule(
        code=raw["code"],
        name=raw["name"],
        category=category,
        principle=raw["principle"],
        severity=raw["severity"],
        message=raw["message"].strip(),
        rationale=" ".join(raw["rationale"].split()),
        source=(source,) if isinstance(source, str) else tuple(source),
        suggestions=tuple(raw.get("suggestions", ())),
        patterns=tuple(raw.get("patterns", ())),
        context=context,
        examples_flag=tuple(raw["examples"]["flag"]),
        examples_pass=tuple(raw["examples"]["pass"]),
        file=path.name,
        status=raw.get("status", "active"),
        detector=raw.get("detector", "notelint_rules"),
        requires=_requires(raw),
        validator=raw.get("validator"),
        label=raw.get("label"),
        fix=dict(raw.get("fix", {})),
        settings=dict(raw.get("settings", {})),
    )


# Token attributes a statistical component must have set before a pattern can test them.
ATTR_NEEDS = {"POS": "tagger", "TAG": "tagger", "MORPH": "tagger", "LEMMA": "lemmatizer", "DEP": "parser",
              "ENT_TYPE": "ner", "ENT_IOB": "ner"}


def _token_attrs(pattern) -> set[str]:
    attrs: set[str] = set()
    for token in pattern:
        attrs.update(k.upper() for k in token)
        for key in ("RIGHT_ATTRS", "LEFT_ATTRS"):
            attrs.update(k.upper() for k in token.get(key, {}))
    return attrs


def _requires(raw: dict) -> tuple[str, ...]:
    """Declared needs plus those the patterns imply: dependency patterns need the parser, `ner` the NER, and
    token attributes such as POS or LEMMA the component that sets them."""
    needs = list(raw.get("requires", ()))
    for pattern in raw.get("patterns", ()):
        implied = {"parser"} if "dependency" in pattern else {"ner"} if "ner" in pattern else set()
        for attr in _token_attrs(pattern.get("token", ())) | _token_attrs(pattern.get("dependency", ())):
            if attr in ATTR_NEEDS:
                implied.add(ATTR_NEEDS[attr])
        needs.extend(sorted(n for n in implied if n not in needs))
    return tuple(needs)


def load_file(path: Path) -> list[Rule]:
    """Read and validate one pattern file."""
    try:
        data = yamlio.read(path)
    except Exception as exc:
        first = " ".join(str(exc).split())[:200]
        raise CatalogueError(f"{path}: not valid YAML: {first}") from None
    _validate_file(path, data)
    return [_rule_from(path, data["family"], raw) for raw in data["rules"]]


def pattern_files(extra: Iterable[Path | str] = ()) -> list[Path]:
    base = sorted(p for p in patterns_dir().glob("*.yaml") if p.name not in NON_RULE_FILES)
    return base + [Path(p) for p in extra]


def load_catalogue(extra: Iterable[Path | str] = ()) -> Catalogue:
    """Load every pattern file (the bundled ones, then `extra`), checking codes and names are unique."""
    return _load(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Catalogue:
    files = pattern_files(extra)
    for path in files:
        if not path.is_file():
            raise CatalogueError(f"{path}: pattern file not found")
    key = catalogue_cache.key(files + [SCHEMA_PATH, patterns_dir() / "principles.yaml"])
    cached = catalogue_cache.get(key)
    if isinstance(cached, Catalogue):
        return cached
    catalogue = _validate_all(files)
    catalogue_cache.put(key, catalogue)
    return catalogue


def _validate_all(files: list[Path]) -> Catalogue:
    rules: list[Rule] = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for path in files:
        for rule in load_file(path):
            where = f"{path}: rule {rule.code}"
            if rule.code in seen_codes:
                raise CatalogueError(f"{where}: field code: {rule.code} is already used in {seen_codes[rule.code]}")
            if rule.name in seen_names:
                raise CatalogueError(f"{where}: field name: {rule.name!r} is already used in {seen_names[rule.name]}")
            seen_codes[rule.code] = path.name
            seen_names[rule.name] = path.name
            rules.append(rule)
    return Catalogue(tuple(sorted(rules, key=lambda r: r.code)))
