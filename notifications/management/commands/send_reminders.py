import datetime as dt

from celery import current_app
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.tasks import sweep_and_dispatch


class Command(BaseCommand):
    help = "Run the reminder sweep by hand (the same one Celery beat runs daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to sweep for, YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be sent.")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the e-mails to the Celery workers instead of sending them from here.",
        )

    def handle(self, *args, date, dry_run, queue, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date like 2026-11-23.") from None
        if not queue:
            # Run by hand, the mails go out from this process, whether a worker runs or not.
            current_app.conf.task_always_eager = True
        result = sweep_and_dispatch(today=today, dry_run=dry_run)
        for line in result.lines:
            self.stdout.write(f"  {line}")
        verb = "Would send" if dry_run else "Sent"
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.by_kind.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.created} new notification{'s' if result.created != 1 else ''} "
                f"for {today} ({kinds or 'nothing due that was not already sent'}); "
                f"{result.emails_queued} e-mail(s), {result.digests_queued} for digests"
                + (" queued for the workers." if queue else " sent.")
            )
        )
