"""A report file is written whole or not at all, with a clear reason when it cannot be."""

from __future__ import annotations

import errno
import os

import pytest

from gridcenter_desktop.reports import files
from gridcenter_desktop.reports.files import ExportCancelled, ReportFileError, atomic_output


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~gridcenter-"))


def test_success_replaces_the_target(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    with atomic_output(target) as tmp:
        assert tmp.parent == tmp_path
        tmp.write_bytes(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "fault",
    [ExportCancelled(), OSError(errno.ENOSPC, "No space left on device"), RuntimeError("boom")],
)
def test_failure_leaves_target_untouched_and_no_temp_file(tmp_path, fault):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises((ExportCancelled, ReportFileError, RuntimeError)) as info:
        with atomic_output(target) as tmp:
            tmp.write_bytes(b"half")
            raise fault
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []
    if isinstance(fault, OSError):
        assert info.value.reason == files.DISK_FULL
        assert "disk is full" in str(info.value)


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(ReportFileError) as info:
        with atomic_output(tmp_path / "nope" / "r.xlsx"):
            pass
    assert info.value.reason == files.DIRECTORY_MISSING


def test_folder_given_as_file_is_refused(tmp_path):
    with pytest.raises(ReportFileError) as info:
        with atomic_output(tmp_path):
            pass
    assert info.value.reason == files.IS_DIRECTORY


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ReportFileError) as info:
            with atomic_output(folder / "r.xlsx"):
                pass
        assert info.value.reason == files.NOT_WRITABLE
    finally:
        folder.chmod(0o755)


def test_unwritable_system_path_is_refused_even_for_root():
    # /proc is read-only for everyone, root included.
    with pytest.raises(ReportFileError) as info:
        with atomic_output("/proc/gridcenter-report.xlsx"):
            pass
    assert info.value.reason in (files.NOT_WRITABLE, files.IO_ERROR)


@pytest.mark.parametrize("lock_name", ["~$r.xlsx", ".~lock.r.xlsx#"])
def test_file_open_in_office_is_refused(tmp_path, lock_name):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock_name).write_text("someone")
    with pytest.raises(ReportFileError) as info:
        with atomic_output(target):
            pass
    assert info.value.reason == files.LOCKED
    assert target.read_bytes() == b"old"


def test_cancel_during_the_final_save_still_wins(tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    asked = []
    with pytest.raises(ExportCancelled):
        with atomic_output(target, cancelled=lambda: asked.append(1) or True) as tmp:
            tmp.write_bytes(b"complete")
    assert asked and target.read_bytes() == b"old" and _leftovers(tmp_path) == []
