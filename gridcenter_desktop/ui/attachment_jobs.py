"""Files in and out of the window, off the GUI thread: reading the files a desk adds (with a
PNG thumbnail for photos: QImage works in a job, QPixmap does not), the jobs that add and remove
them through the services, and writing a file out for the system's viewer into a private
temporary folder (this user only, removed at exit).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader

from gridcenter_desktop.core.enums import AttachmentKind
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.ui.private_files import FILE_MODE, private_folder

if TYPE_CHECKING:
    from gridcenter_desktop.services.intake.attachment_files import (
        AttachmentInfo,
        NewAttachment,
    )

THUMBNAIL_SIZE = QSize(160, 120)  # stored (PNG); the strip shows it smaller


def make_thumbnail(content: bytes) -> bytes | None:
    """A PNG of the photo fitted in THUMBNAIL_SIZE (turned as the camera says), or None when Qt
    cannot decode it (HEIC here: no image plug-in reads it)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation: phone photos taken upright stay upright
    size = reader.size()
    if size.isValid():
        # Decode at a reduced size: a 4000x3000 photo is never expanded in full for a thumbnail.
        reader.setScaledSize(size.scaled(THUMBNAIL_SIZE * 2, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    image = image.scaled(
        THUMBNAIL_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "PNG")
    return bytes(out.data())


def read_files(paths: Sequence[str], limit: int) -> list[NewAttachment]:
    """The files at ``paths`` with thumbnails for photos; a file over ``limit`` is refused
    before it is read whole (someone may drop a video of several GB)."""
    from gridcenter_desktop.core import file_types
    from gridcenter_desktop.services.intake.attachment_files import NewAttachment

    read = []
    for path in paths:
        if os.path.getsize(path) > limit:
            raise ValidationError("attachment_file", "too_large")
        content = Path(path).read_bytes()
        found = file_types.identify(content)
        thumbnail = None
        if isinstance(found, file_types.FileType) and found.kind is AttachmentKind.PHOTO:
            thumbnail = make_thumbnail(content)
        read.append(NewAttachment(Path(path).name, content, thumbnail))
    return read


def add_files_job(job, actor, ticket_id: int, version: int, paths: list[str], now):
    """Read the files and keep them on the ticket (one ATTACH)."""
    from gridcenter_desktop.services.intake.attachments import add_attachments, size_limit

    session = job.session()
    files = read_files(paths, size_limit(session))
    return add_attachments(session, actor, ticket_id, version, files, now=now)


def remove_file_job(job, actor, ticket_id: int, version: int, attachment_id: int, now):
    from gridcenter_desktop.services.intake.attachments import remove_attachment

    return remove_attachment(job.session(), actor, ticket_id, version, attachment_id, now=now)


_opened_folder: Path | None = None


def opened_files_folder() -> Path:
    """This run's private folder for files opened with the system viewer (removed at exit)."""
    global _opened_folder
    if _opened_folder is None:
        _opened_folder = private_folder(Path(tempfile.mkdtemp(prefix="gridcenter-files-")))
        atexit.register(shutil.rmtree, _opened_folder, True)
    return _opened_folder


def viewer_file_name(info: AttachmentInfo) -> str:
    """A name the viewer opens the right way: the kept name made safe for any file system,
    with the extension the content calls for (a PDF sent as "报告" still opens as a PDF)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", info.file_name).strip(" .") or "file"
    extension = info.extension
    if extension and not name.lower().endswith(extension):
        name += extension
    return f"{info.id}-{name}"


def write_for_viewer_job(job, actor, info: AttachmentInfo) -> str:
    """Fetch the file's bytes and write them where only this user can read them."""
    from gridcenter_desktop.services.intake.attachments import attachment_content

    content = attachment_content(job.session(), actor, info.id)
    path = opened_files_folder() / viewer_file_name(info)
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return str(path)


def open_with_system_viewer(path: str) -> bool:
    """Hand the file to the program the system opens it with."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def local_paths(mime) -> list[str]:
    """The local files a drag carries (web links and folders are not files to keep)."""
    if not mime.hasUrls():
        return []
    return [
        url.toLocalFile()
        for url in mime.urls()
        if url.isLocalFile() and os.path.isfile(url.toLocalFile())
    ]


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
