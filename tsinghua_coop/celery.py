import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")

app = Celery("tsinghua_coop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
