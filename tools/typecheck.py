"""mypy against a recorded baseline that may only shrink.

The code base predates type checking; ``tools/mypy-baseline.txt`` lists the errors it had
(file, error code and message, without line numbers, so that moving code does not count).
CI fails on any error that is not in the baseline. Fixing errors and running ``--update``
shrinks the file; ``--update`` refuses to add an error (it writes the first baseline when
there is none).

    python tools/typecheck.py            # check
    python tools/typecheck.py --update   # record a smaller baseline
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tools" / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<file>[^:]+):\d+: error: (?P<message>.*?)\s+\[(?P<code>[\w-]+)\]$")


def current_errors() -> Counter[str]:
    """mypy's errors now, each as 'file [code] message' (line numbers dropped)."""
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", "--show-error-codes",
                          "--no-pretty"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"mypy did not run: {run.stderr.strip() or run.stdout.strip()}")
    found = (ERROR.match(line) for line in run.stdout.splitlines())
    return Counter(f"{m['file']} [{m['code']}] {m['message']}" for m in found if m)


def recorded() -> Counter[str]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines() if BASELINE.is_file() else []
    return Counter(line for line in lines if line and not line.startswith("#"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="write the baseline (it may only shrink)")
    args = parser.parse_args()
    now, before = current_errors(), recorded()
    new = now - before
    if new and BASELINE.is_file():
        print(f"mypy: {sum(new.values())} error(s) not in {BASELINE.name}; fix them:", *sorted(new), sep="\n  ")
        return 1
    if args.update:
        BASELINE.write_text("# mypy errors the code had when checking began; may only shrink (tools/typecheck.py)\n"
                            + "".join(f"{line}\n" for line in sorted(now.elements())), encoding="utf-8")
    fixed = sum((before - now).values())
    print(f"mypy: {sum(now.values())} known error(s), none new" + (f"; {fixed} fixed since the baseline"
                                                                   + ("" if args.update else ": run --update")
                                                                   if fixed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
