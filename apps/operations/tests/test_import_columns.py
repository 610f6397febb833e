"""The import page explains every column in the user's language and offers a template file."""

import io

import openpyxl
import pytest
from django.test import Client

from apps.operations.resources import IMPORTABLE

pytestmark = pytest.mark.django_db


def test_import_page_explains_columns_in_chinese_and_the_template_has_them(staff_client):
    html = staff_client.get("/admin/agreements/contract/import/").content.decode()
    assert 'id="import-columns"' in html
    assert "合同编号" in html or "编号" in html
    assert "可选值：" in html  # kind and status list their allowed values
    assert "金额，单位：元" in html
    response = staff_client.get("/admin/import-template/agreements/contract.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in next(workbook.worksheets[0].iter_rows(max_row=1))]
    page_headers = html.split('id="import-columns"')[1]
    for header in headers:
        assert f'<th scope="row">{header}</th>' in page_headers
    explained = [row[0] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert explained == headers


def test_import_template_is_for_staff_and_importable_types_only(staff_client):
    assert Client().get("/admin/import-template/agreements/contract.xlsx").status_code == 302
    assert staff_client.get("/admin/import-template/regions/province.xlsx").status_code == 404
    assert staff_client.get("/admin/import-template/nothing/here.xlsx").status_code == 404


@pytest.mark.parametrize("model", list(IMPORTABLE), ids=lambda model: model._meta.label_lower)
def test_every_importable_type_explains_its_columns_and_offers_a_template(staff_client, model):
    opts = model._meta
    html = staff_client.get(f"/admin/{opts.app_label}/{opts.model_name}/import/")
    assert html.status_code == 200
    assert 'id="import-columns"' in html.content.decode()
    template = staff_client.get(f"/admin/import-template/{opts.app_label}/{opts.model_name}.xlsx")
    assert template.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    assert next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
