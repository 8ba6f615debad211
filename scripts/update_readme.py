"""Regenerate the README's generated sections: the rule table and the sample output.

    python scripts/update_readme.py          # rewrite README.md in place
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def rule_table() -> str:
    from notelint.catalogue import load_catalogue
    from notelint.cli import rules_markdown

    return rules_markdown(load_catalogue().active)


def sample_output() -> str:
    proc = subprocess.run([sys.executable, "-m", "notelint", "check", "examples/group-note.md"], cwd=ROOT,
                          capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""})
    return proc.stdout.rstrip()


def replace_section(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    text = replace_section(text, "rules", rule_table())
    text = replace_section(text, "sample", sample_output())
    README.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
