"""Rewrite README.md's case-study findings from a report's numbers.json.

    blocs case sino-soviet --out /tmp/case && python tools/readme_numbers.py /tmp/case/numbers.json
"""

from __future__ import annotations

import sys
from pathlib import Path

from blocs.report._readme import update_readme

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/readme_numbers.py DIR/numbers.json")
    changed = update_readme(Path(__file__).resolve().parents[1] / "README.md", sys.argv[1])
    print("README.md updated" if changed else "README.md already up to date")
