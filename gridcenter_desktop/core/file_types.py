"""What a file is, told by its bytes and never by its name: the photos and documents a ticket
may carry (JPEG, PNG, HEIC/HEIF; PDF; Word, Excel and PowerPoint, both the OOXML zip packages
and the older OLE2 compound files). Anything else is refused, and the refusal says what the
file looks like (a program, a script, a plain archive) so the desk can tell the sender.

Renaming ``setup.exe`` to ``现场照片.jpg`` changes nothing here: the name is only used to
suggest an extension when the file is opened again.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from gridcenter_desktop.core.enums import AttachmentKind


@dataclass(frozen=True, slots=True)
class FileType:
    media_type: str
    kind: AttachmentKind
    # The extension a viewer expects (used when the file is written out to be opened).
    extension: str


class Refusal(StrEnum):
    """Why a file is not taken (the rule a ValidationError carries)."""

    EMPTY = "empty"
    PROGRAM = "program"  # Windows/Linux/macOS executables and libraries
    SCRIPT = "script"  # "#!" scripts, batch and HTML/SVG text that can run
    ARCHIVE = "archive"  # a zip that is not an Office document
    MACROS = "macros"  # an Office package carrying a VBA project
    UNKNOWN_TYPE = "unknown_type"


JPEG = FileType("image/jpeg", AttachmentKind.PHOTO, ".jpg")
PNG = FileType("image/png", AttachmentKind.PHOTO, ".png")
HEIC = FileType("image/heic", AttachmentKind.PHOTO, ".heic")
HEIF = FileType("image/heif", AttachmentKind.PHOTO, ".heif")
PDF = FileType("application/pdf", AttachmentKind.DOCUMENT, ".pdf")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.DOCUMENT,
    ".docx",
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    AttachmentKind.DOCUMENT,
    ".xlsx",
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    AttachmentKind.DOCUMENT,
    ".pptx",
)
DOC = FileType("application/msword", AttachmentKind.DOCUMENT, ".doc")
XLS = FileType("application/vnd.ms-excel", AttachmentKind.DOCUMENT, ".xls")
PPT = FileType("application/vnd.ms-powerpoint", AttachmentKind.DOCUMENT, ".ppt")

HEIC_TYPES = frozenset({HEIC, HEIF})

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Legacy Office compound files: .doc/.xls/.ppt, and an .xlsx saved with a password.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# ISO base media "ftyp" brands of HEIF stills (HEVC-coded "heic", and the generic image brands).
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"heif"})
# The part each OOXML package must have, besides [Content_Types].xml.
_OOXML_PARTS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)
# The stream each legacy Office compound file holds.
_OLE2_STREAMS = (
    ("WordDocument", DOC),
    ("Workbook", XLS),
    ("Book", XLS),
    ("PowerPoint Document", PPT),
)
_PROGRAM_MAGICS = (
    b"MZ",  # Windows .exe/.dll/.scr
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",  # Mach-O universal (also Java class files)
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
)
_SCRIPT_STARTS = (b"#!", b"@echo", b"<script", b"<html", b"<!doctype html", b"<svg", b"<?xml")


def identify(content: bytes) -> FileType | Refusal:
    """The type of ``content``, or why it is refused."""
    if not content:
        return Refusal.EMPTY
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(_PNG_MAGIC):
        return PNG
    if content.startswith(b"%PDF-"):
        return PDF
    heif = _heif(content)
    if heif is not None:
        return heif
    if content.startswith(_ZIP_MAGIC):
        return _ooxml(content)
    if content.startswith(OLE2_MAGIC):
        return _ole2(content) or Refusal.UNKNOWN_TYPE
    if content.startswith(_PROGRAM_MAGICS):
        return Refusal.PROGRAM
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_SCRIPT_STARTS):
        return Refusal.SCRIPT
    return Refusal.UNKNOWN_TYPE


def _heif(content: bytes) -> FileType | None:
    """HEIC/HEIF: an ISO base media file whose ftyp box names an image brand (AVIF and videos,
    which share the box, are not taken)."""
    if len(content) < 16 or content[4:8] != b"ftyp":
        return None
    size = struct.unpack(">I", content[:4])[0]
    box = content[8 : max(16, min(size, 256))]
    brands = {box[0:4]} | {box[i : i + 4] for i in range(8, len(box) - 3, 4)}
    if brands & _HEIC_BRANDS:
        return HEIC
    if box[0:4] in _HEIF_BRANDS:
        return HEIF
    return None


def _ooxml(content: bytes) -> FileType | Refusal:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return Refusal.UNKNOWN_TYPE
    if "[Content_Types].xml" not in names:
        return Refusal.ARCHIVE
    # A macro project can run code when the document is opened: the centre takes none.
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return Refusal.MACROS
    for part, file_type in _OOXML_PARTS:
        if part in names:
            return file_type
    return Refusal.ARCHIVE


def _ole2(content: bytes) -> FileType | None:
    """A Word/Excel/PowerPoint 97-2003 compound file, told by its main stream's name (an .msi
    installer is a compound file too, without those streams)."""
    names = set(_ole2_stream_names(content))
    for stream, file_type in _OLE2_STREAMS:
        if stream in names:
            return file_type
    return None


_END = 0xFFFFFFFE
_SPECIAL = 0xFFFFFFFA  # and above: not sector numbers


def _ole2_stream_names(content: bytes) -> list[str]:
    """The names in a compound file's directory (MS-CFB): the FAT is gathered from the header's
    DIFAT (and DIFAT sectors), then the directory's sector chain is walked through it."""
    if len(content) < 512:
        return []
    shift = struct.unpack_from("<H", content, 0x1E)[0]
    if shift not in (9, 12):
        return []
    sector = 1 << shift
    per_sector = sector // 4
    total = (len(content) - 512) // sector + 1

    def sector_words(n: int) -> tuple[int, ...]:
        start = (n + 1) * sector
        if n >= total or start + sector > len(content):
            return ()
        return struct.unpack_from(f"<{per_sector}I", content, start)

    fat_sectors = [n for n in struct.unpack_from("<109I", content, 0x4C) if n < _SPECIAL]
    difat = struct.unpack_from("<I", content, 0x44)[0]
    for _ in range(total):
        if difat >= _SPECIAL:
            break
        words = sector_words(difat)
        if not words:
            break
        fat_sectors.extend(n for n in words[:-1] if n < _SPECIAL)
        difat = words[-1]
    fat: list[int] = []
    for n in fat_sectors:
        fat.extend(sector_words(n))
    names: list[str] = []
    current = struct.unpack_from("<I", content, 0x30)[0]
    seen: set[int] = set()
    while current < _SPECIAL and current not in seen:  # a looping chain ends, never spins
        seen.add(current)
        start = (current + 1) * sector
        for offset in range(start, min(start + sector, len(content) - 127), 128):
            length = struct.unpack_from("<H", content, offset + 64)[0]
            if content[offset + 66] in (1, 2, 5) and 2 <= length <= 64:
                names.append(content[offset : offset + length - 2].decode("utf-16-le", "replace"))
        current = fat[current] if current < len(fat) else _END
    return names
