"""A compiled splitter for tab-separated event exports: the used fields as Arrow string views.

GDELT 2.0 has 61 fields a line and the pipeline uses 8 of them, all in the first 31.  A
general CSV reader tokenises and copies every field; this one reads the bytes eight at a
time (SWAR, "SIMD within a register": exact per-byte masks of tabs, line ends, ``\\r`` and
NUL from 64-bit arithmetic), steps from separator to separator up to the last used field,
writes each used field as a 16-byte Arrow ``string_view`` (inline up to 12 bytes, else
pointing into the chunk's bytes) without a branch on its length, and counts the remaining
tabs of the line a word at a time, so that a line with more fields than documented is still
caught.

It accepts only what DuckDB's reader (unquoted, ``null_padding``) reads the same way, and
says so: fields split on tabs; an empty or absent field is missing; lines end in ``\\n``;
other bytes are data.  It stops with ``ANOMALY`` at the first line it cannot vouch for: a
blank line (DuckDB skips it); more fields than documented; a ``\\r`` (DuckDB reads ``\\r\\n``
as a line end only in a file that uses it throughout, and rejects a stray one); a NUL byte.
It reports whether any byte was non-ASCII, so that the caller checks the bytes are UTF-8
before using the rows.  The caller reads what it declines with DuckDB's reader, whose rows
(or error) are the reference.

The caller guarantees that ``buf[lo:hi]`` is whole lines, the last ending in ``\\n`` at
``hi - 1``, and that ``buf`` holds at least 24 bytes past ``hi`` (the words read ahead of a
field are masked, never used).
"""

from __future__ import annotations

import numba as nb
import numpy as np

__all__ = ["OK", "FULL", "ANOMALY", "PAD", "split_fields"]

OK, FULL, ANOMALY = 0, 1, 2
PAD = 24  # bytes the caller keeps readable past ``hi``

_ONES = np.uint64(0x0101010101010101)
_LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)
_HIGH = np.uint64(0x8080808080808080)
_TABS = np.uint64(0x0909090909090909)
_NLS = np.uint64(0x0A0A0A0A0A0A0A0A)
_CRS = np.uint64(0x0D0D0D0D0D0D0D0D)
_LOW32 = np.uint64(0xFFFFFFFF)
_0 = np.uint64(0)
_1 = np.uint64(1)
_3 = np.uint64(3)
_7 = np.uint64(7)
_32 = np.uint64(32)
_56 = np.uint64(56)
_63 = np.uint64(63)
#: _KEEP[k]: the low k bytes of a word (k = 0..8)
_KEEP = np.array([(1 << (8 * k)) - 1 if k < 8 else (1 << 64) - 1 for k in range(9)], dtype=np.uint64)


@nb.njit(inline="always")
def _zero_bytes(v):  # type: ignore[no-untyped-def]
    """0x80 in each byte of ``v`` that is zero, else 0 (exact for every byte: no carries)."""
    return ~(((v & _LOW7) + _LOW7) | v | _LOW7)


@nb.njit(inline="always")
def _separators(x):  # type: ignore[no-untyped-def]
    """The tabs of word ``x``, and its line ends, ``\\r`` and NUL bytes, as byte flags."""
    return _zero_bytes(x ^ _TABS), _zero_bytes(x ^ _NLS) | _zero_bytes(x ^ _CRS) | _zero_bytes(x)


@nb.njit(inline="always")
def _count(flags):  # type: ignore[no-untyped-def]
    """How many bytes of ``flags`` (0x80 or 0 in each byte) are flagged."""
    return np.int64((((flags >> _7) * _ONES) >> _56) & np.uint64(0xFF))


@nb.njit(inline="always")
def _bytes_at(words, p):  # type: ignore[no-untyped-def]
    """The 8 bytes from byte offset ``p`` as one little-endian word (two aligned loads)."""
    i = p >> 3
    sh = np.uint64(p & 7) << _3
    # ``<< 1 << (63 - sh)`` is ``<< (64 - sh)`` without the undefined shift by 64 when sh == 0
    return (words[i] >> sh) | ((words[i + 1] << _1) << (_63 - sh))


