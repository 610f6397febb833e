"""gunicorn's settings for the portal (read from the working directory; flags override them).

The master generates the OpenAPI documents before any worker starts, and every worker loads
the jieba dictionary as it starts, so no request pays for either.
"""

import os

import jieba


def when_ready(server):
    # Django is set up here, in the master, not when gunicorn reads this file.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")
    import django

    django.setup()
    from django.db import connections

    from apps.api.schema_document import build_schema_documents

    build_schema_documents()
    connections.close_all()  # the workers must not share the master's connections


def post_fork(server, worker):
    jieba.initialize()
