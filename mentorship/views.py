from django.shortcuts import render

from supportlead.access import pairings_mentored_by
from supportlead.decorators import mentor_required

from .models import MentorPairing


@mentor_required
def home(request):
    pairings = (
        pairings_mentored_by(request.user)
        .filter(status=MentorPairing.Status.ACTIVE)
        .select_related("candidate__person")
    )
    return render(request, "mentorship/home.html", {"title": "My mentees", "pairings": pairings})
