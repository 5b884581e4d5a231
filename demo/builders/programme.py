"""The programme people apply to, in the demo: last year's intake with its cohort (four of
today's candidates came in by application, six months ago) and this year's intake, open
now, with a few applications waiting for a manager's word; and the support-to-product
insight log: product areas with their owners and a year of insights and their answers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candidates.models import Candidate, JoinedBy, Level
from insights.models import Insight, ProductArea
from programme.models import Application, Cohort, Intake, PanelScore

QUESTIONS = (
    "Why do you want to lead in support?\n"
    "Tell us about a time you led without the title.\n"
    "What would you change first in how we support customers?"
)
ANSWERS = (
    "I like the moment a stuck customer gets unstuck, and I want to build the team that does it every day.",
    "During the March outage I ran the bridge for four hours until the incident lead arrived.",
    "Swarm the hardest tickets instead of passing them up three tiers.",
)
INSIGHTS = (
    (
        "Billing",
        "Refunds need three screens",
        "Customers wait on the phone while we click through three screens to refund one invoice.",
        "A macro that opens the three screens",
        "One refund button on the invoice",
    ),
    (
        "Integrations",
        "Webhook failures are silent",
        "Customers find out days later that their webhooks stopped; nothing in the admin says so.",
        "We check the delivery log by hand when they call",
        "An e-mail to the admin after ten failures in a row",
    ),
    (
        "Reporting",
        "Exports time out over 50,000 rows",
        "Large customers cannot export a quarter of tickets; the export stops at 30 seconds.",
        "We split the export by month for them",
        "Run large exports in the background and mail a link",
    ),
    (
        "Mobile app",
        "Login loops after a password reset",
        "After resetting a password in the browser the app keeps asking to sign in again.",
        "Reinstall the app",
        "Clear the stored token when the password changes",
    ),
    (
        "Billing",
        "Tax IDs rejected for Norway",
        "Norwegian VAT numbers with the MVA suffix are refused at checkout.",
        "Type it without the suffix",
        "Accept the MVA suffix",
    ),
)


class ProgrammeDemo:
    """Mixed into the demo builder after the reviews."""

    def build_programme(self) -> None:
        rng = self.rng_of("programme")
        hr, manager, mentor = (self.demo_people[k] for k in ("hr", "manager", "mentor"))
        today = self.today
        pool = set(Candidate.objects.values_list("person_id", flat=True))
        outside = [
            p
            for p in self.people
            if p.pk not in pool
            and p.user_id
            and Level.ENGINEER <= p.level <= Level.TEAM_LEAD
            and p.pk not in {d.pk for d in self.demo_people.values()}
        ]
        rng.shuffle(outside)
        # Last year's intake: closed, decided, its cohort in the pool for six months.
        opens_on = today - dt.timedelta(days=240)
        past = Intake.objects.create(
            name=f"Support leaders, {opens_on:%B %Y}",
            opens_on=opens_on,
            closes_on=today - dt.timedelta(days=210),
            starts_on=today - dt.timedelta(days=180),
            places=4,
            min_level=Level.ENGINEER,
            max_level=Level.MANAGER,
            questions=QUESTIONS,
            created_by=hr,
        )
        past.panel.set([hr, manager])
        members = [
            c
            for c in self.active_candidates
            if c.person_id != self.demo_people["candidate"].pk and c.person.level <= Level.MANAGER
        ][:4]
        declined = outside[:3]
        applications = []
        for candidate in members:
            applications.append(
                self._application(past, candidate.person, "accepted", candidate=candidate, rng=rng)
            )
        for person in declined:
            applications.append(self._application(past, person, "declined", rng=rng))
        Application.objects.bulk_create(applications)
        PanelScore.objects.bulk_create(
            [
                PanelScore(
                    application=a,
                    member=member,
                    score=rng.randint(4, 5) if a.decision == "accepted" else rng.randint(2, 3),
                    scored_on=past.closes_on + dt.timedelta(days=3),
                )
                for a in applications
                for member in (hr, manager)
            ]
        )
        cohort = Cohort.objects.create(
            intake=past,
            name=f"Cohort of {past.starts_on:%B %Y}",
            starts_on=past.starts_on,
            formed_by=hr,
            formed_on=past.closes_on + dt.timedelta(days=10),
        )
        Candidate.objects.filter(pk__in=[c.pk for c in members]).update(
            joined_by=JoinedBy.APPLICATION,
            nomination_reason=f"By application to {past.name} (cohort {cohort.name}).",
        )
        # This year's intake: open now, three applications, two waiting for a manager.
        opens_on = today - dt.timedelta(days=10)
        current = Intake.objects.create(
            name=f"Support leaders, {opens_on:%B %Y}",
            opens_on=opens_on,
            closes_on=today + dt.timedelta(days=20),
            starts_on=today + dt.timedelta(days=60),
            places=5,
            min_level=Level.ENGINEER,
            max_level=Level.MANAGER,
            questions=QUESTIONS,
            created_by=hr,
        )
        current.panel.set([hr, manager, mentor])
        Application.objects.bulk_create(
            [
                self._application(current, person, "pending", rng=rng, endorsed=n == 0)
                for n, person in enumerate(outside[3:6])
            ]
        )
        self.cohort = cohort

    def _application(self, intake, person, decision, *, rng, candidate=None, endorsed=True):
        decided = decision != "pending"
        on = intake.opens_on + dt.timedelta(days=rng.randint(0, 5))
        return Application(
            intake=intake,
            applicant=person,
            answers=[
                {"question": q, "answer": a}
                for q, a in zip(intake.question_list(), ANSWERS, strict=True)
            ],
            submitted_at=timezone.make_aware(dt.datetime.combine(on, dt.time(10))),
            manager=self.person_by_pk.get(person.manager_id),
            endorsement="endorsed" if endorsed else "pending",
            endorsement_note="Leads our escalations already; ready for more." if endorsed else "",
            endorsed_by=self.person_by_pk.get(person.manager_id) if endorsed else None,
            endorsed_on=on + dt.timedelta(days=2) if endorsed else None,
            decision=decision,
            decision_note=""
            if decision != "declined"
            else "Lead a cross-team project this year and apply again: we would like to see it.",
            decided_by=self.demo_people["hr"] if decided else None,
            decided_on=intake.closes_on + dt.timedelta(days=5) if decided else None,
            candidate=candidate,
        )

    def build_insights(self) -> None:
        rng = self.rng_of("insights")
        owners = [
            p
            for p in self.people
            if p.department.kind in ("product", "rnd") and p.level >= Level.MANAGER and p.user_id
        ] or [self.demo_people["mentor"]]
        areas = {
            name: ProductArea.objects.create(
                name=name,
                owner=self.demo_people["mentor"] if n == 0 else owners[n % len(owners)],
            )
            for n, name in enumerate(("Billing", "Integrations", "Reporting", "Mobile app"))
        }
        support = [p for p in self.people if p.department.kind == "support" and p.user_id]
        rotations = {}
        for rotation in getattr(self, "rotations", []):
            rotations.setdefault(rotation.person_id, rotation)
        insights = []
        count = max(12, self.total // 25)
        for n in range(count):
            area, title, observed, workaround, suggestion = INSIGHTS[n % len(INSIGHTS)]
            person = rng.choice(support)
            raised_on = self.today - dt.timedelta(days=rng.randint(0, 360))
            age = (self.today - raised_on).days
            status = (
                rng.choice(("accepted", "planned", "shipped", "declined", "shipped"))
                if age > 30 or rng.random() < 0.4
                else "new"
            )
            rotation = rotations.get(person.pk)
            insights.append(
                Insight(
                    raised_by=person,
                    area=areas[area],
                    title=title if n < len(INSIGHTS) else f"{title} ({n // len(INSIGHTS) + 1})",
                    source="rotation" if rotation else "support_shift",
                    rotation=rotation,
                    observed=observed,
                    frequency=rng.choice(Insight.Frequency.values),
                    workaround=workaround,
                    suggestion=suggestion,
                    tickets=f"SUP-{rng.randint(1000, 9999)}",
                    raised_on=raised_on,
                    status=status,
                    answer=""
                    if status == "new"
                    else {
                        "declined": "The billing rebuild next year replaces these screens.",
                        "planned": "In next quarter's plan.",
                        "shipped": "Out in the last release: thank you.",
                        "accepted": "Agreed; sizing it now.",
                    }[status],
                    answered_by=None if status == "new" else areas[area].owner,
                    answered_on=None
                    if status == "new"
                    else min(self.today, raised_on + dt.timedelta(days=rng.randint(3, 30))),
                )
            )
        # The demo candidate drove one to "planned", and one waits for the demo mentor.
        candidate = self.demo_people["candidate"]
        insights.append(
            Insight(
                raised_by=candidate,
                area=areas["Integrations"],
                title="Customers cannot tell which API key a call used",
                source="support_shift",
                observed="On every escalated API ticket we ask the customer which key they used; the logs do not say.",
                frequency="weekly",
                workaround="Ask the customer to send a screenshot of their key list",
                suggestion="Show the key's name in the request log",
                tickets="SUP-2210\nSUP-2291",
                raised_on=self.today - dt.timedelta(days=40),
                status="planned",
                answer="Planned for the next integrations release.",
                answered_by=areas["Integrations"].owner,
                answered_on=self.today - dt.timedelta(days=30),
            )
        )
        insights.append(
            Insight(
                raised_by=candidate,
                area=areas["Billing"],
                title="Invoices in the wrong language",
                source="support_shift",
                observed="Invoices go out in English to customers whose account language is German.",
                frequency="weekly",
                workaround="We resend the invoice by hand",
                suggestion="Use the account's language for invoices",
                raised_on=self.today - dt.timedelta(days=3),
            )
        )
        Insight.objects.bulk_create(insights, batch_size=2000)
