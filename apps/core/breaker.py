"""A circuit breaker for a service the portal can do without (the cache, the read replica).

After a failure the breaker is open for a while: callers skip the service at once instead of
each paying a connection attempt (and, with a host that does not answer, a connect timeout).
When the pause ends calls try again, and the first success closes it. One breaker is shared by
the threads of a process.
"""

import threading
import time


class CircuitBreaker:
    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = 0.0

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, seconds):
        """Open the breaker for ``seconds``; True for the failure that opened it."""
        with self.lock:
            first = not self.is_open()
            self.open_until = time.monotonic() + seconds
        return first

    def close(self):
        """Close the breaker after a success; True if it had been tripped."""
        if self.open_until == 0.0:  # the usual case, without taking the lock
            return False
        with self.lock:
            was_tripped = self.open_until != 0.0
            self.open_until = 0.0
        return was_tripped
