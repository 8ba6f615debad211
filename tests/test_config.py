"""Configuration files: discovery, precedence (command line > nearest file > defaults), errors, `notelint config`."""

from __future__ import annotations

import json
import textwrap

import pytest


STIGMA = "The man is an addict and says so.\nHis dirty UA came back on Friday.\n"  # NL201 and NL202
AGENCY_RULES = textwrap.dedent("""\
    family: agency
    rules:
      - code: NL399
        name: agency-van-wording
        category: boundaries
        principle: professional-boundaries
        severity: warning
        message: Agency style is "agency vehicle", not "the van".
        rationale: A test rule for an agency's own pattern file.
        source: Fictional agency style guide
        settings: {van_rides_allowed: false}
        patterns:
          - phrase: [the van]
        examples:
          flag: [We rode in the van to the clinic., He waited by the van.]
          pass: [We rode in the agency vehicle., The vanilla latte was cold.]
    """)


def codes_in(output: str) -> set[str]:
    return {f["rule"] for r in json.loads(output)["files"] for f in r["findings"]}


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        pytest.param("", [], {"NL201", "NL202"}, id="no-config"),
        pytest.param('[tool.notelint]\nignore = ["NL202"]\n', [], {"NL201"}, id="file-ignore"),
        pytest.param('[tool.notelint]\nselect = ["non-judgment"]\nignore = ["NL201"]\n', [], {"NL202"}, id="file-select-principle"),
        pytest.param('[tool.notelint]\nignore = ["NL202"]\n', ["--ignore", "NL201"], {"NL202"}, id="cli-beats-file"),
        pytest.param('[tool.notelint]\nseverity = { NL201 = "info" }\nfail-on = "warning"\n', [], {"NL201", "NL202"}, id="severity-keeps-finding"),
    ],
)
def test_config_changes_what_check_reports(run, tmp_path, config, args, expected):
    write(tmp_path / "pyproject.toml", config or "[project]\nname = 'x'\n")
    write(tmp_path / "notes" / "visit.txt", STIGMA)
    code, out, err = run("check", "notes", "--format", "json", *args)
    assert codes_in(out) & {"NL201", "NL202"} == expected, err


# Pin both rules' severities so the table does not depend on the catalogue's defaults.
WARNINGS = '[tool.notelint]\nseverity = { NL201 = "warning", NL202 = "warning" }\n'


@pytest.mark.parametrize(
    ("config", "args", "exit_code"),
    [
        pytest.param(f"{WARNINGS}", [], 1, id="default-fails-on-warning"),
        pytest.param(f'{WARNINGS}fail-on = "error"\n', [], 0, id="file-fail-on"),
        pytest.param(f'{WARNINGS}fail-on = "error"\n', ["--fail-on", "warning"], 1, id="cli-fail-on-wins"),
        pytest.param('[tool.notelint]\nseverity = { NL201 = "error", NL202 = "info" }\nfail-on = "error"\n', [], 1, id="severity-raises"),
    ],
)
def test_fail_on_precedence(run, tmp_path, config, args, exit_code):
    write(tmp_path / ".notelint.toml", config)
    write(tmp_path / "visit.md", STIGMA)
    code, _, err = run("check", "visit.md", *args)
    assert code == exit_code, err


def test_nearest_file_wins_and_dedicated_file_beats_pyproject(run, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.notelint]\nignore = ["NL201"]\n')
    write(tmp_path / "team" / "pyproject.toml", '[tool.notelint]\nignore = ["NL202"]\n')
    write(tmp_path / "team" / ".notelint.toml", 'ignore = ["NL2"]\n')
    write(tmp_path / "top.txt", STIGMA)
    write(tmp_path / "other" / "deep" / "note.txt", STIGMA)
    write(tmp_path / "team" / "a" / "note.txt", STIGMA)
    code, out, _ = run("check", "top.txt", "other", "team", "--format", "json")
    by_file = {r["path"]: {f["rule"] for f in r["findings"]} & {"NL201", "NL202"} for r in json.loads(out)["files"]}
    assert by_file == {"top.txt": {"NL202"}, "other/deep/note.txt": {"NL202"}, "team/a/note.txt": set()}


def test_per_file_ignores_apply_on_top_of_command_line(run, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.notelint.per-file-ignores]\n"training/**" = ["NL201"]\n')
    write(tmp_path / "training" / "module1" / "script.md", STIGMA)
    write(tmp_path / "notes" / "visit.md", STIGMA)
    code, out, _ = run("check", ".", "--ignore", "NL202", "--format", "json")
    by_file = {r["path"]: {f["rule"] for f in r["findings"]} & {"NL201", "NL202"} for r in json.loads(out)["files"]}
    assert by_file == {"notes/visit.md": {"NL201"}, "training/module1/script.md": set()}


