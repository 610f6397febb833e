"""A partner finds an expert in real headless Chromium and writes to them through the portal:
the list's filters, the expert's page, a mistake in the form and its correction, the message
sent, at phone and desktop widths, in both languages. The expert's address is never shown."""

import pytest
from django.core import mail

from apps.core.tests.factories import DepartmentFactory
from apps.experts.models import ExpertMessage
from apps.experts.tests.factories import ExpertFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("prefix", "language", "required", "sent"),
    [
        ("", "日语", "请先填写留言内容再发送。", "留言已发送"),
        ("/en", "Japanese", "Write a message before sending.", "Your message has been sent"),
    ],
)
def test_partner_finds_an_expert_and_sends_a_message(
    live_server, page, screenshot, width, prefix, language, required, sent
):
    materials = DepartmentFactory(
        code="materials", name_zh="材料学院", name_en="School of Materials Science"
    )
    expert = ExpertFactory(
        code="han-xue",
        name_zh="韩雪",
        name_en="Han Xue",
        department=materials,
        title="associate_professor",
        fields_zh="固态电池、储能材料",
        fields_en="Solid-state batteries, energy storage materials",
        speaks_en=True,
        speaks_ja=True,
        email="han.xue@mails.example.edu.cn",
        is_illustrative=True,
    )
    ExpertFactory(name_zh="郑海涛", name_en="Zheng Haitao", speaks_ja=False)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}{prefix}/experts/")
    page.locator("#filter-language").select_option(label=language)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**language=ja**")
    results = page.locator("#results")
    assert results.locator("li").count() == 1
    name = expert.name_en if prefix else expert.name_zh
    results.get_by_role("link", name=name).click()

    page.wait_for_url(f"**/experts/{expert.code}/")
    assert page.locator("h1").inner_text().startswith(name)
    facts = page.locator("dl.facts").inner_text()
    assert ("Solid-state batteries" if prefix else "固态电池") in facts
    screenshot(f"expert-page-{'en' if prefix else 'zh'}-{width}")

    # The partner forgets the message: told so, the rest kept as typed.
    page.fill("#id_sender_name", "李明")
    page.fill("#id_organization", "苏州某新能源有限公司")
    page.fill("#id_email", "liming@partner.example.com")
    page.locator("form.expert-contact-form button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    assert required in page.locator("#field-body .field-errors").inner_text()
    assert page.input_value("#id_organization") == "苏州某新能源有限公司"
    screenshot(f"expert-form-error-{'en' if prefix else 'zh'}-{width}")

    page.fill("#id_body", "我们希望就固态电池电解质的中试合作进行交流。")
    page.locator("form.expert-contact-form button[type=submit]").click()
    page.wait_for_url(f"**/experts/{expert.code}/contact/sent/**")
    assert page.locator("h1").inner_text() == sent
    assert "han.xue" not in page.content()
    screenshot(f"expert-message-sent-{'en' if prefix else 'zh'}-{width}")

    message = ExpertMessage.objects.get()
    assert message.organization == "苏州某新能源有限公司"
    assert [m.to for m in mail.outbox if m.to == [expert.email]] == [[expert.email]]
