"""The programme's notices (registered so people can mute them; nothing is swept: the
services send them when an application is sent and when the cohort is formed)."""

from notifications.registry import reminder_kind


@reminder_kind("application_to_endorse", label="An application from your team to endorse")
def nothing_swept_for_endorsements(*, today):
    return ()


@reminder_kind("application_outcome", label="The outcome of your application")
def nothing_swept_for_outcomes(*, today):
    return ()
