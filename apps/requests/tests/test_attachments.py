"""Attachments are checked by what they are: a zip bomb dressed as a Word file and a PDF that
is also a ZIP archive (or a web page) are refused with a sentence the partner understands."""

import io
import zipfile

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from apps.requests.attachments import check_upload

from .conftest import docx_bytes, pdf_bytes, png_bytes


def zip_bomb_docx(unpacked_bytes=200 * 1024 * 1024):
    """A small .docx whose document part inflates to ``unpacked_bytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("_rels/.rels", "<Relationships/>")
        with docx.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def refusal(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    return refused.value


def test_ordinary_pdf_docx_and_image_are_accepted():
    assert check_upload(upload("方案.pdf", pdf_bytes())).extension == "pdf"
    assert check_upload(upload("说明.docx", docx_bytes())).extension == "docx"
    assert check_upload(upload("photo.png", png_bytes())).extension == "png"


def test_zip_bomb_docx_is_refused_by_its_unpacked_size():
    bomb = zip_bomb_docx()
    assert len(bomb) < 1024 * 1024  # small on the wire

    error = refusal("需求说明.docx", bomb)

    assert error.code in ("zip_too_large", "zip_ratio")
    assert "需求说明.docx" in error.messages[0]


def test_pdf_that_is_also_a_zip_archive_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as inner:
        inner.writestr("payload.html", "<script>alert(1)</script>")
    polyglot = pdf_bytes() + archive.getvalue()
    assert zipfile.is_zipfile(io.BytesIO(polyglot))

    error = refusal("报价.pdf", polyglot)

    assert error.code == "file_polyglot"


def test_pdf_that_carries_a_web_page_is_refused():
    error = refusal("报价.pdf", pdf_bytes() + b"\n<html><script>alert(1)</script></html>\n")
    assert error.code == "file_polyglot"


def test_docx_that_is_also_a_pdf_is_refused():
    error = refusal("说明.docx", docx_bytes()[:0] + b"%PDF-1.4\n" + docx_bytes())
    # A PDF header in front of the archive: filetype no longer sees a ZIP, or we see both.
    assert error.code in ("file_type", "file_polyglot")


def test_something_that_only_starts_like_a_pdf_is_refused():
    error = refusal("假的.pdf", b"%PDF-1.4\n" + b"not really a document\n" * 50)
    assert error.code == "pdf_unreadable"


def pdf_without_startxref(pages=1, *, keep_eof=False, keep_trailer=True):
    """A PDF written by pypdf, its closing ``startxref`` pointer (and ``%%EOF``) cut off, as
    some producers and interrupted copies leave them; readers rebuild the cross-reference
    table by scanning the objects. Without ``keep_trailer`` the trailer (and with it the
    document's root) goes too."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    cut = data.rindex(b"startxref") if keep_trailer else data.rindex(b"trailer")
    return data[:cut] + (b"%%EOF\n" if keep_eof else b"")


@pytest.mark.parametrize("keep_eof", [False, True])
def test_a_pdf_without_startxref_that_readers_open_is_accepted(keep_eof):
    checked = check_upload(upload("方案.pdf", pdf_without_startxref(3, keep_eof=keep_eof)))
    assert checked.extension == "pdf"
    assert checked.content_type == "application/pdf"


def test_a_pdf_without_startxref_over_the_page_limit_is_refused_for_its_pages(settings):
    settings.REQUEST_ATTACHMENT_PDF_MAX_PAGES = 2

    error = refusal("方案.pdf", pdf_without_startxref(3))

    assert error.code == "pdf_pages"
    assert error.params["count"] == 3


def test_a_pdf_without_startxref_is_still_refused_as_a_polyglot():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as inner:
        inner.writestr("payload.html", "<script>alert(1)</script>")
    assert refusal("报价.pdf", pdf_without_startxref() + archive.getvalue()).code == (
        "file_polyglot"
    )
    web_page = pdf_without_startxref() + b"<html><script>alert(1)</script></html>"
    assert refusal("报价.pdf", web_page).code == "file_polyglot"


def test_a_pdf_without_its_trailer_has_no_root_and_is_refused_as_unreadable():
    error = refusal("方案.pdf", pdf_without_startxref(keep_trailer=False))
    assert error.code == "pdf_unreadable"


@pytest.mark.parametrize("name", ["报价\u202efdp.exe.pdf", "报价\u2067.pdf", "报价\x07.pdf"])
def test_a_file_whose_name_hides_its_order_or_holds_control_characters_is_refused(name):
    with translation.override("zh-hans"):
        error = refusal(name, pdf_bytes())
        message = error.messages[0]

    assert error.code == "file_name"
    assert "请重命名该文件" in message
    # The name is quoted with the offending character replaced, so it garbles nothing.
    assert "报价\ufffd" in message and name[2] not in message
