"""Dependencies run one way (design.md §1): an app never imports one above it.

pyproject.toml's [tool.importlinter] holds the contract; this runs it with every `make test`,
so an upward import fails the suite with the chain that breaks it.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_an_app_above_it():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
