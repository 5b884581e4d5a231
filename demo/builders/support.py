"""Support's own evidence in the demo organisation: a year of monthly figures for the
support department (as a nightly sync would leave them), the team medians, one source
read and two agents nobody matches, so the pages show something with no connector."""

from __future__ import annotations

from candidates.models import Level
from common.dates import months_before
from supportdata.models import SourceState, SupportMonth, UnmatchedAgent
from supportdata.services import medians_rebuild

SUPPORT_LEVELS = (Level.ENGINEER, Level.SENIOR_ENGINEER, Level.TEAM_LEAD, Level.MANAGER)


class SupportDemo:
    """Mixed into the demo builder after the people and the candidates exist."""

    def build_support(self) -> None:
        departments = {d.pk for d in self.departments if d.kind == "support"}
        people = [
            p for p in self.people if p.department_id in departments and p.level in SUPPORT_LEVELS
        ]
        in_pool = {c.person_id for c in self.active_candidates}
        this_month = self.today.replace(day=1)
        months = [months_before(this_month, n) for n in range(12)]
        rows = []
        for person in people:
            skill = self.rng.uniform(0.7, 1.3) + (0.15 if person.pk in in_pool else 0)
            leads = person.level >= Level.TEAM_LEAD or person.pk in in_pool
            for month in months:
                solved = int(
                    self.rng.gauss(70, 12) * (1.2 if person.level == Level.ENGINEER else 0.8)
                )
                rated = int(solved * self.rng.uniform(0.15, 0.4))
                good = min(rated, int(rated * min(0.99, self.rng.gauss(0.86, 0.05) * skill**0.2)))
                breached = self.rng.randint(0, max(1, int(solved * 0.08 / skill)))
                rows.append(
                    SupportMonth(
                        person_id=person.pk,
                        month=month,
                        tickets_solved=max(solved, 0),
                        satisfaction_good=good,
                        satisfaction_bad=rated - good,
                        escalations_resolved=int(self.rng.uniform(2, 14) * skill),
                        reopened=self.rng.randint(0, max(1, solved // 15)),
                        sla_met=max(solved - breached, 0),
                        sla_breached=breached,
                        incidents_led_sev1=int(leads and self.rng.random() < 0.12 * skill),
                        incidents_led_sev2=int(leads and self.rng.random() < 0.3 * skill),
                        incidents_led_other=self.rng.randint(0, 2) if leads else 0,
                        incidents_responded=self.rng.randint(0, 6),
                        articles=int(self.rng.random() < 0.35 * skill),
                        article_reuse=self.rng.randint(0, 30),
                    )
                )
            if len(rows) >= 20_000:
                SupportMonth.objects.bulk_create(rows, batch_size=5000)
                rows = []
        SupportMonth.objects.bulk_create(rows, batch_size=5000)
        medians_rebuild(departments=departments, months=set(months))
        SourceState.objects.create(
            source="csv",
            last_status="ok",
            last_ok_at=self.now,
            last_finished_at=self.now,
            seen=len(people) * 12,
            stored=len(people) * 12,
        )
        UnmatchedAgent.objects.bulk_create(
            [
                UnmatchedAgent(
                    source="zendesk", handle="90233", name="Night shift (contractor)", records=212
                ),
                UnmatchedAgent(
                    source="pagerduty",
                    handle="PX7Q2",
                    email="ops-bot@partner.example",
                    name="Partner on-call",
                    records=9,
                ),
            ]
        )
