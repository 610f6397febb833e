"""Checks of uploaded containers by what they are, shared by every upload (spreadsheet
imports, request attachments).

Office Open XML files (xlsx, docx, pptx) and OpenDocument files are ZIP archives of XML parts.
``check_zip_container`` reads only the archive's directory: the sum of the members' declared
uncompressed sizes, the compression ratio and the number of members, against limits named in
the settings. Reading a member through ``zipfile`` never yields more than its declared size
(and checks its CRC), so the declared sizes bound what any later reader inflates.
``check_xml_parts`` refuses XML parts that declare a DTD or entities (the "billion laughs"
entity bomb), parsing each part with defusedxml only up to its root element.

A PDF is judged by what a reader can open (``pdf_page_count``): pypdf, not strict, with the
repairs PDF readers make.

Every problem is a ``ValidationError`` whose message is a sentence in the user's language.
"""

import io
import zipfile

import defusedxml.ElementTree
import pypdf
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

XML_SUFFIXES = (".xml", ".rels", ".vml")
# What pypdf raises on a file it cannot read.
PDF_ERRORS = (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError)
# Appended to a PDF that pypdf cannot open (its closing ``startxref`` pointer missing, as some
# producers and cut-short copies leave it): a pointer to offset 0 sends pypdf to rebuild the
# cross-reference table from the objects themselves, as PDF readers do.
PDF_REBUILD_POINTER = b"\nstartxref\n0\n%%EOF\n"


def max_uncompressed_bytes():
    return settings.UPLOAD_MAX_UNCOMPRESSED_BYTES


def max_compression_ratio():
    return settings.UPLOAD_MAX_COMPRESSION_RATIO


def max_zip_members():
    return settings.UPLOAD_MAX_ZIP_MEMBERS


def broken_zip_error(name):
    return ValidationError(
        _(
            "“%(name)s” is damaged: it is not a complete Office file. Open it in Excel or WPS, "
            "save it again and upload the new copy."
        ),
        code="broken_zip",
        params={"name": name},
    )


def open_zip(source, name):
    """The archive, or a ValidationError when it is not a readable ZIP."""
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise broken_zip_error(name) from None


def check_zip_container(archive, *, name, max_bytes=None, max_ratio=None, max_members=None):
    """Refuse an archive that would inflate past the limits (a decompression bomb)."""
    max_bytes = max_bytes or max_uncompressed_bytes()
    max_ratio = max_ratio or max_compression_ratio()
    max_members = max_members or max_zip_members()
    try:
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise broken_zip_error(name) from None
    if len(members) > max_members:
        raise ValidationError(
            _("“%(name)s” holds %(count)d parts; at most %(limit)d are accepted."),
            code="zip_members",
            params={"name": name, "count": len(members), "limit": max_members},
        )
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if total > max_bytes:
        raise ValidationError(
            _(
                "“%(name)s” would unpack to %(size)s, more than the %(limit)s accepted. "
                "Split it into smaller files."
            ),
            code="zip_too_large",
            params={
                "name": name,
                "size": filesizeformat(total),
                "limit": filesizeformat(max_bytes),
            },
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > max_ratio:
            raise ValidationError(
                _(
                    "“%(name)s” is packed %(ratio)d times tighter than ordinary files are "
                    "(at most %(limit)d): it looks like a decompression bomb and was refused."
                ),
                code="zip_ratio",
                params={"name": name, "ratio": int(ratio), "limit": max_ratio},
            )
    return total, compressed


def check_xml_parts(archive, *, name):
    """Refuse XML parts that declare a DTD or entities; read each only up to its root."""
    for member in archive.infolist():
        if not member.filename.lower().endswith(XML_SUFFIXES):
            continue
        try:
            with archive.open(member) as stream:
                for _event, _element in defusedxml.ElementTree.iterparse(
                    stream, events=("start",), forbid_dtd=True
                ):
                    break
        except DefusedXmlException:
            raise ValidationError(
                _(
                    "“%(name)s” contains XML with declarations of its own (an entity "
                    "expansion attack is possible), so it was refused. Save the file again "
                    "from Excel or WPS."
                ),
                code="xml_entities",
                params={"name": name},
            ) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, SyntaxError):
            raise broken_zip_error(name) from None


def check_office_file(source, *, name):
    """Open an OOXML/ODF upload and check it; returns the open archive for the caller."""
    archive = open_zip(source, name)
    try:
        check_zip_container(archive, name=name)
        check_xml_parts(archive, name=name)
    except BaseException:
        archive.close()
        raise
    return archive


def _pdf_pages(stream):
    try:
        return len(pypdf.PdfReader(stream, strict=False).pages)
    except PDF_ERRORS:
        return None


def pdf_page_count(source):
    """How many pages a reader finds in the PDF ``source`` (a binary file object), or None
    when it cannot be opened; the position is left at the start."""
    source.seek(0)
    pages = _pdf_pages(source)
    if pages is None:
        source.seek(0)
        pages = _pdf_pages(io.BytesIO(source.read() + PDF_REBUILD_POINTER))
    source.seek(0)
    return pages
