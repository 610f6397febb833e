"""The cache backend reads a Redis that is down as a miss and recovers by itself."""

from types import SimpleNamespace

import pytest

from apps.core import breaker
from apps.core.cache_backend import CacheUnavailable, ResilientRedisCache
from apps.core.tests.redis_server import OwnRedis

BREAK_SECONDS = 0.3


@pytest.fixture
def clock(monkeypatch):
    """The breaker's clock, moved by the test: its pause lasts what the test says however
    long restarting Redis takes on a loaded machine."""
    now = SimpleNamespace(seconds=1000.0)
    monkeypatch.setattr(breaker, "time", SimpleNamespace(monotonic=lambda: now.seconds))
    return now


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path).start()
    yield server
    server.stop()


def resilient_cache(url):
    return ResilientRedisCache(
        url,
        {
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 1.0,
                "BREAK_SECONDS": BREAK_SECONDS,
            }
        },
    )


def test_redis_down_is_a_miss_and_writes_are_dropped_then_it_recovers(own_redis, clock):
    cache = resilient_cache(own_redis.url)
    cache.set("page", "cached html")
    assert cache.get("page") == "cached html"

    own_redis.stop()
    assert cache.get("page") is None
    assert cache.get("page", "default") == "default"
    cache.set("page", "new html")  # dropped, no error
    assert cache.add("lock", 1) is False
    assert cache.get_many(["page", "other"]) == {}
    assert cache.available is False
    with pytest.raises(CacheUnavailable):
        cache.incr("counter")

    # Back, empty (nothing kept on disk). Until the breaker's pause ends nothing tries it.
    own_redis.start()
    cache.set("page", "written while the breaker is open")
    clock.seconds += BREAK_SECONDS + 0.05
    assert cache.get("page") is None
    cache.set("page", "cached again")
    assert cache.get("page") == "cached again"
    assert cache.available is True
    assert own_redis.keys()  # the write reached the restarted Redis


def test_the_breaker_is_shared_by_every_cache_object_of_the_process(own_redis):
    first, second = resilient_cache(own_redis.url), resilient_cache(own_redis.url)
    own_redis.stop()
    first.get("anything")
    assert second.available is False