@nb.njit(inline="always")
def _put(words, v64, valid, s, n, fs, fe, base):  # type: ignore[no-untyped-def]
    """Row ``n`` of used column ``s``: the field ``[fs, fe)`` as an Arrow string view."""
    ln = fe - fs
    first = _bytes_at(words, fs) & _KEEP[min(ln, 8)]
    if ln <= 12:
        second = _bytes_at(words, fs + 8) & _KEEP[max(0, min(ln - 8, 8))]
        v64[s, n, 0] = np.uint64(ln) | (first << _32)
        v64[s, n, 1] = (first >> _32) | (second << _32)
    else:  # the prefix inline, the bytes in data buffer 0 (the chunk, from ``base``)
        v64[s, n, 0] = np.uint64(ln) | ((first & _LOW32) << _32)
        v64[s, n, 1] = np.uint64(fs - base) << _32
    valid[s, n] = ln > 0


@nb.njit(inline="always")
def _digits(buf, fs, fe):  # type: ignore[no-untyped-def]
    """The field as a non-negative integer when it is 1 to 18 plain digits, else -1."""
    if fe - fs < 1 or fe - fs > 18:
        return -1
    value = 0
    for k in range(fs, fe):
        d = int(buf[k]) - 48
        if d < 0 or d > 9:
            return -1
        value = value * 10 + d
    return value


@nb.njit(nogil=True, cache=True)
def split_fields(buf, words, base, lo, hi, slot_of, last_used, ncols, id_col, v64, valid, ids):  # type: ignore[no-untyped-def]
    """Split the lines of ``buf[lo:hi]`` (see the module notes for what the caller guarantees).

    ``words`` is ``buf`` as uint64 (the same memory, 8-aligned); ``slot_of[c]`` the output
    column of field ``c`` (-1: not used); ``last_used`` the last used field; ``ncols`` the
    documented field count.  Row ``n`` goes to ``v64[:, n]`` (a (slots, cap, 2) uint64 array of
    string views; long fields point at ``buf[base:]``, the chunk) and ``valid[:, n]``; when
    ``id_col >= 0``, ``ids[n]`` is that field as an integer (:func:`_digits`).

    Returns ``(rows, pos, status, non_ascii)``: ``pos`` is where a ``FULL`` (``cap`` rows
    written) or ``ANOMALY`` call stopped, the start of the line not taken, else ``hi``.
    """
    cap = v64.shape[1]
    n = 0
    high = _0
    pos = lo
    while pos < hi:
        if n == cap:
            return n, pos, FULL, high != _0
        start = pos
        col = 0
        fstart = fend = pos
        w = pos >> 3
        x = words[w]
        keep = ~_KEEP[pos & 7]
        tabs, ends = _separators(x)
        tabs &= keep
        ends &= keep
        high |= x & _HIGH & keep
        while True:
            # up to the last used field every separator ends a field; past it only the line's
            # end matters, and the tabs before it are counted a word at a time
            tail = col > last_used
            wanted = ends if tail else tabs | ends
            if wanted == _0:
                if tail:
                    col += _count(tabs)
                w += 1
                x = words[w]
                tabs, ends = _separators(x)
                high |= x & _HIGH
                continue
            bit = wanted & (~wanted + _1)  # the first one from here
            if tail:
                col += _count(tabs & (bit - _1))
            j = (w << 3) + _count((bit - _1) & _HIGH)
            fend = j
            if col <= last_used:  # the field ends here
                s = slot_of[col]
                if s >= 0:
                    _put(words, v64, valid, s, n, fstart, fend, base)
                if col == id_col:
                    ids[n] = _digits(buf, fstart, fend)
            col += 1
            if (ends & bit) == _0:  # a tab
                tabs &= ~bit
                fstart = j + 1
                continue
            if buf[j] != 10:  # a NUL byte or a \r (DuckDB reads a file's \r\n and \n alike only
                return n, start, ANOMALY, high != _0  # when it uses one of them throughout)
            pos = j + 1
            break
        if col > ncols:
            return n, start, ANOMALY, high != _0  # more fields than documented
        if col == 1 and fend == start:
            return n, start, ANOMALY, high != _0  # a blank line: DuckDB skips it
        for c2 in range(col, last_used + 1):  # a short line: the rest is missing
            s = slot_of[c2]
            if s >= 0:
                _put(words, v64, valid, s, n, fend, fend, base)
            if c2 == id_col:
                ids[n] = -1
        n += 1
    return n, pos, OK, high != _0
