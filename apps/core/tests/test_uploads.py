"""Uploaded Office/ZIP containers are checked by what they would unpack to."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.core.uploads import check_office_file

ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    "<worksheet>&lol2;</worksheet>"
)


def archive(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    buffer.seek(0)
    return buffer


def refusal(source, language="zh-hans"):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            check_office_file(source, name="a.xlsx")
        return caught.value.code, " ".join(caught.value.messages)


def test_a_decompression_bomb_is_refused_by_its_declared_size(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024
    code, message = refusal(archive({"xl/sheet1.xml": b"\0" * (3 * 1024 * 1024)}))
    assert code == "zip_too_large"
    assert "a.xlsx" in message and "解压" in message


def test_a_part_packed_far_tighter_than_ordinary_files_is_refused():
    code, message = refusal(archive({"xl/sheet1.xml": b"<a/>" + b" " * (4 * 1024 * 1024)}), "en")
    assert code == "zip_ratio"
    assert "decompression bomb" in message


def test_an_xml_entity_bomb_is_refused():
    code, message = refusal(archive({"xl/worksheets/sheet1.xml": ENTITY_BOMB}))
    assert code == "xml_entities"
    assert "实体" in message


def test_a_broken_zip_is_refused_with_a_sentence():
    whole = archive({"xl/sheet1.xml": b"<worksheet/>" * 100}).getvalue()
    code, message = refusal(io.BytesIO(whole[: len(whole) // 2]))
    assert code == "broken_zip"
    assert "损坏" in message


def test_an_ordinary_office_file_passes():
    checked = check_office_file(
        archive({"xl/sheet1.xml": "<worksheet><row/></worksheet>"}), name="a.xlsx"
    )
    assert checked.namelist() == ["xl/sheet1.xml"]
