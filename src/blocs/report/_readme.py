"""The README's case-study findings, generated from a report's ``numbers.json``.

README.md holds the block between ``<!-- case-numbers:begin -->`` and
``<!-- case-numbers:end -->``; :func:`readme_block` renders it from the template
``templates/readme_case.md.j2`` with the numbers' displayed values, and
``python tools/readme_numbers.py DIR/numbers.json`` rewrites it. The report tests render the
block from a fresh build and fail when README.md differs, so no figure in it is typed by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocs._errors import InvalidParameterError

__all__ = ["BEGIN", "END", "readme_block", "update_readme"]

BEGIN = "<!-- case-numbers:begin (generated from numbers.json by tools/readme_numbers.py; do not edit) -->"
END = "<!-- case-numbers:end -->"


class _Numbers(dict[str, str]):
    """Displayed values by key; an unknown key is an error, not an empty string."""

    def __missing__(self, key: str) -> str:
        raise InvalidParameterError(f"the README template uses number {key!r}, which numbers.json does not hold")


def readme_block(numbers: Mapping[str, Mapping[str, Any]]) -> str:
    """Render the README's findings from a report's numbers (``CaseReport.numbers``)."""
    env = Environment(
        loader=PackageLoader("blocs.report", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )  # noqa: S701 (Markdown, not HTML)
    shown = _Numbers({k: str(v["display"]) for k, v in numbers.items()})
    body = env.get_template("readme_case.md.j2").render(n=shown).strip()
    return f"{BEGIN}\n{body}\n{END}"


def update_readme(readme: str | Path, numbers_json: str | Path) -> bool:
    """Rewrite the generated block of ``readme`` from ``numbers_json``; return whether it changed."""
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise InvalidParameterError(f"{path} has no generated block ({BEGIN} … {END})")
    payload = json.loads(Path(numbers_json).read_text(encoding="utf-8"))
    numbers = {n["key"]: n for n in payload["numbers"]}
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + readme_block(numbers) + tail
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
