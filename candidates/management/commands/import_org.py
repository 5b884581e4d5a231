import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candidates.services import OrgImportError, org_import


class Command(BaseCommand):
    help = (
        "Import or update the people directory from a CSV file with the columns: email, "
        "full_name, title, level (1-8), department, manager_email, and optionally username, "
        "location, time_zone, status ('left' marks a leaver). Idempotent: people are matched by "
        "e-mail. People of the directory missing from the file have left: deactivated, their "
        "pairings and nominations ended, their login off; the HR page /candidates/people/import/ "
        "does the same with a preview."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, change nothing."
        )
        parser.add_argument(
            "--allow-many-departures",
            action="store_true",
            help="Import even if the file would deactivate more than half of the directory.",
        )

    def handle(self, *args, csv_path: Path, dry_run: bool, allow_many_departures: bool, **options):
        if not csv_path.exists():
            raise CommandError(f"No such file: {csv_path}")
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        try:
            result = org_import(
                rows=rows, dry_run=dry_run, allow_mass_departure=allow_many_departures
            )
        except OrgImportError as error:
            raise CommandError(str(error)) from None
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result['created']} new and {result['updated']} updated people "
                f"({result['departments']} new departments, {result['users']} new logins); "
                f"{result['departed']} left."
            )
        )
