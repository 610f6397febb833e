import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.requests import services
from apps.requests.choices import Actor, MessageVisibility, RequestStatus
from apps.requests.models import RequestMessage, TechRequest

from .conftest import docx_bytes, executable_bytes, form_token, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db
SUBMIT = "/requests/"


def post(client, data, **extra):
    return client.post(SUBMIT, data, **extra)


def test_form_renders_in_chinese_and_in_english(client):
    chinese = client.get(SUBMIT)
    english = client.get("/en/requests/")

    assert chinese.status_code == english.status_code == 200
    assert "提交技术需求" in chinese.content.decode()
    assert "Submit a technology request" in english.content.decode()
    assert 'name="website"' in chinese.content.decode()
    assert chinese["Cache-Control"].startswith("max-age=0")


def test_valid_submission_saves_and_shows_reference_and_tracking_link(
    client, form_data, no_enqueue
):
    form_data["attachments"] = [
        SimpleUploadedFile("方案.pdf", pdf_bytes()),
        SimpleUploadedFile("photo.png", png_bytes()),
        SimpleUploadedFile("需求说明.docx", docx_bytes()),
    ]
    response = post(client, form_data)

    assert response.status_code == 302
    assert response["Location"] == "/requests/thanks/"
    tech_request = TechRequest.objects.get()
    assert tech_request.attachments.count() == 3
    assert tech_request.language == "zh-hans"
    thanks = client.get("/requests/thanks/")
    body = thanks.content.decode()
    assert tech_request.reference in body
    token = services.request_tracking_token(tech_request=tech_request)
    assert f"/requests/track/{token}/" in body
    assert thanks["Referrer-Policy"] == "same-origin"


