"""Run every bench/bench_*.py in its own process and report which ones failed.

Usage: python bench/run.py [-k SUBSTRING]   (make bench)
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(argv):
    only = argv[argv.index("-k") + 1] if "-k" in argv else ""
    scripts = sorted(p for p in BENCH_DIR.glob("bench_*.py") if only in p.name)
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
        if result.returncode:
            failed.append(script.name)
    if failed:
        print(f"Failed: {', '.join(failed)}")
        return 1
    print(f"{len(scripts)} benchmark(s) ran.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
