"""What a partner may attach: PDF, Office documents and images, recognised by their content.

A file is checked by what it is, not what it claims: its type from its first bytes; Office
Open XML and OpenDocument files (ZIP archives) by their unpacked size, packing ratio, number of
parts and XML declarations (``apps.core.uploads``); PDFs by what a reader opens (pypdf, not
strict, ``apps.core.uploads.pdf_page_count``); and nothing that is two formats at once (a
polyglot: a PDF or image that is also a ZIP archive, an HTML page or a program, or an archive
that is also a PDF), which a browser or another program could open as the other format.
"""

import os
import re
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.core.text import shown
from apps.core.uploads import check_office_file, pdf_page_count
from apps.requests.models import RequestAttachment

# Detected extension → the family the partner is told about.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}
ACCEPT_ATTRIBUTE = ",".join(f".{extension}" for extension in ALLOWED_TYPES) + ",.jpeg"

ZIP_CONTAINERS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# filetype looks at the first bytes only; Office Open XML needs the zip's first entries.
HEADER_BYTES = 8192
# Signs of a second format inside a file: markup a browser would run, a program's header.
HTML_MARKERS = re.compile(rb"<\s*(?:html|script|body|iframe|!doctype\s+html)\b", re.IGNORECASE)
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
# PDF readers accept the "%PDF-" header anywhere in the first kilobyte.
PDF_HEADER_WINDOW = 1024
SCAN_CHUNK = 1024 * 1024


def max_file_bytes():
    return settings.REQUEST_ATTACHMENT_MAX_BYTES


def max_files():
    return settings.REQUEST_ATTACHMENT_MAX_FILES


def max_total_bytes():
    return settings.REQUEST_ATTACHMENT_MAX_TOTAL_BYTES


@dataclass(frozen=True)
class CheckedUpload:
    upload: object
    extension: str
    content_type: str
    original_name: str
    size: int


def _detect(upload):
    upload.seek(0)
    header = upload.read(HEADER_BYTES)
    upload.seek(0)
    return filetype.guess(header)


def check_name(name):
    """The file's name is kept as the attachment's name: the model field's rules apply."""
    try:
        RequestAttachment._meta.get_field("original_name").run_validators(name)
    except ValidationError as problem:
        raise ValidationError(
            _("The name of the file “%(name)s” cannot be kept: %(problem)s Rename the file."),
            code="file_name",
            params={"name": shown(name), "problem": " ".join(problem.messages)},
        ) from None


def check_upload(upload):
    """The upload with its type as found in its bytes, or a ValidationError saying what is wrong."""
    name = os.path.basename(upload.name or "")[:200] or "attachment"
    check_name(name)
    if upload.size > max_file_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file may be at most %(limit)s."),
            code="file_too_large",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_file_bytes()),
            },
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), code="file_empty", params={"name": name})
    kind = _detect(upload)
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, Office document or image (its content was checked, "
                "not its name). Please attach PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, "
                "PNG, GIF or WebP files."
            ),
            code="file_type",
            params={"name": name},
        )
    _check_content(upload, kind.extension, name)
    return CheckedUpload(
        upload=upload,
        extension=kind.extension,
        content_type=ALLOWED_TYPES[kind.extension],
        original_name=name,
        size=upload.size,
    )


def _polyglot_error(name):
    return ValidationError(
        _(
            "“%(name)s” is at the same time another kind of file (an archive, a web page or a "
            "program), which we do not accept. Save it again as a plain PDF, Office document "
            "or image."
        ),
        code="file_polyglot",
        params={"name": name},
    )


def _contains_html(upload):
    upload.seek(0)
    tail = b""
    while chunk := upload.read(SCAN_CHUNK):
        if HTML_MARKERS.search(tail + chunk):
            return True
        tail = chunk[-32:]
    return False


def _check_content(upload, extension, name):
    """Open the file with a parser of its format and refuse a second format inside it."""
    upload.seek(0)
    head = upload.read(PDF_HEADER_WINDOW)
    try:
        if extension in ZIP_CONTAINERS:
            if b"%PDF-" in head:
                raise _polyglot_error(name)
            check_office_file(upload, name=name).close()
            return
        if zipfile.is_zipfile(upload) or head.startswith(PROGRAM_MAGIC):
            raise _polyglot_error(name)
        if extension == "pdf":
            _check_pdf(upload, name)
        if extension in ("pdf", "gif", "png", "jpg", "webp") and _contains_html(upload):
            raise _polyglot_error(name)
    finally:
        upload.seek(0)


def _check_pdf(upload, name):
    pages = pdf_page_count(upload)
    if not pages:
        raise ValidationError(
            _("“%(name)s” is not a readable PDF (it could not be opened). Please save it again."),
            code="pdf_unreadable",
            params={"name": name},
        )
    if pages > settings.REQUEST_ATTACHMENT_PDF_MAX_PAGES:
        raise ValidationError(
            _("“%(name)s” has %(count)d pages; at most %(limit)d are accepted."),
            code="pdf_pages",
            params={
                "name": name,
                "count": pages,
                "limit": settings.REQUEST_ATTACHMENT_PDF_MAX_PAGES,
            },
        )


def check_uploads(uploads):
    """Check each file, then the number and the total size; every problem is reported."""
    errors = []
    checked = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.append(error)
    if len(uploads) > max_files():
        errors.append(
            ValidationError(
                _("Attach at most %(limit)d files (you chose %(count)d)."),
                code="too_many_files",
                params={"limit": max_files(), "count": len(uploads)},
            )
        )
    total = sum(upload.size for upload in uploads)
    if total > max_total_bytes():
        errors.append(
            ValidationError(
                _("The files together are %(size)s; the limit is %(limit)s."),
                code="files_too_large",
                params={"size": filesizeformat(total), "limit": filesizeformat(max_total_bytes())},
            )
        )
    if errors:
        raise ValidationError(errors)
    return checked
