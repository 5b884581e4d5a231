import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from icalendar import Calendar, Event, vCalAddress, vText

from candidates.access import (
    actor_for,
    candidate_required,
    manager_required,
    view_all_talent_required,
)
from common.form_pages import errors_attach, form_data, form_page, submit_once
from common.pickers import picker_answer
from notifications.models import NotificationPreference
from notifications.services import preference_for

from . import selectors, services
from .access import (
    action_item_get_for_user,
    candidate_to_pair_get,
    meeting_get_for_author,
    meeting_get_for_mentee,
    mentor_get_for_hr,
    mentor_required,
    pairing_get_for_manager,
    pairing_get_for_mentor,
    pairing_get_for_party,
    pairing_get_for_reader,
)
from .forms import (
    ActionItemFormSet,
    MeetingForm,
    MeetingRatingForm,
    MentorProfileForm,
    PairingEditForm,
    PairingForm,
    PairingStatusForm,
)
from .matching import mentor_suggestions
from .models import DEFAULT_MENTOR_CAPACITY, MentorPairing, MentorProfile


@mentor_required
def home(request):
    token = preference_for(request.user).calendar_token
    return render(
        request,
        "mentorship/home.html",
        {
            "title": "My mentees",
            "feed_url": settings.SITE_URL + reverse("mentorship:calendar_feed", args=[token]),
            **selectors.mentor_home(actor=request.actor),
        },
    )


# --- Pairings (managers) ----------------------------------------------------------------


