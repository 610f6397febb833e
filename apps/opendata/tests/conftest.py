from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
