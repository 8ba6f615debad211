"""The JSON API behind `notelint serve`: same findings as the CLI, clear errors, one pipeline, nothing kept."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import warnings

import jsonschema
import pytest

httpx = pytest.importorskip("httpx")  # the test extra; Starlette's TestClient needs it
from starlette.routing import Route  # noqa: E402

with warnings.catch_warnings():
    # Newer Starlette prefers the httpx2 fork for its TestClient but still works with httpx.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from notelint import lint  # noqa: E402
from notelint.catalogue import load_catalogue  # noqa: E402
from notelint.cli import main  # noqa: E402
from notelint.findings import Finding  # noqa: E402
from notelint.web import app as web_app  # noqa: E402
from notelint.web import openapi  # noqa: E402

BASE = "http://127.0.0.1"
# Fictional notes, written for these tests.
NOTES = [
    "Walked with the client to the food bank. She is a recovering addict and proud of it.",
    "His dirty drop at the clinic came up again; we talked about next steps.",
    "Quiet session. We planned the week and she chose two meetings to try.",
    "Line one of a note.\nLine two: the junkies by the station were loud.\n",
    "Call back at 412-555-0143 after group; her email is casey.rowan@example.org.",
]
SECRET = "Marigold-Quokka-7731"  # a phrase no log line or file may ever contain


@pytest.fixture(scope="module")
def client(nlp):
    with TestClient(web_app.create_app(), base_url=BASE) as c:
        yield c


def identifier_finding(text: str, word: str, rule: str = "NL103") -> Finding:
    start = text.index(word)
    return Finding(rule=rule, name="phone-number", category="identifiers", principle="confidentiality",
                   severity="error", message="A phone number identifies a person.", suggestions=(),
                   line=1, column=start + 1, end_line=1, end_column=start + len(word) + 1,
                   start=start, end=start + len(word), text=word)


# ---- the same findings as `check --format json` ----------------------------------------------------------

@pytest.mark.parametrize("note", NOTES)
def test_lint_returns_what_check_json_prints(client, note, tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(note, encoding="utf-8")
    main(["check", "--format", "json", "--fail-on", "never", str(path)])
    from_cli = json.loads(capsys.readouterr().out)["files"][0]["findings"]

    response = client.post("/api/lint", json={"text": note})

    assert response.status_code == 200
    assert response.json()["findings"] == from_cli


@pytest.mark.parametrize(("body", "shown"), [
    ({}, "***-***-****"),
    ({"show_identifiers": False}, "***-***-****"),
    ({"show_identifiers": True}, "555-014-2288"),
])
def test_identifier_text_is_masked_unless_asked(client, monkeypatch, body, shown):
    note = "Call back at 555-014-2288 after group."
    monkeypatch.setattr(web_app.Linter, "lint", lambda self, text, settings: [identifier_finding(text, "555-014-2288")])

    finding = client.post("/api/lint", json={"text": note, **body}).json()["findings"][0]

    assert finding["text"] == shown
    assert (finding["start"], finding["end"]) == (13, 25)  # the page needs offsets, not text


@pytest.mark.parametrize(("body", "kept", "dropped"), [
    ({"select": ["NL202"]}, {"NL202"}, {"NL201"}),
    ({"ignore": ["NL202"]}, {"NL201"}, {"NL202"}),
    ({"ignore": ["non-judgment"]}, set(), {"NL201", "NL202"}),
])
def test_lint_request_narrows_the_rules(client, body, kept, dropped):
    note = "The addict had a dirty UA on Monday."
    found = {f["rule"] for f in client.post("/api/lint", json={"text": note, **body}).json()["findings"]}
    assert kept <= found and not (dropped & found)


def test_lint_summary_counts_the_findings(client):
    data = client.post("/api/lint", json={"text": NOTES[0]}).json()
    assert data["summary"]["findings"] == len(data["findings"]) > 0
    assert sum(data["summary"]["by_severity"].values()) == len(data["findings"])


# ---- errors -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "kwargs", "status", "error"), [
    ("POST", "/api/lint", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "invalid_json"),
    ("POST", "/api/lint", {"content": b"", "headers": {"content-type": "application/json"}}, 400, "invalid_json"),
    ("POST", "/api/lint", {"content": b"\xff\xfe", "headers": {"content-type": "application/json"}}, 400, "invalid_json"),
    ("POST", "/api/lint", {"content": SECRET.encode(), "headers": {"content-type": "text/plain"}}, 415, "unsupported_media_type"),
    ("POST", "/api/lint", {"json": [SECRET]}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {}}, 422, "missing_field"),
    ("POST", "/api/lint", {"json": {"text": 42}}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {"text": "   \n"}}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {"text": SECRET, "colour": "red"}}, 422, "unknown_field"),
    ("POST", "/api/lint", {"json": {"text": SECRET, "select": "NL2"}}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {"text": SECRET, "select": ["ZZ9"]}}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {"text": SECRET, "profile": "loose"}}, 422, "invalid_field"),
    ("POST", "/api/lint", {"json": {"text": SECRET, "show_identifiers": "yes"}}, 422, "invalid_field"),
    ("POST", "/api/redact", {"json": {"text": SECRET, "show_identifiers": True}}, 422, "unknown_field"),
    ("GET", "/api/lint", {}, 405, "method_not_allowed"),
    ("DELETE", "/api/rules", {}, 405, "method_not_allowed"),
    ("GET", "/api/notes", {}, 404, "not_found"),
])
def test_bad_requests_get_one_clear_json_error(client, method, path, kwargs, status, error):
    response = client.request(method, path, **kwargs)

    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error
    assert body["message"] and "\n" not in body["message"]
    assert SECRET not in body["message"]


@pytest.mark.parametrize("chunked", [False, True], ids=["with-length", "chunked"])
def test_oversized_body_is_refused_with_413(nlp, chunked):
    body = json.dumps({"text": "word " * 400}).encode()
    content = iter([body[:1000], body[1000:]]) if chunked else body
    with TestClient(web_app.create_app(max_bytes=1000), base_url=BASE) as small:
        response = small.post("/api/lint", content=content, headers={"content-type": "application/json"})

    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert "1,000-byte limit" in response.json()["message"]


def test_a_body_just_under_the_limit_is_accepted(nlp):
    body = json.dumps({"text": "Quiet session today."}).encode()
    with TestClient(web_app.create_app(max_bytes=len(body)), base_url=BASE) as small:
        response = small.post("/api/lint", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200


def test_a_failure_is_a_500_without_the_note_in_the_answer_or_the_logs(client, monkeypatch, caplog):
    def broken(self, text, settings):
        raise RuntimeError(f"could not parse {text}")

    monkeypatch.setattr(web_app.Linter, "lint", broken)
    with caplog.at_level(logging.DEBUG):
        response = client.post("/api/lint", json={"text": f"Session with {SECRET} today."})

    assert response.status_code == 500
    assert response.json()["error"] == "internal"
    assert SECRET not in response.text
    assert "RuntimeError" in caplog.text and SECRET not in caplog.text


def test_requests_from_another_host_name_are_refused(client):
    # A web page elsewhere cannot reach the loopback server by rebinding its own name to 127.0.0.1.
    response = client.get("/api/health", headers={"host": "notes.example.com"})
    assert response.status_code == 400


# ---- redact -----------------------------------------------------------------------------------------------

REDACT_NOTE = "Texted him at 412-555-0143 and wrote to casey.rowan@example.org about the ride."


@pytest.mark.parametrize("pseudonymize", [False, True])
def test_redact_returns_what_notelint_redact_gives(client, pseudonymize):
    from notelint.redact import redact_text

    response = client.post("/api/redact", json={"text": REDACT_NOTE, "pseudonymize": pseudonymize})

    assert response.status_code == 200
    assert response.json()["text"] == redact_text(REDACT_NOTE, pseudonymize=pseudonymize)


@pytest.mark.parametrize(("pseudonymize", "placeholder"), [(False, "[PHONE]"), (True, "[PHONE-1]")])
def test_redact_removes_the_identifiers(client, pseudonymize, placeholder):
    redacted = client.post("/api/redact", json={"text": REDACT_NOTE, "pseudonymize": pseudonymize}).json()["text"]
    assert "412-555-0143" not in redacted and "casey.rowan" not in redacted
    assert placeholder in redacted


def test_rule_labels_are_the_placeholders_redaction_uses(client):
    from notelint.redact import redact_text

    labels = {r["code"]: r["label"] for r in client.get("/api/rules").json()["rules"]}
    phone = next(f for f in lint(REDACT_NOTE) if "412" in f.text)
    assert labels[phone.rule] in redact_text(REDACT_NOTE)


# ---- rules, health, OpenAPI ------------------------------------------------------------------------------

def test_rules_lists_every_active_rule_with_why_and_source(client):
    data = client.get("/api/rules").json()
    by_code = {r["code"]: r for r in data["rules"]}
    assert set(by_code) == {r.code for r in load_catalogue().active}
    assert all(r["rationale"] and r["source"] and r["label"].startswith("[") for r in data["rules"])
    assert len(data["principles"]) == 8


def test_health_says_ok_with_model_and_rule_count(client):
    data = client.get("/api/health").json()
    assert data["status"] == "ok"
    assert data["rules"] == len(load_catalogue().active)
    assert data["model"]


def test_openapi_documents_every_api_route(client):
    document = client.get("/api/openapi.json").json()
    routes = {r.path for r in client.app.routes if isinstance(r, Route) and r.path.startswith("/api/")}
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == routes


@pytest.mark.parametrize(("method", "path", "body", "schema"), [
    ("POST", "/api/lint", {"text": NOTES[0]}, "LintResponse"),
    ("POST", "/api/redact", {"text": NOTES[0]}, "RedactResponse"),
    ("GET", "/api/rules", None, "RulesResponse"),
    ("GET", "/api/health", None, "Health"),
    ("POST", "/api/lint", {"text": 1}, "Error"),
    ("POST", "/api/lint", {"text": "x", "nope": 1}, "Error"),
])
def test_responses_match_the_openapi_schemas(client, method, path, body, schema):
    document = openapi.document(web_app.MAX_REQUEST_BYTES)
    validator = jsonschema.Draft202012Validator({**document, "$ref": f"#/components/schemas/{schema}"})
    response = client.request(method, path, json=body) if body is not None else client.request(method, path)
    validator.validate(response.json())


@pytest.mark.parametrize("request_body", [
    {"text": NOTES[1], "select": ["NL2"], "ignore": ["NL201"], "profile": "record", "client": "Robin"},
    {"text": NOTES[1], "show_identifiers": True},
])
def test_documented_request_fields_are_accepted(client, request_body):
    schema = openapi.document(web_app.MAX_REQUEST_BYTES)["components"]["schemas"]["LintRequest"]
    jsonschema.validate(request_body, schema)
    assert client.post("/api/lint", json=request_body).status_code == 200


# ---- one pipeline, concurrency, privacy ------------------------------------------------------------------

def test_concurrent_requests_share_one_pipeline_and_keep_their_own_findings(nlp, monkeypatch):
    import notelint.pipeline

    def no_second_pipeline(*args, **kwargs):
        raise AssertionError("a request built another pipeline")

    monkeypatch.setattr(notelint.pipeline, "build", no_second_pipeline)
    notes = [f"{note} (copy {i})" for i in range(4) for note in NOTES]
    expected = [[f.to_dict() for f in lint(n)] for n in notes]

    async def run_all():
        transport = httpx.ASGITransport(app=web_app.create_app())
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
            return await asyncio.gather(*(c.post("/api/lint", json={"text": n}) for n in notes))

    responses = asyncio.run(run_all())

    assert [r.status_code for r in responses] == [200] * len(notes)
    assert [r.json()["findings"] for r in responses] == expected


def test_health_answers_while_a_long_note_is_linted(nlp):
    long_note = " ".join(NOTES) * 60

    async def run():
        transport = httpx.ASGITransport(app=web_app.create_app())
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
            slow = asyncio.create_task(c.post("/api/lint", json={"text": long_note}))
            await asyncio.sleep(0.05)
            health = await c.get("/api/health")
            return slow.done(), health, await slow

    lint_done_first, health, slow = asyncio.run(run())
    assert health.status_code == 200 and slow.status_code == 200
    assert not lint_done_first  # health did not wait behind the lint


def test_no_note_text_in_logs_and_nothing_written(nlp, tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)
    note = f"Met {SECRET} at the clinic; he is an addict, and his dirty UA came up."
    with caplog.at_level(logging.DEBUG), TestClient(web_app.create_app(), base_url=BASE) as c:
        statuses = [
            c.post("/api/lint", json={"text": note}).status_code,
            c.post("/api/redact", json={"text": note}).status_code,
            c.post("/api/lint", json={"text": note, "select": ["ZZ9"]}).status_code,
            c.post("/api/lint", content=note.encode(), headers={"content-type": "text/plain"}).status_code,
        ]
    assert statuses == [200, 200, 422, 415]
    assert SECRET not in caplog.text
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/static/style.css", "/api/health", "/api/openapi.json"])
def test_every_response_forbids_caching(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("asset", sorted(p.name for p in web_app.STATIC.iterdir()))
def test_page_assets_load_nothing_from_the_network(asset):
    text = (web_app.STATIC / asset).read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text and 'src="//' not in text
    assert "localStorage" not in text and "sessionStorage" not in text and "indexedDB" not in text


def test_the_page_says_nothing_is_stored(client):
    assert "Nothing is stored." in client.get("/").text


# ---- the serve command -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["serve", "--port", "70000"], "--port"),
    (["serve", "--profile", "loose"], "--profile"),
    (["serve", "--config", "no-such-config.toml"], "no-such-config.toml"),
    (["serve", "--host", "no-such-host.invalid", "--port", "0"], "cannot listen on no-such-host.invalid"),
])
def test_serve_refuses_bad_options_with_one_line_and_exit_2(nlp, args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_serve_on_a_busy_port_is_one_line_and_exit_2(nlp, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert f"cannot listen on 127.0.0.1:{port}" in err and "\n" not in err
