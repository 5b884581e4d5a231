"""Filters for the plain-text part of the mails."""

from django import template

register = template.Library()


@register.filter
def indented(text: str, spaces: int = 2) -> str:
    """Each line of ``text`` under a list item: its line breaks kept, every line indented
    (``linebreaksbr|striptags`` ran the sentences together)."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in str(text).splitlines())
