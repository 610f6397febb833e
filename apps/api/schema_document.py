"""The OpenAPI document generated once per deployment, not per request (generating it takes
seconds): kept per code version in ``API_SCHEMA_DIR`` and in each process's memory.

A module of its own: drf-spectacular's views import the schema class (``apps.api.schema``)."""

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import drf_spectacular
import rest_framework
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.views import SpectacularAPIView

# The portal has no geometry fields. Left to find out, drf-spectacular imports GeoDjango for
# every numeric filter, and GeoDjango looks for the GDAL library with ldconfig and gcc in a
# dozen subprocesses, which gunicorn's master (which builds the document) reports as crashed
# workers.
DjangoFilterExtension._has_gis = False

CODE_DIRECTORIES = ("apps", "tsinghua_coop", "locale")
CODE_SUFFIXES = (".py", ".mo")


@lru_cache(maxsize=1)
def code_version():
    """A digest of what the schema is generated from: the project's code and compiled
    translations and the versions of the libraries that generate it."""
    digest = hashlib.sha256(f"{drf_spectacular.__version__} {rest_framework.VERSION}".encode())
    base = Path(settings.BASE_DIR)
    for directory in CODE_DIRECTORIES:
        for path in sorted((base / directory).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "tests" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_documents = {}


def schema_document(language, file_format, render):
    """The rendered schema for a language and format: from this process's memory, else from
    the deployment's file (``API_SCHEMA_DIR``), else rendered once and written there."""
    path = Path(settings.API_SCHEMA_DIR) / f"schema-{code_version()}-{language}.{file_format}"
    if path in _documents:
        return _documents[path]
    try:
        document = path.read_bytes()
    except OSError:
        document = render()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
                temporary.write(document)
            os.replace(temporary.name, path)
        except OSError:
            pass  # a read-only deployment still keeps the document in each process's memory
    _documents[path] = document
    return document


class DeploymentSchemaView(SpectacularAPIView):
    """``/api/schema/``: the OpenAPI document generated once per code version, not per request
    (generating it takes seconds)."""

    def _get_schema_response(self, request):
        renderer, media_type = request.accepted_renderer, request.accepted_media_type
        version = self.api_version or request.version or self._get_version_parameter(request)

        def render():
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = generator.get_schema(request=request, public=self.serve_public)
            return renderer.render(schema, media_type, {"request": request, "view": self})

        document = schema_document(translation.get_language(), renderer.format, render)
        content_type = (
            f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
        )
        response = HttpResponse(document, content_type=content_type)
        response["Content-Disposition"] = (
            f'inline; filename="{self._get_filename(request, version)}"'
        )
        return response


def build_schema_documents():
    """Generate the documents of every language and format before the first request (run by
    ``manage.py build_api_schema`` and gunicorn's master at start)."""
    for language, _name in settings.LANGUAGES:
        for file_format in ("yaml", "json"):
            request = RequestFactory().get(
                "/api/schema/", {"format": file_format, "lang": language}
            )
            response = DeploymentSchemaView.as_view()(request)
            if response.status_code != 200:
                raise RuntimeError(f"the API schema ({language}, {file_format}) failed to build")
