from django.core.management.base import BaseCommand

from apps.api.schema_document import build_schema_documents, code_version


class Command(BaseCommand):
    help = (
        "Generate the OpenAPI documents (every language, YAML and JSON) for this code version, "
        "so /api/schema/ never generates one during a request. Run at deployment."
    )

    def handle(self, *args, **options):
        build_schema_documents()
        self.stdout.write(f"API schema built for code version {code_version()}.")
