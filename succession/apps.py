from django.apps import AppConfig


class SuccessionConfig(AppConfig):
    """Readiness you can defend: the evidence behind each successor's readiness, its
    confirmation, the target competency profiles and the development plan made from the
    gaps. It reads evidence from every programme app (development, agreements,
    mentorship, reviews) and proposes through the agreement's flow, so it sits above
    them, under the pages."""

    name = "succession"
    verbose_name = "Succession readiness"
