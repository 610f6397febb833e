"""Attachments are checked by what they are: a zip bomb dressed as a Word file and a PDF that
is also a ZIP archive (or a web page) are refused with a sentence the partner understands."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

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
