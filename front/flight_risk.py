"""A manager's read of whether someone in their line may leave, pool or not: what the
key positions' "incumbent may leave" rests on."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from candidates.access import manager_required, person_get_managed
from candidates.models import FlightRisk, PersonFlightRisk
from candidates.services import person_flight_risk_rate
from common.form_pages import form_submit
from common.forms import SaneInput


class FlightRiskForm(SaneInput, forms.Form):
    risk = forms.ChoiceField(label="Flight risk", choices=FlightRisk.choices)
    reason = forms.CharField(
        label="What the read rests on",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Confidential: managers above in the line and HR read it.",
    )


@manager_required
@require_http_methods(["GET", "POST"])
def person_flight_risk(request, pk):
    person = person_get_managed(actor=request.actor, pk=pk)
    history = list(PersonFlightRisk.objects.filter(person=person).select_related("rated_by")[:10])
    form = FlightRiskForm(
        request.POST or None, initial={"risk": history[0].risk if history else FlightRisk.LOW}
    )
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: person_flight_risk_rate(actor=request.actor, person=person, **data),
        lambda rating: f"{person.full_name}: flight risk {rating.get_risk_display().lower()}.",
    ):
        return redirect("front:person_flight_risk", pk=person.pk)
    return render(
        request,
        "front/flight_risk.html",
        {
            "title": f"Flight risk · {person.full_name}",
            "person": person,
            "history": history,
            "form": form,
        },
    )
