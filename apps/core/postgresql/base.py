"""Django's PostgreSQL backend, with the connection budget (``apps.core.budget``): opening a
connection takes this thread's slot, closing it gives the slot back."""

from django.db.backends.postgresql import base

from apps.core.budget import Hold, budget


class DatabaseWrapper(base.DatabaseWrapper):
    _hold = None

    def get_new_connection(self, conn_params):
        self._release_hold()  # a connect() over an open connection: the old one is dropped
        current = budget()
        if current is None:
            return super().get_new_connection(conn_params)
        hold = Hold(self, current)
        try:
            connection = super().get_new_connection(conn_params)
        except BaseException:
            hold.release()
            raise
        self._hold = hold
        return connection

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_hold()

    def _release_hold(self):
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.release()
