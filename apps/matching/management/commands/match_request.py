import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from apps.matching.engine import match
from apps.matching.sources import declared
from apps.matching.words import MAX_TEXT_CHARS

# The lists this command always prints (its interface: other tools read it), even while no
# record type declares one of them; any other declared source is printed after them.
PRINTED_LISTS = ("departments", "achievements", "experts")


class Command(BaseCommand):
    help = (
        "Rank the departments, achievements and experts that match a request's text, best "
        "first, each with its reason. Public candidates only unless --staff."
    )

    def add_arguments(self, parser):
        parser.add_argument("--text", required=True, help="The request's text.")
        parser.add_argument(
            "--industry", default="", help="Its industry (a request industry value)."
        )
        parser.add_argument("--province", default="", help="Its province: code (320000) or id.")
        parser.add_argument("--limit", type=int, default=5, help="Suggestions per list (1–100).")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the reasons (default: the site's).",
        )
        parser.add_argument(
            "--staff",
            action="store_true",
            help="Include unpublished candidates (what staff see; never show it to partners).",
        )

    def handle(self, *args, language, **options):
        with translation.override(language):
            self._print(**options)

    def _print(self, *, text, industry, province, limit, staff, **options):
        from apps.regions.models import Province

        if not 1 <= limit <= 100:
            raise CommandError("--limit must be between 1 and 100.")
        industries = _industries()
        if industry and industry not in industries:
            raise CommandError(f"Unknown industry {industry!r}: one of {', '.join(industries)}.")
        province_id = None
        if province:
            found = Province.objects.filter(code=province).values_list("pk", flat=True).first()
            if found is None and province.isdigit() and len(province) < 10:
                found = (
                    Province.objects.filter(pk=int(province)).values_list("pk", flat=True).first()
                )
            if found is None:
                raise CommandError(f"Unknown province {province[:20]!r}.")
            province_id = found
        ranking = match(
            text[: MAX_TEXT_CHARS * 2],
            industry=industry,
            province_id=province_id,
            limit=limit,
            public_only=not staff,
        )
        keys = list(PRINTED_LISTS) + [key for key in declared() if key not in PRINTED_LISTS]
        output = {key: [s.as_json() for s in ranking.get(key, [])] for key in keys}
        if options["json"]:
            self.stdout.write(json.dumps(output, ensure_ascii=False))
            return
        for key in keys:
            self.stdout.write(f"{key}:")
            for place, suggestion in enumerate(ranking.get(key, []), start=1):
                self.stdout.write(
                    f"  {place}. {suggestion.code} {suggestion.name} "
                    f"({suggestion.score:.2f}) {suggestion.why}"
                )


def _industries():
    from apps.requests.choices import Industry

    return list(Industry.values)
