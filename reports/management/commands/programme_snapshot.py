from django.core.management.base import BaseCommand, CommandError

from reports import services


class Command(BaseCommand):
    help = (
        "Take this month's programme snapshot now, or with --backfill rebuild the past "
        "months from history (months taken on the day are kept unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backfill", action="store_true", help="Rebuild past months too.")
        parser.add_argument("--months", type=int, default=24, help="How many past months.")
        parser.add_argument("--force", action="store_true", help="Rebuild taken months too.")

    def handle(self, *args, backfill, months, force, **options):
        if months < 1 or months > 120:
            raise CommandError("--months runs from 1 to 120.")
        if backfill:
            taken = services.snapshot_backfill(months=months, force=force)
        else:
            taken = [services.snapshot_take()]
        for month in taken:
            self.stdout.write(f"{month.month:%Y-%m}: as of {month.as_of} ({month.source})")
        self.stdout.write(self.style.SUCCESS(f"{len(taken)} month(s) recorded."))
