import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from supportdata import services
from supportdata.sources import CONNECTED


class Command(BaseCommand):
    help = "Read support's evidence from the helpdesk and incident tools (each from its cursor)."

    def add_arguments(self, parser):
        parser.add_argument("--source", choices=sorted(CONNECTED), help="One source only.")
        parser.add_argument("--since", help="Read from this date (YYYY-MM-DD), not the cursor.")
        parser.add_argument("--full", action="store_true", help="Read the whole window again.")

    def handle(self, *args, source=None, since=None, full=False, **options):
        try:
            since_date = dt.date.fromisoformat(since) if since else None
        except ValueError:
            raise CommandError(f"--since {since!r} is not a date (YYYY-MM-DD).") from None
        sources = [source] if source else list(CONNECTED)
        failed = False
        for key in sources:
            result = services.sync_source(key, since=since_date, full=full)
            self.stdout.write(result.summary())
            for problem in result.problems[:20]:
                self.stdout.write(f"  skipped: {problem}")
            failed |= result.status == "failed"
        if failed:
            raise CommandError("A source failed; it resumes from its cursor next time.")
