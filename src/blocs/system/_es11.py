"""The recorded vote on UN General Assembly resolution ES-11/1 (2 March 2022), by state code."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from blocs._errors import DataIntegrityError
from blocs._meta import System, TableMeta, with_meta
from blocs._validation import check_choice
from blocs.data import cites, get_dataset, load
from blocs.system._countries import country_codes
from blocs.system._spells import code_column

__all__ = ["ES11_1_VOTES", "load_es11_1_vote"]

#: The file's vote words -> blocs' (those of ``un_votes``, plus "absent").
ES11_1_VOTES: dict[str, str] = {"Approve": "yes", "Against": "no", "Abstain": "abstain", "Absent": "absent"}


@cache
def _coded(system: System) -> pd.DataFrame:
    raw = load("un_es11_1")
    unknown = sorted(set(raw["vote"]) - set(ES11_1_VOTES))
    if unknown:
        raise DataIntegrityError(f"un_es11_1 holds vote values {unknown}; expected {sorted(ES11_1_VOTES)}")
    codes = country_codes("iso3:" + raw["iso_code"].astype(str), year=2022, system=system)
    col = code_column(system)
    out = pd.DataFrame(
        {
            col: codes.to_numpy(dtype=np.int64),
            "year": np.full(len(raw), 2022, dtype=np.int64),
            "country": raw["states"].astype(str).to_numpy(),
            "iso3": raw["iso_code"].astype(str).to_numpy(),
            "vote": raw["vote"].map(ES11_1_VOTES).to_numpy(),
        }
    )
    if out[col].duplicated().any():
        raise DataIntegrityError(f"un_es11_1: two members resolve to one {col}")
    return out.sort_values(col).reset_index(drop=True)


@cites("UN2022ES11")
def load_es11_1_vote(*, system: System = "cow") -> pd.DataFrame:
    """Each UN member's vote on resolution ES-11/1 ("Aggression against Ukraine", 2 March 2022).

    Parameters
    ----------
    system : {"cow", "gw"}, default "cow"
        Which state codes to give the 193 members (resolved from their ISO3 codes as of 2022).

    Returns
    -------
    DataFrame
        One row per member: ``ccode`` (or ``gwcode``), ``year`` (2022), ``country`` and
        ``iso3`` as published, ``vote`` in {"yes", "no", "abstain", "absent"}.
        141 yes, 5 no, 35 abstentions, 12 absent.

    Raises
    ------
    DataIntegrityError
        If the file holds an unknown vote word or two members share a code.

    Notes
    -----
    The vote is the one recorded in A/ES-11/PV.5; the Assembly adopted the resolution by
    141 votes to 5 (Belarus, Eritrea, North Korea, Russia, Syria) with 35 abstentions.
    Blocs' ``un_votes`` data end with session 74 (January 2020), so this vote is not part
    of the UN agreement or ideal-point series.

    References
    ----------
    United Nations General Assembly (2022), resolution ES-11/1, A/RES/ES-11/1.

    Examples
    --------
    >>> v = load_es11_1_vote()
    >>> v.set_index("ccode").loc[[365, 710, 750], "vote"].tolist()
    ['no', 'abstain', 'abstain']
    """
    check_choice(system, ("cow", "gw"), param="system")
    out = _coded(system).copy()
    return with_meta(out, TableMeta(unit="other", system=system, sources=(get_dataset("un_es11_1").source,)))
