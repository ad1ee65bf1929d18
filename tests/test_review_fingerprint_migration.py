"""Migration blog 0020: reviews stored with the version-1 fingerprint keep what they vouched for.

Stepping back before 0020 turns a database into one made before the change (version-1
fingerprints, revisions without citation levels and disclaimer notes); stepping forward
must then keep an approval valid for an unchanged article and ask for a new review where
something readers see changed after the review, losing no review or revision.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_old_reviews_stay_valid_unless_what_readers_see_changed(tmp_path):
    # A subprocess with a real database: the test run itself disables migrations.
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "old.sqlite3")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.scenarios.review_fingerprint_migration"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["v1_blind_to_lead"]  # the hole this change closes
    assert outcome["stripped"]
    before, after = outcome["counts"]
    assert before == after
    assert outcome["unchanged"] == []
    [problem] = outcome["edited"]
    assert "verouderd" in problem and "intro" in problem
    assert outcome["no_new_revision"]
