from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: the demo organisation (``seed_demo``) and the benchmarks
    (``bench_*``). It builds on every app and no app imports it, so production code
    carries none of it."""

    name = "demo"
    verbose_name = "Demo and benchmarks"
