"""The one export writer: text a spreadsheet would run is neutralised in CSV and kept a string
in XLSX; numbers and dates keep their type."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from apps.core import export

HOSTILE = ['=HYPERLINK("http://x")', "@SUM(A1)", "+cmd", "-2+3", "\tx", "\rx"]


def test_csv_neutralises_every_formula_start_and_keeps_numbers():
    rows = [[text, Decimal("1.50"), datetime.date(2024, 3, 1), None, True] for text in HOSTILE]
    data = b"".join(export.csv_chunks(["t", "n", "d", "e", "b"], rows)).decode("utf-8-sig")
    body = list(csv.reader(io.StringIO(data)))[1:]
    assert [row[0] for row in body] == ["'" + text for text in HOSTILE]
    assert body[0][1:] == ["1.50", "2024-03-01", "", "true"]


def test_xlsx_writes_formula_looking_text_as_strings(tmp_path):
    target = tmp_path / "x.xlsx"
    rows = [[text, Decimal("1.50"), -3] for text in HOSTILE]
    assert export.write_xlsx(target, ["t", "n", "i"], rows, title="a/b:c") == len(HOSTILE)
    sheet = load_workbook(target).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XlsxWriter stores a carriage return as the escape _x000D_, which Excel reads back.
    assert [cell.value for cell in cells][:-1] == HOSTILE[:-1]
    assert {cell.data_type for cell in cells} == {"s"}
    assert sheet["B2"].value == 1.5 and sheet["C2"].value == -3
