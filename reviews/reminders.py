"""The notice a talent review sends when it closes (registered so people can mute it;
nothing is swept for it: ``services.review_close`` sends it)."""

from notifications.registry import reminder_kind


@reminder_kind("review_closed", label="Talent review closed", managers_only=True)
def nothing_due(*, today):
    return ()
