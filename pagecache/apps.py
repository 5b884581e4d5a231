from django.apps import AppConfig
from django.db.backends.signals import connection_created

from .writes import watch_writes


class PagecacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Pages kept per viewer"

    def ready(self):
        connection_created.connect(watch_writes, dispatch_uid="pagecache.watch_writes")
