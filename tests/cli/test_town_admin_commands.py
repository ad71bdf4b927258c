"""``gridcenter department|deadline|town ...`` as a town's administrator runs them, signed in
(on PostgreSQL as their own login role), on SQLite and PostgreSQL: what they print, and one
line when a change is refused."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.cli.admin_console import (
    assert_one_line_error,
    run_here,
)


def test_departments_from_the_command_line(town, capsys):
    def run(*args):
        return run_here(capsys, "department", *args, "--db", town, "--user", "chief")

    added = run("add", "食安办", "--kind", "office", "--contact-phone", "0512 6688 1234")
    assert added.returncode == 0, added.stderr
    assert "已添加部门 D001\t食安办\t镇属部门\t联系人 0512-66881234" in added.stdout
    assert run("add", "供电所", "--kind", "utility", "--code", "power",
               "--not-dispatchable").returncode == 0  # fmt: skip
    assert_one_line_error(run("add", "食安办", "--kind", "office"), "食安办")
    assert run("edit", "食安办", "--contact-name", "王主任").returncode == 0
    listed = run("list")
    assert "D001\t食安办\t镇属部门\t联系人 王主任 0512-66881234" in listed.stdout
    assert "power\t供电所\t公用事业单位\t不派单" in listed.stdout
    assert run("retire", "power").returncode == 0
    assert "供电所" not in run("list").stdout
    assert "已撤销" in run("list", "--all").stdout
    assert run("delete", "power").returncode == 0
    assert_one_line_error(run("delete", "power"), "no department")
    assert "共 1 个部门" in run("list", "--all").stdout


def test_deadlines_from_the_command_line(town, capsys):
    def run(*args):
        return run_here(capsys, "deadline", *args, "--db", town, "--user", "chief")

    changed = run("set", "finish", "--category", "noise", "--priority", "ordinary", "--limit", "3d")
    assert changed.returncode == 0, changed.stderr
    assert "办理时限·噪音扰民·一般：3个工作日" in changed.stdout
    listed = run("list", "--changed")
    assert "办理时限·噪音扰民·一般\t3个工作日\t默认 5个工作日\t自 " in listed.stdout
    assert "（站长）" in listed.stdout and "共 1 条时限" in listed.stdout
    assert_one_line_error(
        run("set", "accept", "--priority", "urgent", "--limit", "0h"), "more than zero"
    )
    assert_one_line_error(run("set", "finish", "--priority", "urgent", "--limit", "1d"), "category")
    reset = run("reset", "finish", "--category", "noise", "--priority", "ordinary")
    assert "5个工作日（默认）" in reset.stdout
    assert "共 0 条时限" in run("list", "--changed").stdout


def test_the_town_from_the_command_line_names_the_reports(town, capsys, tmp_path):
    def run(*args):
        return run_here(capsys, "town", *args, "--db", town, "--user", "chief")

    shown = run("show")
    assert "镇（街道）名称\t（未设置）" in shown.stdout
    assert "指挥中心全称\t集成指挥中心" in shown.stdout
    saved = run("set", "--name", "东山镇", "--report-period", "quarter")
    assert saved.returncode == 0, saved.stderr
    assert "指挥中心全称\t东山镇集成指挥中心" in saved.stdout
    assert "默认报表周期\t季度" in saved.stdout
    assert_one_line_error(run("set", "--notice-pattern", "整改〔{year}〕号"), "notice_pattern")
    assert_one_line_error(run("set", "--code", "12345"), "town_code")
    out = tmp_path / "季报.xlsx"
    report = run_here(
        capsys, "report", "summary", "--db", town, "--user", "chief", "--out", str(out)
    )
    assert report.returncode == 0, report.stderr
    assert load_workbook(out)["封面"]["A1"].value == "东山镇集成指挥中心工作季报"
