"""Files of every kind the desk takes (and some it refuses), made here from their bytes: the
suite depends on no sample file it did not generate."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real (decodable) RGB PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def jpeg_head(size: int = 2048) -> bytes:
    """The start of a JFIF file padded to ``size`` (enough for sniffing, not for decoding)."""
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return head + b"\x00" * (size - len(head) - 2) + b"\xff\xd9"


def heic(brand: bytes = b"heic") -> bytes:
    """An ISO base media file whose ftyp box says HEIC (as an iPhone writes it)."""
    ftyp = brand + b"\x00\x00\x00\x00" + b"mif1" + brand + b"miaf"
    return struct.pack(">I", 8 + len(ftyp)) + b"ftyp" + ftyp + b"\x00" * 64


def avif() -> bytes:
    ftyp = b"avif\x00\x00\x00\x00avifmif1miaf"
    return struct.pack(">I", 8 + len(ftyp)) + b"ftyp" + ftyp + b"\x00" * 64


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def xlsx() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "整改情况"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def docx(*, macros: bool = False) -> bytes:
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    if macros:
        parts["word/vbaProject.bin"] = b"\x00" * 16
    return zip_of(parts)


def compound_file(*streams: str) -> bytes:
    """A minimal OLE2 compound file (MS-CFB, 512-byte sectors) whose directory names
    ``streams`` (a Word 97 .doc holds "WordDocument"; an .msi installer does not)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 0x18, 0x3E, 3, 0xFFFE)
    struct.pack_into("<H", header, 0x1E, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<I", header, 0x30, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<III", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * (sector // 4 - 2)
    fat_sector = struct.pack(f"<{sector // 4}I", *fat)
    directory = bytearray(sector)
    for index, (name, kind) in enumerate([("Root Entry", 5), *((s, 2) for s in streams)][:4]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        offset = index * 128
        directory[offset : offset + len(encoded)] = encoded
        struct.pack_into("<HB", directory, offset + 64, len(encoded), kind)
    return bytes(header) + fat_sector + bytes(directory)


def windows_program() -> bytes:
    """What a renamed setup.exe starts with."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54 + b"This program cannot be run"
