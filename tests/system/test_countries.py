from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs import AmbiguousCountryError, CoverageError, InvalidParameterError, UnknownCountryError
from blocs.data import load
from blocs.system import Country, candidates, country_code, country_codes, resolve
from blocs.system._countries import _index


# ------------------------------------------------------------------ known cases from the brief
@pytest.mark.parametrize(
    ("name", "year", "system", "code"),
    [
        ("Russia", 1960, "cow", 365),
        ("Russia", 1960, "gw", 365),
        ("Soviet Union", 1960, "cow", 365),
        ("USSR", 1985, "gw", 365),
        ("Russia", 2010, "cow", 365),
        ("Germany", 1938, "cow", 255),
        ("Germany", 1938, "gw", 255),
        ("Germany", 2000, "cow", 255),
        ("Germany", 2000, "gw", 260),
        ("West Germany", 1970, "cow", 260),
        ("East Germany", 1970, "gw", 265),
        ("Federal Republic of Germany", 1970, "cow", 260),
        ("Yemen", 1960, "cow", 678),
        ("Yemen", 2000, "cow", 679),
        ("Yemen", 2000, "gw", 678),
        ("North Yemen", 1980, "cow", 678),
        ("South Yemen", 1980, "gw", 680),
        ("Vietnam", 1980, "cow", 816),
        ("Vietnam", 1850, "gw", 815),
        ("South Vietnam", 1970, "cow", 817),
        ("North Vietnam", 1970, "gw", 816),
        ("Serbia", 2010, "cow", 345),
        ("Serbia", 1900, "cow", 345),
        ("Yugoslavia", 1980, "cow", 345),
        ("Serbia", 1900, "gw", 340),
        ("Serbia", 1990, "gw", 345),
        ("Serbia", 2010, "gw", 340),
        ("Yugoslavia", 1980, "gw", 345),
        ("Czechoslovakia", 1980, "cow", 315),
        ("Czechia", 2000, "cow", 316),
        ("Czech Republic", 1993, "gw", 316),
        ("Egypt", 1860, "cow", 651),
        ("Egypt", 1950, "cow", 651),
        ("Syria", 1965, "cow", 652),
        ("Austria", 1930, "cow", 305),
        ("Poland", 1950, "cow", 290),
        ("Korea", 1890, "cow", 730),
        ("North Korea", 1990, "cow", 731),
        ("China", 1950, "cow", 710),
        ("PRC", 1970, "cow", 710),
        ("Taiwan", 1970, "cow", 713),
        ("Kiribati", 2005, "cow", 946),
        ("Kiribati", 2005, "gw", 970),
    ],
)
def test_known_cases(name: str, year: int, system: str, code: int) -> None:
    assert country_code(name, year=year, system=system) == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("United States", 2),
        ("US", 2),
        ("U.S.A.", 2),
        ("america", 2),
        ("UK", 200),
        ("Britain", 200),
        ("united kingdom", 200),
        ("USA", 2),
        ("CHN", 710),
        ("chn", 710),
        ("RUS", 365),
        ("UKG", 200),
        ("GMY", 255),
        ("GFR", 260),
        ("GDR", 265),
        ("RUM", 360),  # G-W abbreviation of Romania, COW ROM
        ("ROU", 360),  # ISO3
        ("GB", 200),  # ISO2
        ("GBR", 200),
        (710, 710),
        ("710", 710),
        (" 2 ", 2),
        ("Côte d’Ivoire", 437),
        ("Cote d'Ivoire", 437),
        ("Iran (Islamic Republic of)", 630),
        ("Bolivia (Plurinational State of)", 145),
        ("United Republic of Tanzania", 510),
        ("Viet Nam", 816),
        ("St. Lucia", 56),
        ("Saint Lucia", 56),
        ("Burma", 775),
        ("Zaire", 490),
        ("Ottoman Empire", 640),
    ],
)
def test_names_abbreviations_and_codes(query: str | int, code: int) -> None:
    assert country_code(query, year=2000 if code not in (265, 260) else 1970) == code


def test_resolve_returns_country_with_spells_and_iso() -> None:
    egypt = resolve("Egypt")
    assert isinstance(egypt, Country)
    assert (egypt.code, egypt.abbreviation, egypt.system) == (651, "EGY", "cow")
    assert egypt.spells == (
        (dt.date(1855, 1, 1), dt.date(1882, 9, 15)),
        (dt.date(1937, 5, 26), dt.date(2016, 12, 31)),
    )
    assert egypt.ongoing and egypt.iso2 == "EG" and egypt.iso3 == "EGY"
    assert "1855-01-01 to 1882-09-15" in egypt.describe()
    gdr = resolve("GDR", system="gw")
    assert not gdr.ongoing and gdr.iso3 == "DDR"
    assert resolve("Germany", year=2000, system="gw").iso3 == "DEU"


