from apps.public.tests.fixtures import fresh_cache_and_language, sample  # noqa: F401
