import os

import jieba
from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsinghua_coop.settings")

app = Celery("tsinghua_coop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def load_search_dictionary(**kwargs):
    """Each worker process loads jieba's dictionary as it starts, not in its first task."""
    jieba.initialize()
