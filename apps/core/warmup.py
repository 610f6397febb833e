"""What a serving process prepares before it listens, so that no visitor's request pays for it.

Each app's own preparation (``AppConfig.warm_up``: the search loads jieba's dictionary, seconds),
then compiling the project's templates (the cached loader keeps them for the process's life) and
building the URL resolvers of each language, tens of milliseconds each the first time.

It runs where the WSGI application is built (``tsinghua_coop/wsgi.py``), which the servers import
before they listen: runserver in the process that serves (the reloader's child, not the parent
watching the files), gunicorn in its master before it binds (``preload_app``), the workers forked
from it warm. Management commands and tests never import it and never pay for it.
"""

import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

from apps.core.pagecache import code_release

PROJECT_APPS = "apps."
WARMED_UP = "Warmed up before serving"

logger = logging.getLogger(__name__)


def template_names():
    """The names of the project's own templates (its template directories and its apps')."""
    directories = [Path(directory) for directory in engines["django"].engine.dirs]
    for config in apps.get_app_configs():
        # The project's apps only: a library's templates may need what the project does not
        # install (django-filter's crispy forms template).
        if config.name.startswith(PROJECT_APPS) and (Path(config.path) / "templates").is_dir():
            directories.append(Path(config.path) / "templates")
    names = set()
    for directory in directories:
        for path in directory.rglob("*.html"):
            names.add(path.relative_to(directory).as_posix())
    return sorted(names)


def warm_up():
    started = time.monotonic()
    for config in apps.get_app_configs():
        if hasattr(config, "warm_up"):
            config.warm_up()
    engine = engines["django"].engine
    names = template_names()
    for name in names:
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            # Never keep a worker from starting: the page fails as it would have anyway.
            logger.exception("Template %s does not compile", name)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("public:home")
    # The release's digest of its sources, which every cached page's key names.
    code_release()
    logger.info(
        "%s in %.1f s (%d templates compiled)", WARMED_UP, time.monotonic() - started, len(names)
    )
