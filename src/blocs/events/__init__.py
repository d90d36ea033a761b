"""Event data at scale: ICEWS, GDELT 1.0/2.0 and POLECAT to dyad-day/month/year tables.

Readers check files against their published layouts; actors are resolved to COW or G-W
codes by date through :mod:`blocs.system`; CAMEO and PLOVER codes map to quad classes; one
Ibis expression aggregates on embedded DuckDB (default) or Spark.  DuckDB, Ibis and PySpark
are imported only when a function runs (``pip install "blocs[events]"``).
"""

from __future__ import annotations

from pathlib import Path

from blocs.events._actors import CAMEO_COUNTRY_OVERRIDES
from blocs.events._aggregate import EventAggregation, EventReport, aggregate_events
from blocs.events._coding import CAMEO_QUAD_BOUNDS, PLOVER_QUAD, QUAD_CLASSES, cameo_quad_class
from blocs.events._files import check_events
from blocs.events._formats import FORMATS, EventFormat
from blocs.events._read import convert_events, read_events
from blocs.events._synth import synthesize_events

__all__ = [
    "CAMEO_COUNTRY_OVERRIDES",
    "CAMEO_QUAD_BOUNDS",
    "EventAggregation",
    "EventFormat",
    "EventReport",
    "FORMATS",
    "PLOVER_QUAD",
    "QUAD_CLASSES",
    "aggregate_events",
    "cameo_quad_class",
    "check_events",
    "convert_events",
    "read_events",
    "sample_icews_path",
    "synthesize_events",
]


def sample_icews_path() -> Path:
    """The verified local path of the real ICEWS day (2018-06-01) in the dataset catalog.

    Returns
    -------
    Path
        The catalog's ``icews_sample`` file (mirror, cache or download, checksum verified).

    References
    ----------
    Boschee, E., et al. (2015). ICEWS Coded Event Data. Harvard Dataverse, doi:10.7910/DVN/28075.

    Examples
    --------
    >>> sample_icews_path().name
    'events.2018.sample.tab'
    """
    from blocs.data import locate

    return locate("icews_sample")
