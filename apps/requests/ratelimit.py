"""A fixed-window counter per client address in the cache (Redis in production).

If the cache itself is down the limit is not applied: a partner's request must still be saved.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The client's address: REMOTE_ADDR, or the header a trusted reverse proxy sets."""
    header = settings.REQUEST_CLIENT_ADDRESS_HEADER
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        return forwarded.split(",")[-1].strip() or "unknown"
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope, address):
    return f"requests:rate:{scope}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def hit(scope, address, rate):
    """Count one attempt; False when the address has used up ``rate`` = (count, seconds)."""
    limit, window = rate
    key = _key(scope, address)
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this is the first hit of a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    except Exception:  # noqa: BLE001 — cache unavailable: fail open, log it
        logger.warning("Rate-limit cache unavailable; %s not limited", scope, exc_info=True)
        return True
    return count <= limit


def exceeded(scope, address, rate):
    """Whether the address has already used up ``rate``, without counting an attempt."""
    limit, _window = rate
    try:
        return (cache.get(_key(scope, address)) or 0) >= limit
    except Exception:  # noqa: BLE001
        logger.warning("Rate-limit cache unavailable; %s not limited", scope, exc_info=True)
        return False