@manager_required
@require_http_methods(["GET", "POST"])
def pairing_new(request):
    candidates = selectors.candidates_to_pair(actor=request.actor)
    initial = {}
    for name in ("candidate", "mentor"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = PairingForm(request.POST or None, candidates=candidates, initial=initial)
    chosen = (
        candidate_to_pair_get(actor=request.actor, candidates=candidates, pk=initial["candidate"])
        if "candidate" in initial and request.method == "GET"
        else None
    )
    if picked := picker_answer(request, form):
        return picked
    if request.method == "POST":
        response = submit_once(
            request,
            form,
            lambda data: services.pairing_create(actor=request.actor, **data),
            lambda pairing: f"{pairing.candidate.person} is paired with {pairing.mentor}.",
            lambda pairing: pairing.candidate.get_absolute_url(),
        )
        if response is not None:
            return response
    return render(
        request,
        "mentorship/pairing_form.html",
        {
            "title": "Pair with a mentor",
            "form": form,
            "chosen": chosen,
            "suggestions": mentor_suggestions(candidate=chosen) if chosen else [],
        },
    )


# --- Matching: mentors' capacity and strengths (HR), mentees' private ratings ----------


@view_all_talent_required
def mentors(request):
    """HR's mentors: capacity, mentees now, strengths; their mentees' ratings as an
    average only from five."""
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.mentors_overview(query=query), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mentorship/mentors.html",
        {
            "title": "Mentors",
            "page": page,
            "query": query,
            "shown_from": selectors.RATINGS_SHOWN_FROM,
        },
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def mentor_edit(request, pk):
    mentor = mentor_get_for_hr(pk=pk)
    profile = MentorProfile.objects.filter(person=mentor).first()
    initial = (
        {"capacity": profile.capacity, "strengths": list(profile.strengths.all())}
        if profile
        else {"capacity": DEFAULT_MENTOR_CAPACITY}
    )
    heading = f"{mentor.full_name} as a mentor"
    return form_page(
        request,
        form=MentorProfileForm(request.POST or None, initial=initial),
        call=lambda data: services.mentor_profile_save(actor=request.actor, mentor=mentor, **data),
        success=f"{mentor.full_name}'s capacity and strengths saved.",
        done=lambda _: reverse("mentorship:mentors") + f"?q={mentor.full_name}",
        template="development/form.html",
        context={"title": heading, "heading": heading, "candidate": None, "submit": "Save"},
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def meeting_rate(request, pk):
    """The mentee's private word on a meeting: their mentor never sees it."""
    meeting = meeting_get_for_mentee(actor=request.actor, pk=pk)
    rating = getattr(meeting, "rating", None)
    initial = {"usefulness": rating.usefulness, "comment": rating.comment} if rating else {}
    heading = f"Your meeting with {meeting.pairing.mentor.full_name} on {meeting.held_on:%-d %b %Y}"
    return form_page(
        request,
        form=MeetingRatingForm(request.POST or None, initial=initial),
        call=lambda data: services.meeting_rate(actor=request.actor, meeting=meeting, **data),
        success="Thank you. Your mentor never sees this; HR sees only totals of five or more.",
        done=lambda _: reverse("me"),
        template="mentorship/meeting_rate.html",
        context={"title": "Rate a meeting", "heading": heading, "meeting": meeting},
    )


@manager_required
@require_POST
def pairing_status(request, pk):
    pairing = pairing_get_for_manager(actor=request.actor, pk=pk)
    form = PairingStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a valid status.")
    else:
        try:
            pairing = services.pairing_set_status(
                actor=request.actor, pairing=pairing, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Pairing {pairing.get_status_display().lower()}.")
    return redirect(pairing.candidate.get_absolute_url())


@manager_required
@require_http_methods(["GET", "POST"])
def pairing_edit(request, pk):
    pairing = pairing_get_for_manager(actor=request.actor, pk=pk)
    if pairing.status == MentorPairing.Status.ENDED:
        raise Http404("An ended pairing stays as it was.")
    initial = {
        "cadence_days": pairing.cadence_days,
        "format": pairing.format,
        "goals": pairing.goals,
    }
    heading = f"Change the pairing of {pairing.candidate.person} and {pairing.mentor}"
    return form_page(
        request,
        form=PairingEditForm(request.POST or None, initial=initial),
        call=lambda data: services.pairing_update(actor=request.actor, pairing=pairing, **data),
        success="Pairing changed.",
        done=lambda _: pairing.candidate.get_absolute_url(),
        template="development/form.html",
        context={"title": heading, "heading": heading, "candidate": None, "submit": "Save"},
    )


# --- Meetings (the pairing's mentor) ----------------------------------------------------


def _action_items(formset, pairing) -> list[dict]:
    items = []
    for form in formset:
        data = form.cleaned_data
        if not data or not data.get("description"):
            continue
        owner = pairing.mentor if data["owner"] == "mentor" else pairing.candidate.person
        items.append(
            {"description": data["description"], "owner": owner, "due_on": data.get("due_on")}
        )
    return items


@mentor_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk):
    pairing = pairing_get_for_mentor(actor=request.actor, pk=pk)
    form = MeetingForm(
        request.POST or None, open_items=selectors.open_action_items(pairing=pairing)
    )
    formset = ActionItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and formset.is_valid():

        def log(data):
            data.pop("revision", None)
            return services.meeting_log(
                actor=request.actor,
                pairing=pairing,
                action_items=_action_items(formset, pairing),
                **data,
            )

        response = submit_once(
            request,
            form,
            log,
            f"Meeting with {pairing.candidate.person} logged.",
            lambda _: reverse("mentorship:home"),
        )
        if response is not None:
            return response
    return render(
        request,
        "mentorship/meeting_form.html",
        {
            "title": f"Log a meeting · {pairing.candidate.person}",
            "pairing": pairing,
            "form": form,
            "formset": formset,
        },
    )


@mentor_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = meeting_get_for_author(actor=request.actor, pk=pk)
    pairing = meeting.pairing
    if not services.meeting_is_editable(meeting):
        messages.error(request, f"Meetings can be edited for {services.MEETING_EDIT_DAYS} days.")
        return redirect("mentorship:home")
    form = MeetingForm(request.POST or None, instance=meeting)
    initial = [
        {
            "description": item.description,
            "owner": "mentor" if item.owner_id == pairing.mentor_id else "mentee",
            "due_on": item.due_on,
        }
        for item in meeting.action_items.all()
    ]
    formset = ActionItemFormSet(request.POST or None, prefix="items", initial=initial)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form_data(form)
        revision = data.pop("revision", None) or 0
        topics = data.pop("topics")
        # The form was bound to the instance: restore the saved values before the service.
        meeting.refresh_from_db()
        try:
            services.meeting_update(
                actor=request.actor,
                meeting=meeting,
                revision=revision,
                topics=topics,
                action_items=_action_items(formset, pairing),
                **data,
            )
        except ValidationError as error:
            errors_attach(form, error)
        else:
            messages.success(request, "Meeting updated.")
            return redirect("mentorship:home")
    return render(
        request,
        "mentorship/meeting_form.html",
        {
            "title": "Edit meeting",
            "pairing": pairing,
            "form": form,
            "formset": formset,
            "editing": True,
        },
    )


@login_required
@require_POST
def action_item_done(request, pk):
    """Close (``done=1``) or reopen (``done=0``) an action item: its owner or the mentor."""
    item = action_item_get_for_user(actor=request.actor, pk=pk)
    done = request.POST.get("done") != "0"
    services.action_item_set_done(actor=request.actor, item=item, done=done)
    messages.success(request, f"“{item.description}” {'done' if done else 'open again'}.")
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("mentorship:home") if request.actor.mentor else reverse("me")
    return HttpResponseRedirect(target)


@login_required
def pairing_meetings(request, pk):
    """Every meeting of a pairing: for its mentor (with private notes and edit links) and
    its mentee."""
    pairing, for_mentor = pairing_get_for_reader(actor=request.actor, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "mentorship/pairing_meetings.html",
        {
            "title": f"Meetings · {pairing.candidate.person} and {pairing.mentor}",
            "pairing": pairing,
            "for_mentor": for_mentor,
            "is_mentee": pairing.candidate.person.user_id == request.user.pk,
            "today": today,
            "meetings": selectors.pairing_meetings(
                pairing=pairing, viewer_is_author_side=for_mentor, today=today
            ),
        },
    )


# --- Calendar ---------------------------------------------------------------------------


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//supportlead//mentor meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _zone_of(person) -> ZoneInfo:
    try:
        return ZoneInfo(person.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _person_address(person, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.full_name)
    if role:
        address.params["role"] = vText(role)
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
    return address


def _meeting_event(pairing: MentorPairing, *, for_mentor: bool, cancelled: bool = False) -> Event:
    """The next meeting as an invitation: the mentor organises, the mentee attends. At
    its time in the mentor's time zone when one was given (the calendar shows it in each
    reader's own, from the VTIMEZONE), else all day. One UID per pairing and a SEQUENCE
    bumped at each move, so a moved meeting updates the event and an ended pairing
    cancels it."""
    other = pairing.candidate.person if for_mentor else pairing.mentor
    host = urlsplit(settings.SITE_URL).hostname or "supportlead"
    event = Event()
    event.add("uid", f"mentor-pairing-{pairing.pk}@{host}")
    event.add("sequence", pairing.calendar_sequence)
    event.add("summary", f"Mentor meeting with {other.full_name}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _person_address(pairing.mentor, ""))
    event.add("attendee", _person_address(pairing.candidate.person, "REQ-PARTICIPANT"))
    day = pairing.next_meeting_on or pairing.last_met_on or pairing.starts_on
    if pairing.next_meeting_time is not None and pairing.next_meeting_on:
        starts = dt.datetime.combine(day, pairing.next_meeting_time, _zone_of(pairing.mentor))
        event.add("dtstart", starts)
        if starts.replace(tzinfo=None) < dt.datetime.max - dt.timedelta(hours=2):
            event.add("dtend", starts + dt.timedelta(minutes=60))
    else:
        event.add("dtstart", day)
        # An all-day event without an end is one day long; the last day has no next one.
        if day < dt.date.max:
            event.add("dtend", day + dt.timedelta(days=1))
    event.add("dtstamp", timezone.now())
    meetings = reverse("mentorship:pairing_meetings", args=[pairing.pk])
    event.add("description", f"{pairing.goals}\n{settings.SITE_URL}{meetings}".strip())
    return event


def _ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    calendar.add_missing_timezones()  # a VTIMEZONE for each TZID used
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def next_meeting_ics(request, pk):
    """The pairing's next meeting as an invitation (METHOD:REQUEST) for its mentor or its
    mentee; once the pairing is paused or ended, or the meeting dropped, the same link
    gives its cancellation (METHOD:CANCEL). Never planned: nothing to download."""
    pairing, for_mentor = pairing_get_for_party(actor=request.actor, pk=pk)
    planned = pairing.next_meeting_on and pairing.status == MentorPairing.Status.ACTIVE
    if not planned and not pairing.calendar_sequence:
        raise Http404("No next meeting is planned.")
    calendar = _calendar("REQUEST" if planned else "CANCEL")
    calendar.add_component(_meeting_event(pairing, for_mentor=for_mentor, cancelled=not planned))
    name = f"mentor-meeting-{pairing.next_meeting_on}" if planned else "mentor-meeting-cancelled"
    return _ics_response(calendar, f"{name}.ics")


def calendar_feed(request, token):
    """A mentor's upcoming meetings behind a private token URL, for calendar programs."""
    preference = get_object_or_404(
        NotificationPreference.objects.select_related("user"), calendar_token=token
    )
    person = actor_for(preference.user).person
    if person is None:
        raise Http404("No such calendar.")
    calendar = _calendar()
    calendar.add("x-wr-calname", "Mentor meetings (supportlead)")
    for pairing in selectors.upcoming_meetings_for_mentor(
        mentor_id=person.pk, today=timezone.localdate()
    ):
        calendar.add_component(_meeting_event(pairing, for_mentor=True))
    return _ics_response(calendar, "mentor-meetings.ics")
