"""What a partner may attach: PDF, Office documents and images, recognised by their content."""

import os
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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

# filetype looks at the first bytes only; Office Open XML needs the zip's first entries.
HEADER_BYTES = 8192


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


def check_upload(upload):
    """The upload with its type as found in its bytes, or a ValidationError saying what is wrong."""
    name = os.path.basename(upload.name or "")[:200] or "attachment"
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
    return CheckedUpload(
        upload=upload,
        extension=kind.extension,
        content_type=ALLOWED_TYPES[kind.extension],
        original_name=name,
        size=upload.size,
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
