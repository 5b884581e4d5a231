"""The sources support's evidence is read from, one reader each (see ``base.Reader``)."""

from supportdata.models import Source

from .base import Agent, Item, Page, Reader, SourceError
from .csvfile import CsvReader
from .incidentio import IncidentIoReader
from .jira import JiraReader
from .pagerduty import PagerDutyReader
from .zendesk import ZendeskReader

CONNECTED: dict[str, Reader] = {
    Source.ZENDESK: ZendeskReader(),
    Source.JIRA: JiraReader(),
    Source.PAGERDUTY: PagerDutyReader(),
    Source.INCIDENTIO: IncidentIoReader(),
}

__all__ = ["CONNECTED", "Agent", "CsvReader", "Item", "Page", "Reader", "SourceError"]
