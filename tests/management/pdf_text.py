# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The text of an uncompressed fpdf2 PDF, decoded through its fonts' ToUnicode maps (no PDF library).

fpdf2 writes TrueType text as two-byte glyph ids in ``(…) Tj`` strings after a ``/F<n> <size> Tf``;
font ``/F<n>`` is an object whose ``/ToUnicode`` stream pairs ``<glyph> <unicode>`` between
``beginbfchar`` and ``endbfchar``. Glyph ids are per font, so the current font is followed."""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj\n(.*?)endobj", re.S)
_FONT_REF = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_BFCHAR = re.compile(rb"beginbfchar\s(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_TOKEN = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)\s*Tj|\[((?:\\.|[^\]\\])*)\]\s*TJ", re.S)
_STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _cmaps(objects: dict[int, bytes]) -> dict[bytes, dict[int, str]]:
    out: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        if b"/ProcSet" not in body:
            continue
        for name, ref in _FONT_REF.findall(body):
            to_unicode = _TO_UNICODE.search(objects.get(int(ref), b""))
            if to_unicode is None:
                continue
            cmap: dict[int, str] = {}
            for block in _BFCHAR.findall(objects.get(int(to_unicode.group(1)), b"")):
                for glyph, uni in _PAIR.findall(block):
                    cmap[int(glyph, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
            out[name] = cmap
    return out


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        if raw[i : i + 1] == b"\\" and i + 1 < len(raw):
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8))
                i += 1 + len(octal.group())
                continue
            nxt = raw[i + 1 : i + 2]
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += raw[i : i + 1]
        i += 1
    return bytes(out)


def _decode(raw: bytes, cmap: dict[int, str]) -> str:
    data = _unescape(raw)
    return "".join(cmap.get(int.from_bytes(data[i : i + 2], "big"), "?") for i in range(0, len(data) - 1, 2))


def pdf_text(pdf: bytes) -> str:
    """Every shown string, one per line, in the order the pages draw them."""
    objects = {int(num): body for num, body in _OBJECT.findall(pdf)}
    cmaps = _cmaps(objects)
    lines: list[str] = []
    for body in objects.values():
        if b"stream" not in body or b"Tf" not in body:
            continue
        font: dict[int, str] = {}
        for name, shown, array in _TOKEN.findall(body):
            if name:
                font = cmaps.get(name, {})
            elif shown:
                lines.append(_decode(shown, font))
            elif array:
                lines.append("".join(_decode(s, font) for s in _STRING.findall(array)))
    return "\n".join(lines)
