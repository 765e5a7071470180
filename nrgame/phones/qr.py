"""The join QR code: drawn in the terminal with half blocks, and a printable card (SVG, PNG)
with the address and the room code for the wall."""

from __future__ import annotations

import io
from pathlib import Path

import segno

_BORDER = 2
"""Quiet zone in modules around the code; phones read a code with 2 as well as with 4."""


def make(address: str) -> segno.QRCode:
    return segno.make(address, error="m", micro=False)


def matrix(address: str) -> list[list[bool]]:
    """Dark (True) and light modules, quiet zone included."""
    rows = [[bool(m) for m in row] for row in make(address).matrix]
    size = len(rows) + 2 * _BORDER
    blank = [False] * size
    padded = [[False] * _BORDER + row + [False] * _BORDER for row in rows]
    return [blank] * _BORDER + padded + [blank] * _BORDER


def text(address: str) -> str:
    """The code in text, two modules per character (▀ ▄ █ or a space for dark modules).

    Terminals differ in their colours, so the widget draws it black on white, whatever the
    theme: a camera needs dark modules on a light quiet zone.
    """
    grid = matrix(address)
    if len(grid) % 2:
        grid = [*grid, [False] * len(grid[0])]
    lines = []
    for top, bottom in zip(grid[::2], grid[1::2], strict=True):
        lines.append("".join(_cell(a, b) for a, b in zip(top, bottom, strict=True)))
    return "\n".join(lines)


def _cell(top: bool, bottom: bool) -> str:
    return {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}[
        (top, bottom)
    ]


def read_text(drawn: str) -> list[list[bool]]:
    """Back from `text` to the modules (dark True): what a camera sees on the screen."""
    grid: list[list[bool]] = []
    for line in drawn.split("\n"):
        tops = [c in "█▀" for c in line]
        bottoms = [c in "█▄" for c in line]
        grid.append(tops)
        grid.append(bottoms)
    return grid


def save_card(address: str, code: str, path: Path) -> Path:
    """A printable join card: SVG or PNG by the file's suffix."""
    qr = make(address)
    if path.suffix.lower() == ".png":
        qr.save(str(path), kind="png", scale=12, border=4)
        return path
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=12, border=4, xmldecl=False, svgns=True)
    svg = buffer.getvalue().decode()
    side = len(qr.matrix) * 12 + 96
    path.write_text(_CARD.format(side=side, height=side + 190, qr=svg, address=address, code=code))
    return path


_CARD = """<?xml version="1.0" encoding="utf-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{height}" \
viewBox="0 0 {side} {height}">
<rect width="100%" height="100%" fill="white"/>
<g>{qr}</g>
<text x="50%" y="{side}" font-family="sans-serif" font-size="26" text-anchor="middle">\
Répondez depuis votre téléphone</text>
<text x="50%" y="{side}" dy="48" font-family="monospace" font-size="24" \
text-anchor="middle">{address}</text>
<text x="50%" y="{side}" dy="120" font-family="monospace" font-size="56" \
font-weight="bold" text-anchor="middle">{code}</text>
</svg>
"""
