from django.core.management.base import BaseCommand

from apps.subscriptions.services import digests_send


class Command(BaseCommand):
    help = (
        "Send this week's digest to every confirmed subscription with something new that "
        "matches (what the weekly schedule runs; a second run in the same week sends nothing)."
    )

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"digests sent: {sent}")
