"""A file is what its bytes say: photos and documents the centre takes are recognised, and a
program or an archive renamed to look like a photo is refused (no Qt, no database)."""

from __future__ import annotations

import pytest
import sample_files as files

from gridcenter_desktop.core import file_types as ft
from gridcenter_desktop.core.enums import AttachmentKind


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (files.png(), ft.PNG),
        (files.jpeg_head(), ft.JPEG),
        (files.heic(), ft.HEIC),
        (files.heic(b"mif1"), ft.HEIF),
        (files.pdf(), ft.PDF),
        (files.xlsx(), ft.XLSX),
        (files.docx(), ft.DOCX),
        (files.zip_of({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}), ft.PPTX),
        (files.compound_file("WordDocument", "1Table"), ft.DOC),
        (files.compound_file("Workbook"), ft.XLS),
        (files.compound_file("Current User", "PowerPoint Document"), ft.PPT),
    ],
)
def test_photos_and_documents_are_recognised_by_content(content, expected):
    assert ft.identify(content) == expected


def test_photos_and_documents_are_told_apart():
    assert ft.identify(files.png()).kind is AttachmentKind.PHOTO
    assert ft.identify(files.pdf()).kind is AttachmentKind.DOCUMENT


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (b"", ft.Refusal.EMPTY),
        (files.windows_program(), ft.Refusal.PROGRAM),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, ft.Refusal.PROGRAM),
        (b"#!/bin/sh\nrm -rf ~\n", ft.Refusal.SCRIPT),
        (b"\xef\xbb\xbf<html><script>alert(1)</script>", ft.Refusal.SCRIPT),
        (files.zip_of({"photo.jpg": files.jpeg_head()}), ft.Refusal.ARCHIVE),
        (files.docx(macros=True), ft.Refusal.MACROS),
        (files.compound_file("SummaryInformation"), ft.Refusal.UNKNOWN_TYPE),  # an .msi
        (files.avif(), ft.Refusal.UNKNOWN_TYPE),
        (b"PK\x03\x04 truncated", ft.Refusal.UNKNOWN_TYPE),
        ("现场情况说明".encode(), ft.Refusal.UNKNOWN_TYPE),
    ],
)
def test_anything_else_is_refused_with_a_reason(content, refusal):
    assert ft.identify(content) == refusal


def test_a_looping_compound_file_directory_ends():
    looped = bytearray(files.compound_file("WordDocument"))
    # The FAT says the directory sector is followed by itself.
    looped[512 + 4 : 512 + 8] = (1).to_bytes(4, "little")
    assert ft.identify(bytes(looped)) == ft.DOC
