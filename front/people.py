"""HR keeps the people directory one person at a time, without Django admin: add, edit,
mark as left (what leaving ends shown before it is confirmed)."""

from zoneinfo import available_timezones

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import view_all_talent_required
from candidates.models import Department, Person
from candidates.services import (
    departure_effects,
    person_create,
    person_leave,
    person_update,
)
from common.form_pages import OnceOnly, form_page, form_submit
from common.forms import SaneInput

ZONES = sorted(available_timezones())


class PersonForm(SaneInput, forms.ModelForm):
    time_zone = forms.ChoiceField(label="Time zone", choices=[(z, z) for z in ZONES], initial="UTC")

    class Meta:
        model = Person
        fields = [
            "full_name",
            "email",
            "title",
            "level",
            "department",
            "manager",
            "location",
            "time_zone",
        ]
        labels = {"manager": "Reports to"}
        help_texts = {"manager": "Their line follows: everyone below them moves too."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        managers = Person.objects.filter(is_active=True).order_by("full_name")
        if self.instance.pk:
            managers = managers.exclude(reporting_path__startswith=self.instance.reporting_path)
        self.fields["manager"].queryset = managers

    def validate_unique(self):
        """The service answers a taken e-mail, in words."""


class NewPersonForm(OnceOnly, PersonForm):
    pass


class LeaveForm(SaneInput, forms.Form):
    reason = forms.CharField(
        label="Why they leave", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(label="Yes: end all of the above", required=True)


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def person_new(request):
    return form_page(
        request,
        form=NewPersonForm(request.POST or None),
        call=lambda data: person_create(actor=request.actor, **data),
        success=lambda person: (
            f"{person.full_name} added to the directory (login {person.user.username})."
        ),
        done=lambda person: f"/candidates/people/{person.pk}/edit/",
        template="front/person_form.html",
        context={"title": "Add a person", "person": None},
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_object_or_404(
        Person.objects.select_related("department", "manager", "user"), pk=pk
    )
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=pk))
    if request.method == "POST" and form_submit(
        request,
        form,
        lambda data: person_update(actor=request.actor, person=person, **data),
        "Saved.",
    ):
        return redirect("front:person_edit", pk=pk)
    return render(
        request,
        "front/person_form.html",
        {
            "title": f"Edit · {person.full_name}",
            "person": person,
            "form": form,
            "leave_form": LeaveForm(),
            "ends": departure_effects([person.pk])[person.pk] if person.is_active else [],
        },
    )


@view_all_talent_required
@require_POST
def person_mark_left(request, pk):
    person = get_object_or_404(Person, pk=pk, is_active=True)
    form = LeaveForm(request.POST)
    if form_submit(
        request,
        form,
        lambda data: person_leave(
            person=person, actor=request.actor, reason=f"Left the company: {data['reason']}"
        ),
        f"{person.full_name} has left: deactivated, with their history kept.",
    ):
        return redirect("front:person_edit", pk=pk)
    return render(
        request,
        "front/person_form.html",
        {
            "title": f"Edit · {person.full_name}",
            "person": person,
            "form": PersonForm(instance=person),
            "leave_form": form,
            "ends": departure_effects([person.pk])[person.pk],
        },
    )
