"""The statistical report's "网格地图" sheet: the town's grid map as a picture (open and
overdue tickets by grid) and, beside it, the table of grids with the same counts.

The picture is drawn by the window's map code (Qt), which this Qt-free layer may not import:
the caller hands it over as PNG bytes (the export dialog's job and ``gridcenter report
summary`` both do, ui/map/map_image.py); openpyxl embeds it with Pillow. Without a picture (no
Qt to draw it, or no grid boundary imported yet) the sheet says so and still has the table.
The counts are those of the moment the report is made (open tickets have no period), as the
grid tree shows them.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl.drawing.image import Image
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gridcenter_desktop.reports import cells, print_layout
from gridcenter_desktop.services.town_map import TownMap

SHEET = "网格地图"
TABLE_TOP = 4
PICTURE_COLUMN = "F"
PICTURE_WIDTH_PX = 900  # on the sheet (the PNG itself may be larger: it stays sharp in print)


def fill_grid_map_sheet(ws: Worksheet, town: TownMap, png: bytes | None) -> None:
    """Write the table of grids (村（社区）, 网格, 在办, 超期) from TABLE_TOP and the map
    picture beside it."""
    ws.title = SHEET
    ws.merge_cells("A1:N1")
    cells.put(ws, 1, 1, f"{town.town_name}网格地图：在办与超期工单", cells.TITLE)
    ws.row_dimensions[1].height = 30
    ws.merge_cells("A2:N2")
    note = f"截至{town.as_of:%Y年%m月%d日 %H:%M}的在办工单（不限统计期间）"
    if not town.drawn:
        note += "；尚未导入网格边界，暂无地图"
    elif png is None:
        note += "；本机无法绘制地图图片，仅列表格"
    cells.put(ws, 2, 1, note, cells.SUBTITLE)
    for column, width in zip("ABCD", (14, 20, 9, 9), strict=True):
        ws.column_dimensions[column].width = width
    for column, header in enumerate(("村（社区）", "网格", "在办", "超期"), 1):
        cells.put(ws, TABLE_TOP, column, header, cells.HEADER)
    row = TABLE_TOP
    for grid in town.grids:
        row += 1
        cells.put(ws, row, 1, grid.village, cells.BODY)
        cells.put(ws, row, 2, grid.name, cells.BODY)
        cells.put(ws, row, 3, grid.open_count, cells.BODY_INTEGER)
        cells.put(ws, row, 4, grid.overdue_count, cells.BODY_INTEGER)
    row += 1
    cells.put(ws, row, 1, "合计", cells.HEADER)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for column, value in ((3, town.open_total), (4, town.overdue_total)):
        cell = cells.put(ws, row, column, value, cells.BODY_INTEGER)
        cell.font = cells.HEADER.font
    print_layout.widen_to_text(ws, [1, 2], TABLE_TOP + 1, row)
    ws.freeze_panes = f"A{TABLE_TOP + 1}"
    if png and town.drawn:
        picture = Image(BytesIO(png))
        ratio = picture.height / picture.width
        picture.width, picture.height = PICTURE_WIDTH_PX, round(PICTURE_WIDTH_PX * ratio)
        ws.add_image(picture, f"{PICTURE_COLUMN}{TABLE_TOP}")
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1  # one page: the map and its table are read together
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
