"""Prose from templates: a section's words live in ``templates/section_<id>.html.j2``.

The template receives the section's registered numbers (HTML spans from
:class:`~blocs.report._numbers.SectionNumbers`) and its typed facts, and writes one
paragraph per block separated by a blank line. Text is autoescaped; numbers and markup
passed in as :class:`markupsafe.Markup` are kept.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

__all__ = ["paragraphs"]

_BLANK = re.compile(r"\n\s*\n")


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("blocs.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def paragraphs(section: str, **values: Any) -> list[Markup]:
    """Render ``templates/section_<section>.html.j2`` and split it into paragraphs at blank lines."""
    html = _env().get_template(f"section_{section}.html.j2").render(**values)
    return [Markup(" ".join(p.split())) for p in _BLANK.split(html) if p.strip()]
