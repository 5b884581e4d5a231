"""Successors side by side for one key position (``selectors.compare``): reached from
the position page, with the same access (the viewer's line only)."""

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone

from candidates.access import manager_required
from succession.access import position_get_for_user

from .selectors.compare import COMPARED, compare, successors_offered


@manager_required
def position_compare(request, pk):
    position = position_get_for_user(actor=request.actor, pk=pk)
    offered = successors_offered(actor=request.actor, position=position)
    asked = set(request.GET.getlist("n"))
    # Only successors of the viewer's line can be asked for: any other id is ignored.
    chosen = [n for n in offered if str(n.pk) in asked] if asked else offered[:COMPARED]
    if len(chosen) > COMPARED:
        messages.info(request, f"Up to {COMPARED} side by side: the first {COMPARED} are shown.")
        chosen = chosen[:COMPARED]
    context = (
        compare(position=position, nominations=chosen, today=timezone.localdate())
        if chosen
        else {"columns": []}
    )
    return render(
        request,
        "front/compare.html",
        {
            "title": f"Successors side by side · {position.title}",
            "position": position,
            "offered": offered,
            "chosen_ids": {n.pk for n in chosen},
            "compared": COMPARED,
            **context,
        },
    )
