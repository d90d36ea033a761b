"""Event codes to quad classes: CAMEO root codes and PLOVER event types.

Quad classes of CAMEO root codes follow GDELT's CAMEO lookup table (``cameo_eventcodes`` in
the catalog, which files each root under its quad class): roots 01-05 are verbal
cooperation (1), 06-09 material cooperation (2), 10-14 verbal conflict (3), 15-20 material
conflict (4).  GDELT rows carry this ``QuadClass`` themselves and blocs reads it from them;
ICEWS rows carry only the CAMEO code, so the rule is applied.  (Another grouping is in use
in the literature, with investigate (09) as verbal conflict and protest (14) as material
conflict; it differs from GDELT's for those two roots only.)

PLOVER's sixteen event types (Halterman et al. 2023) are placed by the CAMEO root each
replaces: AGREE (03), CONSULT (04), SUPPORT (05) and REQUEST (02) are verbal cooperation;
COOPERATE (06), AID (07), RETREAT and CONCEDE (08) material cooperation; ACCUSE (11),
REJECT (12), THREATEN (13) and PROTEST (14) verbal conflict; MOBILIZE (15), SANCTION (16),
COERCE (17) and ASSAULT (18-20) material conflict.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ADDITIVE_COLUMNS", "CAMEO_QUAD_BOUNDS", "QUAD_CLASSES", "PLOVER_QUAD", "cameo_quad_class"]

#: Quad class number to the column name used in aggregated tables.
QUAD_CLASSES: Final[dict[int, str]] = {
    1: "verbal_coop",
    2: "material_coop",
    3: "verbal_conflict",
    4: "material_conflict",
}

#: Columns of an aggregated event table that add up across directions and periods (the
#: Goldstein mean does not: it is recomputed from the sum and the count).
ADDITIVE_COLUMNS: Final[tuple[str, ...]] = ("events", *QUAD_CLASSES.values(), "goldstein_sum", "net_coop")

#: PLOVER event type (upper case, as POLECAT writes it) to quad class.
PLOVER_QUAD: Final[dict[str, int]] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "REQUEST": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "CONCEDE": 2,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 3,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

#: CAMEO root code bounds (inclusive) of each quad class, as GDELT's CAMEO lookup table files them.
CAMEO_QUAD_BOUNDS: Final[tuple[tuple[int, int, int], ...]] = ((1, 5, 1), (6, 9, 2), (10, 14, 3), (15, 20, 4))


def cameo_quad_class(code: str | int) -> int | None:
    """The quad class of a CAMEO event code (any level: ``"04"``, ``"043"``, ``"1831"``).

    Parameters
    ----------
    code : str or int
        A CAMEO code; strings keep their leading zero (``"010"``), integers are root codes.

    Returns
    -------
    int or None
        1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
        conflict; None for a code outside CAMEO's 20 roots.

    References
    ----------
    Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations Event and Actor
    Codebook, version 1.1b3. Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global data on
    events, location and tone, 1979-2012. ISA Annual Convention. GDELT's lookup table
    CAMEO.eventcodes.txt (catalog ``cameo_eventcodes``) for the quad grouping.

    Examples
    --------
    >>> cameo_quad_class("043"), cameo_quad_class("190"), cameo_quad_class(12), cameo_quad_class("091")
    (1, 4, 3, 2)
    """
    text = str(code).strip()
    if isinstance(code, int):
        root = code
    elif len(text) >= 2 and text[:2].isdigit():
        root = int(text[:2])
    else:
        return None
    for lo, hi, quad in CAMEO_QUAD_BOUNDS:
        if lo <= root <= hi:
            return quad
    return None
