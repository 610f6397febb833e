"""Email backends for tests: the outer edge of the system, where mocks are allowed."""

import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

_gate = threading.Lock()


class SlowBackend(LocmemBackend):
    """Locmem, but each send takes a moment, so two concurrent senders would overlap."""

    def send_messages(self, messages):
        time.sleep(0.3)
        with _gate:
            return super().send_messages(messages)


class FailingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")
