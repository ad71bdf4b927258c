"""Simplified Chinese is complete and the default; the committed .qm files are exactly what
lrelease makes from the .ts files (so nobody hand-edits or forgets to rebuild them)."""

from __future__ import annotations

import pytest

from gridcenter_desktop.ui import i18n, labels

UPDATE = "run `uv run python -m gridcenter_desktop.ui.i18n --update` and translate"


def test_every_ui_string_has_a_finished_zh_cn_translation():
    missing = i18n.untranslated_in_code("zh_CN")
    assert missing == [], f"untranslated strings ({UPDATE}): {missing[:20]}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_committed_qm_is_what_lrelease_makes(tmp_path, language):
    built = tmp_path / f"{language}.qm"
    i18n.run_lrelease(i18n.ts_path(language), built)
    committed = i18n.qm_path(language)
    assert committed.exists(), f"{committed} missing: {UPDATE}"
    assert committed.read_bytes() == built.read_bytes(), f"{committed} is stale: {UPDATE}"


def test_chinese_labels_once_installed(qapp):
    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        assert labels.status_label("pending_dispatch") == "待派发"
        assert labels.member_role_label("worker") == "网格员"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        labels.reset_cache()
    assert labels.status_label("pending_dispatch") == "Pending dispatch"


def test_each_menu_gives_its_commands_distinct_alt_letters_in_chinese(qapp):
    # Two commands of one menu on the same letter: the letter no longer runs either at once
    # (the walk pressed 工单 → O and could not reach 打印整改通知书).
    import re
    from collections import defaultdict

    from PySide6.QtCore import QCoreApplication

    from gridcenter_desktop.ui.actions import ACTIONS

    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        letters: dict[tuple[str, str], list[str]] = defaultdict(list)
        for spec in ACTIONS:
            text = QCoreApplication.translate("Actions", spec.text).replace("&&", "")
            found = re.search(r"&(.)", text)
            if found:
                letters[(spec.menu, found.group(1).lower())].append(text)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        labels.reset_cache()
    shared = {key: texts for key, texts in letters.items() if len(texts) > 1}
    assert shared == {}