def test_explicit_config_replaces_discovery(run, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.notelint]\nignore = ["NL201"]\n')
    write(tmp_path / "elsewhere" / "strict.toml", '[tool.notelint]\nignore = ["NL202"]\n')
    write(tmp_path / "visit.txt", STIGMA)
    _, out, _ = run("check", "visit.txt", "--config", "elsewhere/strict.toml", "--format", "json")
    assert codes_in(out) & {"NL201", "NL202"} == {"NL201"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param('[tool.notelint]\nselct = ["NL2"]\n', "tool.notelint.selct: unknown key", id="unknown-key"),
        pytest.param('[tool.notelint]\nselect = "NL2\n', "not valid TOML", id="bad-toml"),
        pytest.param('[tool.notelint]\nselect = [2]\n', "tool.notelint.select: expected a list of non-empty strings", id="bad-type"),
        pytest.param('[tool.notelint]\nselect = ["NL7"]\n', "tool.notelint.select: 'NL7' is not a rule code", id="unknown-code"),
        pytest.param('[tool.notelint]\nprofile = "lenient"\n', "tool.notelint.profile: 'lenient' is not one of strict, record", id="bad-profile"),
        pytest.param('[tool.notelint]\nfail-on = "critical"\n', "tool.notelint.fail-on: 'critical'", id="bad-fail-on"),
        pytest.param('[tool.notelint]\nseverity = { NL201 = "fatal" }\n', "tool.notelint.severity.NL201: 'fatal'", id="bad-severity"),
        pytest.param('[tool.notelint]\nseverity = { NL799 = "info" }\n', "tool.notelint.severity.NL799: not a rule code", id="severity-unknown-code"),
        pytest.param('[tool.notelint]\npolicy = { gift_maximum = 20 }\n', "policy.gift_maximum: no rule reads this setting", id="unknown-policy"),
        pytest.param('[tool.notelint]\nextra-patterns = ["missing.yaml"]\n', "pattern file 'missing.yaml' not found", id="missing-extra"),
        pytest.param('[tool.notelint.per-file-ignores]\n"a/**" = ["NL8"]\n', "per-file-ignores.'a/**'", id="bad-per-file"),
    ],
)
def test_malformed_config_is_one_line_exit_2(run, tmp_path, config, message):
    write(tmp_path / "pyproject.toml", config)
    write(tmp_path / "visit.txt", STIGMA)
    code, out, err = run("check", "visit.txt")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "pyproject.toml" in lines[0] and message in lines[0], err
    assert "Traceback" not in err


def test_extra_patterns_are_validated_by_the_catalogue_loader(run, tmp_path):
    write(tmp_path / "rules" / "agency.yaml", AGENCY_RULES.replace("principle: professional-boundaries", "principle: kindness"))
    write(tmp_path / "pyproject.toml", '[tool.notelint]\nextra-patterns = ["rules/agency.yaml"]\n')
    write(tmp_path / "visit.txt", STIGMA)
    code, _, err = run("check", "visit.txt")
    assert code == 2
    assert "agency.yaml: rule NL399: field principle: unknown principle 'kindness'" in err


def test_extra_patterns_and_their_policy_settings(run, tmp_path):
    write(tmp_path / "rules" / "agency.yaml", AGENCY_RULES)
    write(tmp_path / "pyproject.toml",
          '[tool.notelint]\nextra-patterns = ["rules/agency.yaml"]\npolicy = { van_rides_allowed = true }\n')
    write(tmp_path / "visit.txt", "We rode in the van to the clinic.\n")
    code, out, _ = run("check", "visit.txt", "--format", "json")
    assert "NL399" in codes_in(out)
    write(tmp_path / "pyproject.toml",
          '[tool.notelint]\nextra-patterns = ["rules/agency.yaml"]\npolicy = { van_rides_allowed = "yes" }\n')
    code, _, err = run("check", "visit.txt")
    assert code == 2 and "policy.van_rides_allowed: expected a value like False" in err


def test_config_command_shows_values_and_where_they_came_from(run, tmp_path):
    write(tmp_path / "pyproject.toml", textwrap.dedent("""\
        [tool.notelint]
        profile = "record"
        allow = { staff = ["Dana Whitfield"], programs = ["Bridges House"] }
        [tool.notelint.per-file-ignores]
        "training/**" = ["NL2"]
        """))
    write(tmp_path / "training" / "script.md", STIGMA)
    code, out, _ = run("config", "training/script.md", "--fail-on", "error", "--format", "json")
    assert code == 0
    settings = json.loads(out)["settings"]
    config_path = str(tmp_path / "pyproject.toml")
    assert settings["profile"] == {"value": "record", "source": config_path}
    assert settings["allow"] == {"value": ["Dana Whitfield", "Bridges House"], "source": config_path}
    assert settings["fail-on"] == {"value": "error", "source": "command line"}
    assert settings["ignore"] == {"value": ["NL2"], "source": f"{config_path} (per-file-ignores)"}
    assert settings["select"] == {"value": [], "source": "default"}
    code, text, _ = run("config", ".")
    assert code == 0 and 'profile = "record"' in text and f"# {config_path}" in text


def test_config_command_without_any_file(run, tmp_path):
    code, out, _ = run("config")
    assert code == 0
    assert "none found (defaults apply)" in out and 'profile = "strict"' in out
