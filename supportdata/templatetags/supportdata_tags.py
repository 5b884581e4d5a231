from django import template

register = template.Library()


@register.filter
def figure_value(value, is_rate):
    """A count as a whole number (a median may be a half), a rate as a percentage."""
    if value is None:
        return "—"
    if is_rate:
        return f"{value:.0f} %"
    return f"{value:g}" if value != int(value) else f"{int(value)}"
