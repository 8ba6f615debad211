"""The OpenAPI 3.1 description served at `/api/openapi.json`, for EHR integrations.

Written by hand so it documents the contract rather than the code; the web API tests validate real responses
against these schemas, so the two cannot drift apart.
"""

from __future__ import annotations

from .. import __version__
from ..catalogue import SEVERITIES
from ..config import PROFILES
from ..principles import principle_slugs


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _schemas() -> dict:
    principles = sorted(principle_slugs())
    string_list = {"type": "array", "items": {"type": "string"}}
    settings_fields = {
        "profile": {"type": "string", "enum": list(PROFILES), "description": "strict (default) or record."},
        "client": {"type": ["string", "null"], "description": "The client's name, for the record profile."},
    }
    return {
        "Error": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": {"type": "string", "description": "A stable code such as too_large or invalid_field."},
                "message": {"type": "string", "description": "One line saying what to change; never quotes the note."},
            },
        },
        "LintRequest": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "minLength": 1, "description": "The note, as plain text."},
                "show_identifiers": {"type": "boolean", "default": False,
                                     "description": "Return identifier text instead of masking it (J*** S****)."},
                "select": {**string_list, "description": "Only these codes, code prefixes or principles."},
                "ignore": {**string_list, "description": "Skip these codes, code prefixes or principles."},
                **settings_fields,
            },
        },
        "Finding": {
            "type": "object",
            "description": "The same object `notelint check --format json` prints. Offsets count Unicode code points.",
            "required": ["rule", "name", "category", "principle", "severity", "message", "suggestions", "line",
                         "column", "end_line", "end_column", "start", "end", "text"],
            "properties": {
                "rule": {"type": "string", "pattern": "^NL[0-9]{3}$"},
                "name": {"type": "string"},
                "category": {"type": "string"},
                "principle": {"type": "string", "enum": principles},
                "severity": {"type": "string", "enum": list(SEVERITIES)},
                "message": {"type": "string"},
                "suggestions": {"type": "array", "items": {"type": "string"}},
                "line": {"type": "integer", "minimum": 1},
                "column": {"type": "integer", "minimum": 1},
                "end_line": {"type": "integer", "minimum": 1},
                "end_column": {"type": "integer", "minimum": 1},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "text": {"type": "string", "description": "The matched text; masked for identifiers unless asked."},
            },
        },
        "LintResponse": {
            "type": "object",
            "required": ["version", "findings", "summary"],
            "properties": {
                "version": {"type": "integer", "description": "The JSON wire-format version."},
                "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                "summary": {
                    "type": "object",
                    "required": ["findings", "by_severity", "by_principle", "by_rule"],
                    "properties": {
                        "findings": {"type": "integer"},
                        "by_severity": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "by_principle": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "by_rule": {"type": "object", "additionalProperties": {"type": "integer"}},
                    },
                },
            },
        },
        "RedactRequest": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "minLength": 1},
                "pseudonymize": {"type": "boolean", "default": False,
                                 "description": "Numbered stand-ins, the same for each mention: [PERSON-1], [PHONE-1]."},
                **settings_fields,
            },
        },
        "RedactResponse": {
            "type": "object",
            "required": ["version", "text"],
            "properties": {"version": {"type": "integer"}, "text": {"type": "string"}},
        },
        "Rule": {
            "type": "object",
            "required": ["code", "name", "category", "principle", "severity", "message", "rationale", "source",
                         "suggestions", "label", "fixable"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "category": {"type": "string"},
                "principle": {"type": "string", "enum": principles},
                "severity": {"type": "string", "enum": list(SEVERITIES)},
                "message": {"type": "string"},
                "rationale": {"type": "string", "description": "Why it matters."},
                "source": {"type": "array", "items": {"type": "string"}},
                "suggestions": {"type": "array", "items": {"type": "string"}},
                "label": {"type": "string", "description": "What redaction puts in place of a match, e.g. [PHONE]."},
                "fixable": {"type": "boolean"},
            },
        },
        "Principle": {
            "type": "object",
            "required": ["slug", "title", "description"],
            "properties": {"slug": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}},
        },
        "RulesResponse": {
            "type": "object",
            "required": ["version", "rules", "principles"],
            "properties": {
                "version": {"type": "integer"},
                "rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}},
                "principles": {"type": "array", "items": {"$ref": "#/components/schemas/Principle"}},
            },
        },
        "Health": {
            "type": "object",
            "required": ["status", "version", "model", "rules"],
            "properties": {
                "status": {"type": "string", "enum": ["ok"]},
                "version": {"type": "string"},
                "model": {"type": "string", "description": "The base spaCy model in use."},
                "rules": {"type": "integer", "description": "Active rules."},
            },
        },
    }


def _json_body(ref: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _ok(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def document(max_bytes: int) -> dict:
    """The OpenAPI document; `max_bytes` is the request size limit this server enforces."""
    bad_input = {
        "400": _error("The body is not JSON."),
        "413": _error(f"The body is over {max_bytes:,} bytes."),
        "415": _error("The body is not sent as application/json."),
        "422": _error("A field is missing, unknown or of the wrong type, or names an unknown rule."),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "notelint",
            "version": __version__,
            "description": (
                "Check peer-recovery case notes for identifiers, stigmatizing language and ethics red flags. "
                "Runs on the machine that started `notelint serve`; notes are checked in memory and never "
                "stored or logged."
            ),
        },
        "paths": {
            "/api/lint": {"post": {
                "summary": "Lint one note",
                "operationId": "lint",
                "requestBody": _json_body("LintRequest"),
                "responses": {"200": _ok("LintResponse", "Findings, sorted by position."), **bad_input},
            }},
            "/api/redact": {"post": {
                "summary": "Replace the identifiers in one note",
                "operationId": "redact",
                "requestBody": _json_body("RedactRequest"),
                "responses": {"200": _ok("RedactResponse", "The note with identifiers replaced."), **bad_input},
            }},
            "/api/rules": {"get": {
                "summary": "The active rules and the principles they map to",
                "operationId": "rules",
                "responses": {"200": _ok("RulesResponse", "The rule catalogue.")},
            }},
            "/api/health": {"get": {
                "summary": "Whether the server is up and its pipeline loaded",
                "operationId": "health",
                "responses": {"200": _ok("Health", "Ready.")},
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.1 JSON."}},
            }},
        },
        "components": {"schemas": _schemas()},
    }
