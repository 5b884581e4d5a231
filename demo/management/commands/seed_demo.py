import time

from django.core.management.base import BaseCommand, CommandError

from demo.org import (
    DEMO_PASSWORD,
    DEMO_USERNAMES,
    database_is_empty,
    demo_org_build,
    demo_org_clear,
)


class Command(BaseCommand):
    help = "Build a deterministic demo support organisation with the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=300, help="Size of the org (min 60).")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same org)."
        )
        parser.add_argument("--password", default=DEMO_PASSWORD, help="Password of every account.")
        parser.add_argument(
            "--force", action="store_true", help="Delete the existing people and data first."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has people.",
        )

    def handle(self, *args, people, seed, password, force, if_empty, **options):
        if not database_is_empty():
            if if_empty:
                self.stdout.write("The database already has an org; not seeding.")
                return
            if not force:
                raise CommandError(
                    "The database is not empty. Use --force to delete its people and data "
                    "and build the demo org instead."
                )
            demo_org_clear()
        started = time.perf_counter()
        result = demo_org_build(people=people, seed=seed, password=password)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo org built in {elapsed:.1f} s: {result.people} people, "
                f"{result.candidates} candidates, {result.key_positions} key positions, "
                f"{result.pairings} mentor pairings, {result.meetings} meetings, "
                f"{result.agreements} agreements, {result.rotations} rotations."
            )
        )
        self.stdout.write(
            "Demo logins (password: {}): {}".format(password, ", ".join(DEMO_USERNAMES))
        )
