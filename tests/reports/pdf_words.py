"""The words of a PDF's pages with their boxes (pdftotext -bbox, from poppler-utils): what the
paper tests read to check where text printed and how large."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
# A word of CJK characters only: one em wide each, so its box tells the printed size.
WIDE_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_pages(pdf) -> list[list[Word]]:
    """Each page's words, in pdftotext's reading order."""
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [
            Word(float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in WORD.findall(page)
        ]
        for page in text.split("<page ")[1:]
    ]
