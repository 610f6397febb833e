import os

from django.core.wsgi import get_wsgi_application

from apps.core.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")

application = get_wsgi_application()
# Servers import this module before they listen (runserver in the process that serves,
# gunicorn in its master): what a first request or a first search would pay for is done here.
warm_up()
