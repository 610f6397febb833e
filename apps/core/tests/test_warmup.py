from django.template import engines

from apps.core.warmup import template_names, warm_up


def test_warm_up_compiles_every_template_of_the_project():
    names = template_names()
    assert {"base.html", "public/home.html", "public/region_detail.html"} <= set(names)
    # Django's and the libraries' own are not the project's (django-filter's crispy template
    # needs a package the project does not install).
    assert not any(name.startswith(("admin/change_form", "django_filters/")) for name in names)
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    warm_up()

    compiled = set(loader.get_template_cache)
    assert set(names) <= compiled
