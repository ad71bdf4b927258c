"""The ledger file a superior opens: right rows, real dates and numbers, safe text, printable."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gridcenter_desktop.core.enums import OPEN_STATUSES, TicketStatus, UserRole
from gridcenter_desktop.db.ticket import Ticket
from gridcenter_desktop.reports import ledger, print_layout
from gridcenter_desktop.reports.files import ExportCancelled
from gridcenter_desktop.services import queue
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

from .conftest import EVIL_TITLE, NOW


def _write(session, path, ids, role=UserRole.VIEWER, **kw):
    return ledger.write_ledger(
        session,
        path,
        ledger.batched(ids, 3),
        total=len(ids),
        period_text="统计期间：2022-01-01 至 2022-10-25",
        role=role,
        now=NOW,
        **kw,
    )


def _rows(path):
    ws = load_workbook(path)["工单台账"]
    header = [c.value for c in ws[ledger.HEADER_ROW]]
    body = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in ws.iter_rows(min_row=ledger.HEADER_ROW + 1)
    ]
    return ws, header, body


def test_ledger_rows_follow_the_given_order_with_typed_values(session, report_data, tmp_path):
    ids = report_data.ticket_ids[:8][::-1]
    path = tmp_path / "台账.xlsx"
    result = _write(session, path, ids)
    assert result.rows == 8

    ws, header, body = _rows(path)
    assert header == list(ledger.HEADERS)
    # The title names the centre, as the printed ledger does; so does the page header.
    assert ws["A1"].value == "光福镇集成指挥中心工单台账"
    assert ws.oddHeader.center.text == "光福镇集成指挥中心工单台账"
    assert "2022-01-01 至 2022-10-25" in ws["A2"].value and "2022-10-25 18:00" in ws["A2"].value
    assert [r["编号"] for r in body] == [report_data.codes[i] for i in range(7, -1, -1)]
    assert [r["序号"] for r in body] == list(range(1, 9))

    first = body[-1]  # the noise complaint closed after 3 days, with an assisting department
    assert first["受理时间"] == datetime(2022, 3, 1, 9, 0)
    assert first["时限"] == datetime(2022, 3, 8, 9, 0)
    assert first["办结时间"] == datetime(2022, 3, 4, 9, 0)
    assert first["处理天数"] == 3.0
    assert first["是否超期"] == "否"
    assert first["主办部门"] == "综合执法局" and first["协办部门"] == "生态环境办"
    assert first["村/社区"] == "迂里村" and first["网格"] == "迂里村第一网格"
    assert first["类别"] == "噪音扰民" and first["状态"] == "已办结" and first["满意度"] == "满意"
    date_cell = ws.cell(row=ledger.HEADER_ROW + 8, column=header.index("受理时间") + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd hh:mm"

    by_code = {r["编号"]: r for r in body}
    late_petition = by_code[report_data.codes[3]]
    assert late_petition["是否超期"] == "是" and late_petition["处理天数"] == 20.0
    grid_dispute = by_code[report_data.codes[1]]
    assert grid_dispute["主办部门"] == "迂里村第二网格"
    urged = by_code[report_data.codes[5]]
    assert urged["催办次数"] == 2 and urged["办结时间"] is None and urged["处理天数"] is None
    assert urged["是否超期"] == "是"  # open past its deadline at export time
    pending = by_code[report_data.codes[7]]
    assert pending["是否超期"] == "否" and pending["网格"] is None


def test_formula_like_titles_stay_text(local_session, local_data, tmp_path):
    path = tmp_path / "台账.xlsx"
    _write(local_session, path, local_data.ticket_ids[:8])
    ws, header, body = _rows(path)
    titles = {r["编号"]: r["标题"] for r in body}
    assert titles[local_data.codes[0]] == EVIL_TITLE
    assert titles[local_data.codes[6]] == "-违规占道经营"
    column = header.index("标题") + 1
    cells = [ws.cell(row=r, column=column) for r in range(ledger.HEADER_ROW + 1, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize(
    ("role", "name", "phone"),
    [
        (UserRole.OPERATOR, "张**", "138****5678"),
        (UserRole.VIEWER, "张**", "138****5678"),
        (UserRole.SUPERVISOR, "张三丰", "13812345678"),
        (UserRole.ADMIN, "张三丰", "13812345678"),
    ],
)
def test_reporter_is_masked_by_role(local_session, local_data, tmp_path, role, name, phone):
    path = tmp_path / "台账.xlsx"
    _write(local_session, path, local_data.ticket_ids[:2], role=role)
    _, _, body = _rows(path)
    assert (body[0]["反映人"], body[0]["联系电话"]) == (name, phone)


def test_sheet_is_set_up_for_reading_and_printing(local_session, local_data, tmp_path):
    path = tmp_path / "台账.xlsx"
    _write(local_session, path, local_data.ticket_ids[:8])
    ws = load_workbook(path)["工单台账"]
    last = get_column_letter(len(ledger.COLUMNS))
    printed = get_column_letter(ledger.PRINTED_COLUMNS)
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == f"A3:{last}11"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.column_dimensions["C"].width == 20  # 标题
    assert f"A1:{printed}1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["C3"].font.bold and ws["C3"].fill.fgColor.rgb == "FFD9E1F2"


def test_printed_columns_fit_a4_landscape_at_9_points(local_session, local_data, tmp_path):
    path = tmp_path / "台账.xlsx"
    _write(local_session, path, local_data.ticket_ids[:8])
    ws = load_workbook(path)["工单台账"]
    # A fixed scale, never shrunk to fit every column on the page.
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    scale = ws.page_setup.scale
    assert print_layout.printed_points(ws["B4"].font.size, scale) >= print_layout.MIN_PRINTED_POINTS
    assert print_layout.printed_points(ws["B3"].font.size, scale) >= print_layout.MIN_PRINTED_POINTS
    printed = ledger.PRINTED_COLUMNS
    assert ws.print_area == f"'工单台账'!$A$1:${get_column_letter(printed)}$11"
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, printed + 1)]
    assert print_layout.columns_on_first_page(widths, scale) == printed
    # The columns a superior checks a ticket by print; the rest stay in the sheet.
    header = [c.value for c in ws[ledger.HEADER_ROW]]
    assert header[:printed] == [
        "序号", "编号", "标题", "网格", "地址", "受理时间", "时限", "主办部门", "状态",
    ]  # fmt: skip
    assert {"反映人", "联系电话", "办结时间", "附件数"} <= set(header[printed:])


def test_long_titles_and_addresses_wrap_and_their_rows_grow(session, report_data, tmp_path):
    ticket = session.get(Ticket, report_data.ticket_ids[0])
    ticket.title = "太湖渔港村12组43号西侧企业未规范佩戴防护用品" * 2
    ticket.address = "苏州市吴中区光福镇太湖渔港村12组43号"
    session.commit()
    path = tmp_path / "台账.xlsx"
    _write(session, path, [report_data.ticket_ids[0], report_data.ticket_ids[5]])
    ws = load_workbook(path)["工单台账"]
    header = [c.value for c in ws[ledger.HEADER_ROW]]
    long_row, short_row = ledger.HEADER_ROW + 1, ledger.HEADER_ROW + 2
    for name in ("标题", "地址", "网格", "主办部门"):
        assert ws.cell(long_row, header.index(name) + 1).alignment.wrap_text, name
    # 40 wide characters and 8 narrow ones (88 units) in a 20-unit column: five lines.
    assert ws.row_dimensions[long_row].height == 5 * ledger.LINE_POINTS + 3
    assert ws.row_dimensions[short_row].height is None  # one line: the default height
    # Every cell that does not wrap is wide enough for its text.
    for row in ws.iter_rows(min_row=ledger.HEADER_ROW + 1, max_col=ledger.PRINTED_COLUMNS):
        for cell in row:
            if not cell.alignment.wrap_text and cell.value is not None:
                value = cell.value
                text = f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else str(value)
                width = ws.column_dimensions[cell.column_letter].width
                assert print_layout.text_units(text) <= width, (cell.coordinate, text)


def test_cancel_leaves_no_file_behind(local_session, local_data, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = out / "台账.xlsx"
    seen = []

    def progress(done, total, stage):
        seen.append(done)

    with pytest.raises(ExportCancelled):
        _write(local_session, path, local_data.ticket_ids[:8], progress=progress,
               cancelled=lambda: len(seen) >= 1)  # fmt: skip
    assert seen == [3]
    assert list(out.iterdir()) == []


def test_period_ledger_holds_the_period_tickets_without_duplicates(session, report_data, tmp_path):
    path = tmp_path / "台账.xlsx"
    result = ledger.write_period_ledger(
        session, path, date(2022, 1, 1), date(2022, 10, 25), now=NOW, batch_size=3
    )
    _, _, body = _rows(path)
    assert result.rows == 8
    assert [r["编号"] for r in body] == report_data.codes[:8]  # oldest first; merged and
    # November tickets left out


def test_queue_ledger_is_exactly_what_the_queue_shows(session, report_data, tmp_path):
    flt = QueueFilter(statuses=frozenset(OPEN_STATUSES) | {TicketStatus.CLOSED})
    order = QueueOrder(field="deadline", descending=True)
    shown = [r.code for r in queue.fetch_page(session, flt, order, limit=100, now=NOW)]
    path = tmp_path / "台账.xlsx"
    result = ledger.write_queue_ledger(session, path, flt, order, now=NOW, batch_size=2)
    ws, _, body = _rows(path)
    assert result.rows == len(shown) == 9
    assert [r["编号"] for r in body] == shown
    assert "当前视图" in ws["A2"].value and "已办结" in ws["A2"].value


def test_reversed_period_is_refused(local_session, tmp_path):
    with pytest.raises(ValidationError) as info:
        ledger.write_period_ledger(
            local_session, tmp_path / "x.xlsx", date(2022, 2, 1), date(2022, 1, 1)
        )
    assert info.value.field == "date_to"
    assert list(tmp_path.iterdir()) == [] or all(p.suffix != ".xlsx" for p in tmp_path.iterdir())


def test_the_ledgers_title_is_plain_until_the_town_is_set_up():
    from gridcenter_desktop.reports.printed_ledger import compose_printed_ledger

    assert ledger.ledger_title("") == "工单台账"
    assert ledger.ledger_title("集成指挥中心") == "工单台账"  # no town: no centre's name
    assert ledger.ledger_title("光福镇集成指挥中心") == "光福镇集成指挥中心工单台账"
    paper = compose_printed_ledger([], "集成指挥中心", "全部", NOW, 0)
    assert "集成指挥中心工单台账" not in paper.html and "工单台账" in paper.html
