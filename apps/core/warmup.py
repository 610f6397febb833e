"""What a web process prepares as it starts, so that no visitor's request pays for it.

Compiling the project's templates (the cached loader keeps them for the process's life) and
building the URL resolvers of each language take tens of milliseconds each the first time; a
page rebuilt after a change in a worker that had only served it from the cache would otherwise
pay them. gunicorn calls ``warm_up`` in each worker once it has loaded the application
(``gunicorn.conf.py``).
"""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

PROJECT_APPS = "apps."

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
    engine = engines["django"].engine
    for name in template_names():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            # Never keep a worker from starting: the page fails as it would have anyway.
            logger.exception("Template %s does not compile", name)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("public:home")
