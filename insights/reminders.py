"""The insight log's notices (registered so people can mute them; nothing is swept:
``services.insight_raise`` and ``services.insight_answer`` send them)."""

from notifications.registry import reminder_kind


@reminder_kind("insight_raised", label="A product insight for an area you own")
def nothing_swept_for_raised(*, today):
    return ()


@reminder_kind("insight_answered", label="An answer to a product insight you raised")
def nothing_swept_for_answered(*, today):
    return ()
