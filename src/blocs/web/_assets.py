"""Files the pages need, all from installed packages (never a CDN): the chart library and the map shapes.

- Vega, Vega-Lite and vega-embed: one bundle that ``vl-convert-python`` (PyPI) builds from the
  copies it ships, :func:`vl_convert.javascript_bundle`.
- Country shapes: ``world-atlas`` 2.0.2 (npm; Natural Earth 1:110m admin-0 as TopoJSON, ids are
  ISO 3166-1 numeric codes), installed by ``npm ci`` from the repository's ``package-lock.json``.
  Found through ``BLOCS_WORLD_ATLAS`` (the ``countries-110m.json`` file), or ``node_modules``
  in the working directory or the repository.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from blocs._errors import DataNotFoundError

__all__ = ["iso_numeric", "vega_bundle", "world_atlas_path", "world_shapes"]

WORLD_ATLAS = "world-atlas"
WORLD_ATLAS_VERSION = "2.0.2"
WORLD_FILE = "countries-110m.json"
INSTALL_HINT = "install the map shapes with `npm ci` in the blocs repository (package.json pins world-atlas 2.0.2)"


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one script that sets ``window.vegaEmbed`` (built once per process)."""
    import vl_convert

    bundle: str = vl_convert.javascript_bundle()  # type: ignore[call-arg]
    return bundle


def vega_versions() -> dict[str, str]:
    import vl_convert

    return {
        "vega": str(vl_convert.get_vega_version()),
        "vega-embed": str(vl_convert.get_vega_embed_version()),
        "vega-lite": str(vl_convert.get_vegalite_versions()[-1]),
    }


def world_atlas_path() -> Path:
    """Where ``countries-110m.json`` is; :class:`DataNotFoundError` with the install command if nowhere."""
    env = os.environ.get("BLOCS_WORLD_ATLAS")
    if env:
        p = Path(env)
        if p.is_file():
            return p
        raise DataNotFoundError(f"BLOCS_WORLD_ATLAS={env!r} is not a file; point it at {WORLD_FILE} or unset it")
    roots = [Path.cwd(), *Path(__file__).resolve().parents]
    for root in roots:
        p = root / "node_modules" / WORLD_ATLAS / WORLD_FILE
        if p.is_file():
            return p
    raise DataNotFoundError(f"map shapes ({WORLD_ATLAS} {WORLD_ATLAS_VERSION}) not found; {INSTALL_HINT}")


@functools.lru_cache(maxsize=1)
def world_shapes() -> bytes:
    """The TopoJSON file as bytes (served as-is to the page)."""
    return world_atlas_path().read_bytes()


@functools.lru_cache(maxsize=1)
def shape_ids() -> frozenset[int]:
    topo = json.loads(world_shapes())
    geoms = topo["objects"]["countries"]["geometries"]
    return frozenset(int(g["id"]) for g in geoms if str(g.get("id", "")).isdigit())


@functools.lru_cache(maxsize=4096)
def iso_numeric(ccode: int, year: int) -> int | None:
    """The ISO 3166-1 numeric code of the shape that draws COW state ``ccode``; ``None`` if no shape does.

    ``countrycode``'s COW→ISO table gives today's code of a state; states that no longer exist
    (e.g. 260 West Germany, 817 South Vietnam) have none, and the page lists them beside the map.
    """
    del year  # shapes are today's borders; the year only matters to which states exist
    import countrycode

    iso = countrycode.countrycode([int(ccode)], origin="cown", destination="iso3n")[0]
    if iso is None:
        return None
    try:
        value = int(iso)
    except (TypeError, ValueError):
        return None
    try:
        ids = shape_ids()
    except DataNotFoundError:
        return value
    return value if value in ids else None