def test_field_errors_are_specific_keep_values_and_ask_to_reattach(client, form_data, no_enqueue):
    form_data.update(
        email="not-an-email",
        phone="call me",
        description="太短",
        attachments=[SimpleUploadedFile("方案.pdf", pdf_bytes())],
    )
    response = post(client, form_data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "请输入有效的电子邮件地址" in body
    assert "请输入7到20位数字的电话号码" in body
    assert "至少30个字" in body
    assert 'value="宁夏某农业科技有限公司"' in body
    assert 'value="not-an-email"' in body
    assert "盐碱地土壤改良" in body
    assert "请重新添加附件" in body
    assert 'aria-invalid="true"' in body
    assert not TechRequest.objects.exists()


def test_field_errors_in_english_for_an_english_visitor(client, form_data, no_enqueue):
    form_data["email"] = "nobody"
    response = client.post("/en/requests/", form_data)
    assert "Enter a valid email address, e.g. name@example.com." in response.content.decode()


def test_city_outside_the_province_is_refused(client, form_data, other_city, no_enqueue):
    form_data["city"] = other_city.code
    response = post(client, form_data)
    assert "请选择所选省份内的城市" in response.content.decode()
    assert not TechRequest.objects.exists()


def test_city_list_follows_the_province_as_json(client, province, city, other_city):
    response = client.get("/requests/cities/", {"province": province.code})
    assert response.json() == {"cities": [{"code": city.code, "name": city.name_zh}]}
    assert client.get("/requests/cities/", {"province": "999999"}).json() == {"cities": []}


def test_without_javascript_the_city_list_is_refreshed_by_a_button(client, form_data, city):
    form_data.pop("city")
    form_data["_refresh_cities"] = "1"
    response = post(client, form_data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{city.code}">银川市</option>' in body
    assert "城市列表已更新" in body
    assert "errorlist" not in body and "field-errors" not in body
    assert not TechRequest.objects.exists()


def test_double_click_creates_one_request(client, form_data, no_enqueue):
    first = post(client, form_data)
    second = post(client, form_data)

    assert first.status_code == second.status_code == 302
    assert TechRequest.objects.count() == 1


def test_forged_form_token_is_refused_with_values_kept(client, form_data, no_enqueue):
    form_data["submission_token"] = "made-up"
    response = post(client, form_data)
    assert "表单已过期" in response.content.decode()
    assert not TechRequest.objects.exists()


# --------------------------------------------------------------------------- rejections


def test_executable_renamed_to_pdf_is_rejected(client, form_data, no_enqueue):
    form_data["attachments"] = [SimpleUploadedFile("报价单.pdf", executable_bytes())]
    response = post(client, form_data)

    body = response.content.decode()
    assert "“报价单.pdf”不是PDF、Office文档或图片" in body
    assert not TechRequest.objects.exists()


def test_oversized_file_is_rejected(client, form_data, settings, no_enqueue):
    settings.REQUEST_ATTACHMENT_MAX_BYTES = 50_000
    form_data["attachments"] = [SimpleUploadedFile("大文件.pdf", pdf_bytes(60_000))]
    response = post(client, form_data)

    assert "每个文件最大" in response.content.decode()
    assert not TechRequest.objects.exists()


def test_too_many_files_are_rejected(client, form_data, settings, no_enqueue):
    settings.REQUEST_ATTACHMENT_MAX_FILES = 2
    form_data["attachments"] = [SimpleUploadedFile(f"{n}.png", png_bytes()) for n in range(3)]
    response = post(client, form_data)
    assert "最多添加2个文件" in response.content.decode()
    assert not TechRequest.objects.exists()


def test_oversized_body_is_refused_before_it_is_read(client, form_data, settings, no_enqueue):
    settings.REQUEST_ATTACHMENT_MAX_TOTAL_BYTES = 10_000
    form_data["attachments"] = [SimpleUploadedFile("big.pdf", pdf_bytes(2_000_000))]
    response = post(client, form_data)
    assert response.status_code == 413
    assert not TechRequest.objects.exists()


def test_filled_honeypot_is_refused(client, form_data, no_enqueue):
    form_data["website"] = "http://spam.example"
    response = post(client, form_data)
    assert response.status_code == 400
    assert not TechRequest.objects.exists()


def test_rate_limit_per_address(client, form_data, settings, no_enqueue):
    settings.REQUEST_SUBMIT_RATE = (2, 3600)
    for _ in range(2):
        form_data["submission_token"] = form_token(client)
        assert post(client, form_data, REMOTE_ADDR="203.0.113.7").status_code == 302
    form_data["submission_token"] = form_token(client)
    refused = post(client, form_data, REMOTE_ADDR="203.0.113.7")
    other = post(
        client, {**form_data, "submission_token": form_token(client)}, REMOTE_ADDR="203.0.113.8"
    )

    assert refused.status_code == 429
    assert other.status_code == 302
    assert TechRequest.objects.count() == 3


def test_guessed_tracking_token_is_not_found(client, submitted):
    token = services.request_tracking_token(tech_request=submitted)
    guessed = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/requests/track/{guessed}/").status_code == 404
    assert client.get("/requests/track/x/").status_code == 404
    assert client.get("/requests/track/" + "a" * 200 + "/").status_code == 404


def test_guessing_many_tokens_is_stopped(client, submitted, settings):
    settings.REQUEST_TRACKING_MISS_RATE = (3, 3600)
    for n in range(3):
        assert client.get(f"/requests/track/guess{n}/").status_code == 404
    assert client.get("/requests/track/guess-again/").status_code == 429
    token = services.request_tracking_token(tech_request=submitted)
    # Even the right token waits out the window from that address.
    assert client.get(f"/requests/track/{token}/").status_code == 429


# --------------------------------------------------------------------------- tracking page


def test_tracking_page_shows_history_and_shared_messages_never_internal_notes(
    client, submitted, staff_user
):
    services.request_transition(
        tech_request=submitted,
        to_status=RequestStatus.UNDER_REVIEW,
        actor=Actor.STAFF,
        user=staff_user,
        message="已转交热能系专家评估。",
    )
    services.request_add_message(
        tech_request=submitted,
        body="内部：该企业曾拖欠款项",
        visibility=MessageVisibility.INTERNAL,
        user=staff_user,
    )
    token = services.request_tracking_token(tech_request=submitted)
    response = client.get(f"/requests/track/{token}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert submitted.reference in body
    assert "审核中" in body
    assert "已转交热能系专家评估。" in body
    assert "拖欠款项" not in body
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_partner_adds_a_message(client, submitted):
    token = services.request_tracking_token(tech_request=submitted)
    response = client.post(f"/requests/track/{token}/", {"body": "补充：土壤pH约9.2。"})

    assert response.status_code == 302
    message = RequestMessage.objects.get(request=submitted)
    assert message.visibility == MessageVisibility.FROM_PARTNER
    assert "土壤pH约9.2" in client.get(f"/requests/track/{token}/").content.decode()


def test_partner_withdraws_after_confirming(client, submitted):
    token = services.request_tracking_token(tech_request=submitted)
    url = f"/requests/track/{token}/withdraw/"

    unconfirmed = client.post(url, {"reason": "已解决"})
    assert "勾选" in unconfirmed.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED

    assert client.post(url, {"reason": "已解决", "confirm": "on"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.WITHDRAWN
    page = client.get(f"/requests/track/{token}/").content.decode()
    assert "已撤回" in page
    assert 'id="withdraw-link"' not in page
    assert 'id="message-form"' not in page


def test_tracking_page_queries_do_not_grow_with_history(
    client, submitted, staff_user, django_assert_max_num_queries
):
    token = services.request_tracking_token(tech_request=submitted)
    url = f"/requests/track/{token}/"
    client.get(url)
    with django_assert_max_num_queries(8):
        client.get(url)
    for n in range(30):
        services.request_add_message(
            tech_request=submitted,
            body=f"消息{n}",
            visibility=MessageVisibility.SHARED,
            user=staff_user,
        )
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert "消息29" in response.content.decode()


# --------------------------------------------------------------------------- attachments


def test_attachments_are_served_to_staff_only(staff_client, submit_kwargs, no_enqueue):
    tech_request = services.request_submit(
        submission_key="files",
        attachments=[SimpleUploadedFile("photo.jpeg", png_bytes())],
        **submit_kwargs,
    ).request
    attachment = tech_request.attachments.get()
    url = reverse("requests:attachment", args=[attachment.pk])

    assert Client().get(url).status_code == 302
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert 'filename="photo.png"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_expired_form_token_is_replaced_so_the_next_try_succeeds(client, form_data, no_enqueue):
    form_data["submission_token"] = "made-up"
    response = post(client, form_data)
    fresh = response.context["form"]["submission_token"].value()
    assert fresh != "made-up"
    assert post(client, {**form_data, "submission_token": fresh}).status_code == 302


def test_rate_limit_counts_the_address_the_proxy_reports(client, form_data, settings, no_enqueue):
    settings.REQUEST_SUBMIT_RATE = (1, 3600)
    settings.REQUEST_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = post(client, form_data, HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.4", **proxy)
    form_data["submission_token"] = form_token(client)
    other = post(client, form_data, HTTP_X_FORWARDED_FOR="198.51.100.5", **proxy)
    form_data["submission_token"] = form_token(client)
    again = post(client, form_data, HTTP_X_FORWARDED_FOR="other, 198.51.100.4", **proxy)

    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)


# --------------------------------------------------------------------------- hostile input


def test_captured_form_token_replayed_from_another_browser_shows_nothing(
    client, form_data, no_enqueue
):
    assert post(client, form_data).status_code == 302
    original = TechRequest.objects.get()
    tracking = services.request_tracking_token(tech_request=original)

    other_browser = Client()
    replay = post(other_browser, form_data)
    thanks = other_browser.get("/requests/thanks/")

    assert replay.status_code == 200
    body = replay.content.decode() + thanks.content.decode()
    assert "在另一个浏览器中打开" in body
    assert original.reference not in body and tracking not in body
    assert TechRequest.objects.count() == 1
    # The browser that sent it still lands on its own request after a second click.
    assert post(client, form_data)["Location"] == "/requests/thanks/"


@pytest.mark.parametrize("field", ["title", "organization_name", "contact_name", "description"])
def test_text_of_invisible_characters_only_is_refused(client, form_data, field, no_enqueue):
    form_data[field] = "\u200b\u200c\u2060\ufeff" * 10
    response = post(client, form_data)

    assert response.status_code == 200
    assert "只包含不可见字符" in response.content.decode()
    assert not TechRequest.objects.exists()


@pytest.mark.parametrize("field", ["title", "organization_name", "contact_name", "description"])
def test_text_with_a_bidi_control_is_refused_with_values_kept(client, form_data, field, no_enqueue):
    form_data[field] = "\u202e" + form_data[field]
    response = post(client, form_data)

    assert response.status_code == 200
    form = response.context["form"]
    assert "文字方向控制字符 U+202E" in " ".join(form.errors[field])
    assert form["phone"].value() == form_data["phone"]
    assert not TechRequest.objects.exists()


def test_control_characters_in_text_are_refused_with_values_kept(client, form_data, no_enqueue):
    form_data["title"] = "盐碱地\x07改良"
    response = post(client, form_data)

    body = response.content.decode()
    assert "控制字符" in body
    assert form_data["organization_name"] in body
    assert not TechRequest.objects.exists()


def test_nul_in_the_province_is_a_field_error_not_a_server_error(client, form_data, no_enqueue):
    form_data["province"] = "a\x00b"
    response = post(client, form_data)

    assert response.status_code == 200
    assert "请从列表中选择省份" in response.content.decode()
    assert not TechRequest.objects.exists()


def test_nul_in_the_city_list_query_is_a_clear_400(client):
    response = client.get("/requests/cities/?province=a%00b")
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()
