"""collectstatic for production compresses only what changed since the last run."""

import os
import time

import pytest
from django.core.management import call_command
from whitenoise.compress import Compressor

PRODUCTION_STORAGE = "apps.core.staticfiles.CompressedManifestStaticFilesStorage"


@pytest.fixture
def static(tmp_path, settings, monkeypatch):
    """A project of four static files, collected by the production storage; returns the
    sources, the collected root and what Brotli and gzip were asked to compress."""
    source = tmp_path / "static"
    source.mkdir()
    (source / "logo.svg").write_text("<svg>" + "<g/>" * 800 + "</svg>")
    # The stylesheet names the logo: its hashed copy differs from the original.
    (source / "site.css").write_text("header { background: url('logo.svg'); }\n" * 100)
    (source / "site.js").write_text("console.log('portal');\n" * 200)
    (source / "site.js.map").write_text('{"mappings": "' + "AAAA;" * 2000 + '"}')
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    compressed = {"br": [], "gz": []}
    brotli, gzip = Compressor.compress_brotli, Compressor.compress_gzip

    def spy(kind, compress):
        def record(data):
            compressed[kind].append(data)
            return compress(data)

        return staticmethod(record)

    monkeypatch.setattr(Compressor, "compress_brotli", spy("br", brotli))
    monkeypatch.setattr(Compressor, "compress_gzip", spy("gz", gzip))
    return source, settings.STATIC_ROOT, compressed


def collect(compressed):
    for calls in compressed.values():
        calls.clear()
    call_command("collectstatic", interactive=False, verbosity=0)


def served(root):
    """The collected files a browser may ask for (not the manifest), by name."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.suffix not in (".br", ".gz") and path.name != "staticfiles.json"
    )


def test_first_run_compresses_each_content_once_and_no_source_map(static):
    source, root, compressed = static

    collect(compressed)

    for name in served(root):
        siblings = {(root / f"{name}{suffix}").exists() for suffix in (".br", ".gz")}
        # Source maps are read by developer tools only: not worth compressing at every deploy.
        assert siblings == ({False} if ".map" in name else {True}), name
    # logo.svg and its hashed copy are the same bytes, site.js too: compressed once.
    assert len(compressed["br"]) == len(set(compressed["br"])) == 4
    assert len(compressed["gz"]) == len(set(compressed["gz"])) == 4


def test_second_run_with_nothing_changed_compresses_nothing(static):
    source, root, compressed = static
    collect(compressed)
    before = {
        name: (root / f"{name}.br").read_bytes() for name in served(root) if ".map" not in name
    }

    collect(compressed)

    assert compressed == {"br": [], "gz": []}
    assert {name: (root / f"{name}.br").read_bytes() for name in before} == before


def test_a_changed_file_alone_is_compressed_again_under_both_its_names(static):
    source, root, compressed = static
    collect(compressed)
    changed = "console.log('portal, changed');\n" * 200
    (source / "site.js").write_text(changed)
    later = time.time() + 10
    os.utime(source / "site.js", (later, later))

    collect(compressed)

    assert compressed == {"br": [changed.encode()], "gz": [changed.encode()]}
    hashed = [name for name in served(root) if name.startswith("site.") and name.endswith(".js")]
    assert len(hashed) == 3  # site.js, the old hashed name and the new one
    for name in ("site.js", *hashed):
        assert (root / f"{name}.br").exists(), name
    assert Compressor().compress_brotli(changed.encode()) == (root / "site.js.br").read_bytes()
