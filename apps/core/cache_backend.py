"""Django's Redis cache, for which a Redis that is down is an empty cache, not an error.

The cache is an optimisation, never a dependency of a page: every read that cannot reach
Redis is a miss, every write is dropped, and the page is built from the database. So that an
outage does not cost each request a connection attempt (and with a host that does not answer,
a connect timeout), the first failure opens a circuit breaker: for ``BREAK_SECONDS`` every
call returns at once without trying; after that one call tries again, and closes the breaker
if Redis answers. The breaker is shared by the threads of a process.

Counters (``incr``/``decr``) raise ``CacheUnavailable`` instead, since no value is a right
answer; their callers (the rate limiter) decide what an unknown count means.
"""

import functools
import logging
import threading

import redis.exceptions
from django.core.cache.backends.redis import RedisCache

from apps.core.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
DEFAULT_BREAK_SECONDS = 5.0


class CacheUnavailable(Exception):
    """The cache could not answer a question that has no safe default (a counter)."""


# One breaker per Redis location and process (Django keeps a cache object per thread).
_breakers = {}
_breakers_lock = threading.Lock()


def _breaker_for(location):
    with _breakers_lock:
        return _breakers.setdefault(location, CircuitBreaker())


def _guarded(default_of):
    """Run the cache call unless the breaker is open; a failure trips it. The result on
    failure is ``default_of(*args, **kwargs)`` (a callable, so ``get`` can answer its own
    ``default``)."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            breaker = self._breaker
            if breaker.is_open():
                return default_of(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except REDIS_DOWN as error:
                if breaker.trip(self.break_seconds):
                    logger.warning(
                        "Cache unavailable (%s); serving without it for %.0f s at a time",
                        error,
                        self.break_seconds,
                    )
                return default_of(*args, **kwargs)
            breaker.close()
            return result

        return call

    return decorate


def _unavailable(*args, **kwargs):
    raise CacheUnavailable("the cache is unavailable")


def _get_default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose outages read as misses, behind a circuit breaker.

    OPTIONS take ``BREAK_SECONDS`` besides redis-py's connection options (set short
    ``socket_connect_timeout`` and ``socket_timeout`` there).
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.break_seconds = float(options.pop("BREAK_SECONDS", DEFAULT_BREAK_SECONDS))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._breaker = _breaker_for(repr(self._servers))

    @property
    def available(self):
        """False while the breaker is open (a recent call found Redis down)."""
        return not self._breaker.is_open()

    get = _guarded(_get_default)(RedisCache.get)
    get_many = _guarded(lambda *args, **kwargs: {})(RedisCache.get_many)
    add = _guarded(lambda *args, **kwargs: False)(RedisCache.add)
    set = _guarded(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _guarded(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _guarded(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _guarded(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _guarded(lambda *args, **kwargs: None)(RedisCache.delete_many)
    has_key = _guarded(lambda *args, **kwargs: False)(RedisCache.has_key)
    clear = _guarded(lambda *args, **kwargs: False)(RedisCache.clear)
    incr = _guarded(_unavailable)(RedisCache.incr)
    decr = _guarded(_unavailable)(RedisCache.decr)
