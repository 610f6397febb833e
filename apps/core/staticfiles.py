"""Static files in production: hashed names (cached forever) and compressed copies (Brotli and
gzip) that ``collectstatic`` makes only for what changed.

WhiteNoise's CompressedManifestStaticFilesStorage compresses every collected file again at each
``collectstatic``: Brotli at its best quality over each of the project's ~200 files twice (under
its own name and its hashed name), the API documentation's bundles and the charts among them,
took minutes (4 min 48 s on a loaded machine) while a release changes a few. Here:

* a file is compressed only when its compressed copies are not current. Under a hashed name
  (``site.3f2a1c9b8d7e.css``) the name states the content, so copies that exist are current.
  Under its own name a file's copies are current while they carry its modification time (given
  them when they were made): ``collectstatic`` copying a new version over it changes it;
* the same bytes are compressed once per run (a file and its hashed copy are often identical);
* copies are written whole or not at all, so a run cut short leaves none that passes for current;
* source maps (``.map``), read by developer tools only, are not compressed.
"""

import hashlib
import os
import stat
import tempfile
import threading
from concurrent.futures import Future

from whitenoise.compress import Compressor as WhiteNoiseCompressor
from whitenoise.compress import brotli_installed
from whitenoise.storage import CompressedManifestStaticFilesStorage as WhiteNoiseStorage


class Compressor(WhiteNoiseCompressor):
    SKIP_COMPRESS_EXTENSIONS = (*WhiteNoiseCompressor.SKIP_COMPRESS_EXTENSIONS, "map")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._results = {}
        self._lock = threading.Lock()

    def _once(self, encoding, data, compress):
        """Compress these bytes once per run, however many files hold them (the pool's threads
        compress a file and its hashed twin at the same time: the second waits for the first)."""
        key = (encoding, hashlib.sha256(data).digest())
        with self._lock:
            result = self._results.get(key)
            owner = result is None
            if owner:
                result = self._results[key] = Future()
        if owner:
            try:
                result.set_result(compress(data))
            except BaseException as error:
                result.set_exception(error)
                raise
        return result.result()

    def compress_brotli(self, data):
        return self._once("br", data, super().compress_brotli)

    def compress_gzip(self, data):
        return self._once("gz", data, super().compress_gzip)

    def write_data(self, path, data, suffix, stat_result):
        filename = path + suffix
        descriptor, partial = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".compressing-")
        try:
            with os.fdopen(descriptor, "wb") as output:
                output.write(data)
            os.chmod(partial, stat.S_IMODE(stat_result.st_mode))
            os.utime(partial, ns=(stat_result.st_atime_ns, stat_result.st_mtime_ns))
            os.replace(partial, filename)
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        return filename


class CompressedManifestStaticFilesStorage(WhiteNoiseStorage):
    def create_compressor(self, **kwargs):
        return Compressor(**kwargs)

    def compress_files(self, paths):
        hashed = set(self.hashed_files.values())
        changed = [name for name in paths if not self.compressed_copies_current(name, hashed)]
        return super().compress_files(changed)

    def compressed_copies_current(self, name, hashed):
        path = self.path(name)
        # Brotli, when installed, is written whenever compressing pays at all (gzip only then).
        if not os.path.exists(path + (".br" if brotli_installed else ".gz")):
            return False
        if name in hashed:
            return True
        modified = os.stat(path).st_mtime_ns
        copies = [path + suffix for suffix in (".br", ".gz") if os.path.exists(path + suffix)]
        return all(os.stat(copy).st_mtime_ns == modified for copy in copies)
