import json
import re

from apps.public.templatetags.public_tags import compact_json_script


def test_chart_data_cannot_close_its_script_and_reads_back_unchanged():
    value = {"name": "苏州</script><script>alert(1)</script>", "note": "R&D <b>", "n": [1, 2.5]}
    html = compact_json_script(value, "home-data")
    body = re.fullmatch(r'<script id="home-data" type="application/json">(.*)</script>', html)
    assert body is not None
    text = body.group(1)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003C/script\\u003E" in text and "R\\u0026D" in text
    assert "苏州" in text  # Chinese stays UTF-8, not \u escapes
    assert json.loads(text) == value


def test_language_switch_keeps_the_query_and_remembers_only_the_path(rf):
    from django.utils import translation

    from apps.public.templatetags.public_tags import _translated, translated_path

    _translated.cache_clear()
    with translation.override("zh-hans"):
        for query in ["province=640000", "province=320000&page=2", "q=%E7%9B%90"]:
            context = {"request": rf.get("/projects/"), "canonical_path": f"/projects/?{query}"}
            assert translated_path(context, "en") == f"/en/projects/?{query}"
    assert _translated.cache_info().currsize == 1