def test_iso_collision_prefers_system_abbreviation_and_prefix_escapes() -> None:
    assert country_code("AUS", year=2000) == 305  # COW Austria
    assert country_code("iso3:AUS", year=2000) == 900  # Australia
    assert country_code("iso2:DE", year=1960) == 260
    assert country_code("DEU", year=1938) == 255
    assert country_code("DEU", year=2000, system="gw") == 260


def test_cross_system_codes_translate_by_year() -> None:
    assert country_code("cow:255", year=2000, system="gw") == 260
    assert country_code("gw:260", year=2000, system="cow") == 255
    assert country_code("gw:260", year=1970, system="cow") == 260
    assert country_code("gw:678", year=2000, system="cow") == 679
    assert country_code("cow:946", year=2005, system="gw") == 970
    assert country_code("gw:GFR", year=1970, system="cow") == 260


def test_transition_day_with_date() -> None:
    assert country_code("Germany", date="1990-10-03") == 255
    with pytest.raises(AmbiguousCountryError, match="260.*265"):
        resolve("Germany", date=dt.date(1990, 10, 2))
    assert country_code("Yemen", date=pd.Timestamp("1990-05-22")) == 679
    assert country_code("Yemen", date="1990-05-22", system="gw") == 678


def test_ongoing_spells_extend_past_end_of_list() -> None:
    assert country_code("Germany", year=2020) == 255
    assert country_code("Russia", year=2024, system="gw") == 365


# ------------------------------------------------------------------ errors
def test_germany_1960_is_ambiguous_with_candidates() -> None:
    with pytest.raises(AmbiguousCountryError, match=r"260, GFR; 1955-05-05 to 1990-10-02.*265, GDR; 1954-03-25") as e:
        resolve("Germany", year=1960)
    assert [c["code"] for c in e.value.candidates] == [260, 265]
    with pytest.raises(AmbiguousCountryError, match="1949-09-21"):
        resolve("Germany", year=1960, system="gw")


def test_ambiguous_without_year_says_pass_year() -> None:
    with pytest.raises(AmbiguousCountryError, match=r"over time.*pass year= \(or date=\) to choose"):
        country_code("Germany")
    assert [c.code for c in candidates("Germany")] == [255, 260, 265]
    assert [c.code for c in candidates("Yemen", system="gw")] == [678, 680]


@pytest.mark.parametrize(
    ("name", "year", "codes"),
    [("Yemen", 1980, "678, 680"), ("Vietnam", 1960, "816, 817"), ("Korea", 1960, "731, 732"), ("Germany", 1990, "")],
)
def test_other_ambiguities(name: str, year: int, codes: str) -> None:
    with pytest.raises(AmbiguousCountryError, match=f"ambiguous in the COW system in {year}.*{codes}"):
        resolve(name, year=year)


def test_ambiguous_transition_year_suggests_date() -> None:
    with pytest.raises(AmbiguousCountryError, match="pass date="):
        resolve("Germany", year=1990)


def test_unknown_name_suggests_close_matches() -> None:
    msg = r"unknown country 'Germny'.*did you mean 'germany' \(255, 260, 265\)"
    with pytest.raises(UnknownCountryError, match=msg):
        resolve("Germny")
    with pytest.raises(UnknownCountryError, match="soviet union"):
        resolve("Sovjet Union")
    with pytest.raises(UnknownCountryError, match=r"unknown country 'Atlantis' in the COW system\. Give a name"):
        resolve("Atlantis")


def test_state_not_in_system_names_its_spells() -> None:
    msg = r"no state in the COW system in 1980: Czech Republic \(COW 316, CZR; 1993-01-01"
    with pytest.raises(UnknownCountryError, match=msg):
        resolve("Czechia", year=1980)
    with pytest.raises(UnknownCountryError, match=r"1855-01-01 to 1882-09-15, 1937-05-26"):
        resolve("Egypt", year=1900)
    with pytest.raises(UnknownCountryError, match="Bavaria"):
        resolve(245, year=1900)
    with pytest.raises(UnknownCountryError, match="on 1945-06-01"):
        resolve("Germany", date="1945-06-01")


def test_codes_not_in_system() -> None:
    msg = r"340 is not a COW state code \(340 is the GW code of Serbia; pass system='gw'\)"
    with pytest.raises(UnknownCountryError, match=msg):
        resolve(340)
    with pytest.raises(UnknownCountryError, match="'999' is not a COW state code"):
        resolve("999")


def test_bad_arguments() -> None:
    with pytest.raises(InvalidParameterError, match="'system' parameter must be one of 'cow', 'gw'; got 'cw'"):
        resolve("Russia", system="cw")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="year must be an integer"):
        resolve("Russia", year="1960")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="either year= or date="):
        resolve("Russia", year=1960, date="1960-01-01")
    with pytest.raises(InvalidParameterError, match="date must be"):
        resolve("Russia", date="not a date")
    with pytest.raises(InvalidParameterError, match="a country must be given"):
        resolve(3.5)  # type: ignore[arg-type]
    assert issubclass(UnknownCountryError, LookupError) and not issubclass(UnknownCountryError, CoverageError)


