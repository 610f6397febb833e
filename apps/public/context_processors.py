"""What every page's frame shows: the department's contact, the illustrative-data notice and the
menu of record lists."""

from django.conf import settings
from django.urls import reverse

from apps.core.models import pick_language
from apps.figures.selectors import illustrative_records
from apps.public.pages import listed_pages


def public_menu():
    """The site menu's record lists, as their apps declare them."""
    return [
        {"url": reverse(f"public:{pages.name}_list"), "label": pages.menu_label}
        for pages in listed_pages()
    ]


def site(request):
    contact = settings.DEPARTMENT_CONTACT
    return {
        "department_address": pick_language(contact["address_zh"], contact["address_en"]),
        "department_phone": contact["phone"],
        "department_email": contact["email"],
        # Asked only by a page that shows the notice (the public frame), and then once.
        "illustrative_data": illustrative_records,
        "public_menu": public_menu,
    }
