from django.http import HttpResponse
from django.shortcuts import render


def healthz(request):
    """The trivial view the benchmark compares the public pages with."""
    return HttpResponse("ok", content_type="text/plain")


def _placeholder(request, **kwargs):
    return render(request, "base.html")


home = region_index = province_detail = city_detail = _placeholder
project_list = project_detail = institute_list = institute_detail = _placeholder
fund_list = fund_detail = office_list = office_detail = event_list = event_detail = _placeholder
organization_detail = search = _placeholder
