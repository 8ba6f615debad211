"""The pre-commit hooks: a valid manifest, every hook documented, and a real run in a fresh repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import srsly

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
HOOKS = srsly.read_yaml(MANIFEST)
STIGMA = "Met with him at the library.\nHe has been an addict for ten years and wants to change that.\n"
FIXED = "Met with him at the library.\nHe talked about the changes he wants to make this month.\n"


def test_manifest_validates():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("hook_id", "entry"), [("notelint", "notelint check"), ("notelint-fix", "notelint fix --write")])
def test_hook_entries(hook_id, entry):
    hook = next(h for h in HOOKS if h["id"] == hook_id)
    assert hook["entry"] == entry
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


@pytest.mark.parametrize("hook_id", [h["id"] for h in HOOKS])
def test_readme_lists_every_hook(hook_id):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"id: {hook_id}\n" in readme, f"README's pre-commit section does not show hook {hook_id!r}"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_blocks_a_stigmatizing_note_until_it_is_fixed(tmp_path):
    """pre-commit clones this checkout at HEAD, installs it into its own venv and runs the `notelint` hook.

    It tests the committed tree: uncommitted edits in this checkout are not part of the run.
    """
    try:
        rev = _git("rev-parse", "HEAD", cwd=ROOT)
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("this checkout is not a git repository")
    repo = tmp_path / "docs"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    note = repo / "visit.md"
    note.write_text(STIGMA, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: notelint\n", encoding="utf-8"
    )
    _git("add", ".", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("VIRTUAL_ENV", None)

    def run_hooks() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)

    first = run_hooks()
    assert first.returncode == 1, first.stdout + first.stderr
    assert "visit.md:2:" in first.stdout and "NL201" in first.stdout, first.stdout

    note.write_text(FIXED, encoding="utf-8")
    _git("add", ".", cwd=repo)
    second = run_hooks()
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
