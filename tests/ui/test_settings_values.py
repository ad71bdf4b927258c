"""The settings dialog's values as stored per workstation: defaults, round trips through the
INI file, and values a hand-edited file gets wrong falling back to the default."""

from __future__ import annotations

import pytest

from gridcenter_desktop.ui.settings import Settings


def test_defaults_follow_the_system_and_the_town(tmp_path):
    settings = Settings.at(tmp_path / "settings.ini")
    assert settings.theme == "system"
    assert settings.queue_font_size == 0
    assert settings.report_period == ""
    assert settings.export_folder == ""


def test_choices_survive_a_restart(tmp_path):
    settings = Settings.at(tmp_path / "settings.ini")
    settings.theme = "dark"
    settings.queue_font_size = 14
    settings.report_period = "last_month"
    settings.export_folder = str(tmp_path / "报表")
    settings.sync()
    again = Settings.at(tmp_path / "settings.ini")
    assert again.theme == "dark"
    assert again.queue_font_size == 14
    assert again.report_period == "last_month"
    assert again.export_folder == str(tmp_path / "报表")


def test_a_hand_edited_file_with_nonsense_falls_back_to_the_defaults(tmp_path):
    path = tmp_path / "settings.ini"
    path.write_text(
        "[ui]\ntheme=purple\n[queue]\nfont_size=99\n[reports]\nperiod=fortnight\n",
        encoding="utf-8",
    )
    settings = Settings.at(path)
    assert settings.theme == "system"
    assert settings.queue_font_size == 0
    assert settings.report_period == ""


def test_unknown_values_are_refused(tmp_path):
    settings = Settings.at(tmp_path / "settings.ini")
    with pytest.raises(ValueError):
        settings.theme = "purple"
    with pytest.raises(ValueError):
        settings.queue_font_size = 3
    with pytest.raises(ValueError):
        settings.report_period = "fortnight"
