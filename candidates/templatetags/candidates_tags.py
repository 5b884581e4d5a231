from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(bound_field):
    """The <option>s of a filter select, in one pass: the template loop was the slowest
    part of the pool page with hundreds of key positions."""
    current = bound_field.value()
    current = "" if current in (None, "") else str(current)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in bound_field.field.choices
        ),
    )


@register.simple_tag
def picker(bound_field):
    """A filter's record picker, as its widget renders it (searched when long)."""
    return bound_field.as_widget(attrs={"class": "form-select form-select-sm"})


@register.filter
def days_ago(day, today):
    """'today', '1 day ago', '30 days ago': how long ago ``day`` was, in days."""
    if not day or not today:
        return ""
    days = (today - day).days
    if days <= 0:
        return "today"
    return f"{days} day{'s' if days != 1 else ''} ago"


@register.filter
def day(value, weekday=""):
    """'12 Mar' for a date of this year, '12 Mar 2027' for any other (``|day:"D"`` adds
    the weekday): a date never loses its year when the year matters."""
    if not value:
        return ""
    this_year = timezone.localdate().year
    pattern = "j M" if value.year == this_year else "j M Y"
    return date_format(value, f"{weekday} {pattern}".strip())


@register.filter
def duration(value) -> str:
    """'15 minutes', '1 hour 30 minutes': a timedelta in words, to the minute."""
    if not value:
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