# ------------------------------------------------------------------ whole-surface properties
@pytest.mark.parametrize("system", ["cow", "gw"])
def test_every_code_round_trips_through_abbreviation_every_year(system: str) -> None:
    idx = _index(system)
    checked = 0
    for code, state in idx.states.items():
        for year in state.years:
            assert country_code(state.abbreviation, year=year, system=system) == code  # type: ignore[arg-type]
            assert country_code(code, year=year, system=system) == code  # type: ignore[arg-type]
            checked += 1
    assert checked > 15_000


@pytest.mark.parametrize("system", ["cow", "gw"])
def test_every_system_name_resolves_to_its_state_or_a_listed_ambiguity(system: str) -> None:
    table = load("cw_system" if system == "cow" else "gw_system")
    code_col, name_col = ("ccode", "cw_name") if system == "cow" else ("gwcode", "gw_name")
    for code, name, start in zip(table[code_col], table[name_col], table["start"], strict=True):
        try:
            assert country_code(name, date=start, system=system) == code  # type: ignore[arg-type]
        except AmbiguousCountryError as exc:
            assert code in [c["code"] for c in exc.candidates]


def test_state_counts_per_year_match_system_list() -> None:
    idx = _index("cow")
    cw = load("cw_system")
    for year in (1816, 1900, 1946, 1990, 2016):
        first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        expected = cw.loc[(cw.start <= last) & (cw.end >= first), "ccode"].nunique()
        assert sum(s.alive_in(year) for s in idx.states.values()) == expected


_DAYS = st.dates(min_value=dt.date(1816, 1, 1), max_value=dt.date(2016, 12, 31))


@settings(max_examples=60, deadline=None)
@given(day=_DAYS, pick=st.integers(min_value=0, max_value=10_000))
def test_code_resolves_on_a_day_iff_a_spell_contains_it(day: dt.date, pick: int) -> None:
    idx = _index("cow")
    state = list(idx.states.values())[pick % len(idx.states)]
    inside = any(s <= day <= e for s, e in state.spells)
    if inside:
        assert resolve(state.code, date=day).code == state.code
    else:
        with pytest.raises(UnknownCountryError, match="Choose a year within one of these spells"):
            resolve(state.code, date=day)


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=1816, max_value=2016), pick=st.integers(min_value=0, max_value=10_000))
def test_cross_system_translation_agrees_with_isard_panel(year: int, pick: int) -> None:
    panel = load("cw_gw_panel").dropna(subset=["ccode", "gwcode"])
    rows = panel[panel.year == year]
    if rows.empty:
        return
    row = rows.iloc[pick % len(rows)]
    try:
        got = country_code(f"cow:{int(row.ccode)}", year=year, system="gw")
    except AmbiguousCountryError as exc:  # a COW code paired with two G-W codes that year
        assert int(row.gwcode) in [c["code"] for c in exc.candidates]
    else:
        assert got == int(row.gwcode)


# ------------------------------------------------------------------ batch
def test_country_codes_vectorised_with_year_column() -> None:
    names = pd.Series(["Russia", "Germany", "Yemen", "Germany", "Russia"], index=[10, 11, 12, 13, 14])
    years = [1960, 1938, 2000, 2000, 1960]
    out = country_codes(names, year=years)
    assert out.tolist() == [365, 255, 679, 255, 365]
    assert list(out.index) == [10, 11, 12, 13, 14] and out.dtype == "Int64" and out.name == "ccode"
    gw = country_codes(names, year=years, system="gw")
    assert gw.tolist() == [365, 255, 678, 260, 365] and gw.name == "gwcode"
    assert country_codes(["USA", "CHN"], year=2000).tolist() == [2, 710]


def test_country_codes_errors_and_coerce() -> None:
    msg = r"(?s)2 name\(s\) could not be resolved.*'Germany' \(1960\).*'Atlantis'"
    with pytest.raises(UnknownCountryError, match=msg):
        country_codes(["Germany", "Atlantis", "France"], year=1960)
    out = country_codes(["Germany", "Atlantis", "France", None], year=1960, errors="coerce")
    assert out.isna().tolist() == [True, True, False, True] and out.iloc[2] == 220
    with pytest.raises(InvalidParameterError, match="year has 1 values but names has 2"):
        country_codes(["USA", "CHN"], year=[2000])
    with pytest.raises(InvalidParameterError, match="'errors' parameter"):
        country_codes(["USA"], errors="ignore")  # type: ignore[arg-type]


def test_a_name_used_after_its_state_ended_warns_naming_the_successor() -> None:
    import warnings

    from blocs import DatedNameWarning
    from blocs.system import resolve

    with pytest.warns(DatedNameWarning, match=r"'USSR' names the Soviet Union, which ended on 1991-12-26.*Russia"):
        assert resolve("USSR", year=2000).code == 365
    with warnings.catch_warnings():
        warnings.simplefilter("error", DatedNameWarning)
        assert resolve("USSR", year=1960).code == 365  # in its own time: no note
        assert resolve("Russia", year=2000).code == 365
