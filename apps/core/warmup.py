"""What a web process prepares as it starts, so that no visitor's request pays for it.

Compiling the project's templates (the cached loader keeps them for the process's life) and
building the URL resolvers of each language take tens of milliseconds each the first time; a
page rebuilt after a change in a worker that had only served it from the cache would otherwise
pay them. gunicorn calls ``warm_up`` in each worker once it has loaded the application
(``gunicorn.conf.py``).
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import engines
from django.urls import reverse
from django.utils import translation


def template_names():
    """The names of the project's own templates (its template directories and its apps')."""
    base = Path(settings.BASE_DIR).resolve()
    directories = [Path(directory) for directory in engines["django"].engine.dirs]
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and (path / "templates").is_dir():
            directories.append(path / "templates")
    names = set()
    for directory in directories:
        for path in directory.rglob("*.html"):
            names.add(path.relative_to(directory).as_posix())
    return sorted(names)


def warm_up():
    engine = engines["django"].engine
    for name in template_names():
        engine.get_template(name)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("public:home")
