from django import forms
from django.utils import timezone

from candidates.models import Competency, Level, Person, Rating
from common.form_pages import OnceOnly
from common.forms import SaneInput
from common.widgets import DateInput

from .models import Meeting, MeetingTopic, MentorPairing


class PairingForm(OnceOnly, SaneInput, forms.Form):
    candidate = forms.ModelChoiceField(label="Candidate", queryset=None)
    mentor = forms.ModelChoiceField(
        label="Executive mentor",
        queryset=Person.objects.filter(is_active=True, level__gte=Level.SENIOR_MANAGER)
        .select_related("department")
        .order_by("full_name"),
    )
    cadence_days = forms.IntegerField(
        label="Meet every (days)", min_value=1, max_value=180, initial=14
    )
    format = forms.ChoiceField(label="Format", choices=MentorPairing.Format.choices)
    goals = forms.CharField(label="Goals", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    starts_on = forms.DateField(label="Starts on", widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        # Choosing the candidate reloads the page with the mentors suggested for them.
        self.fields["candidate"].widget.attrs["data-reload-with"] = "candidate"


class PairingEditForm(SaneInput, forms.Form):
    cadence_days = forms.IntegerField(label="Meet every (days)", min_value=1, max_value=180)
    format = forms.ChoiceField(label="Format", choices=MentorPairing.Format.choices)
    goals = forms.CharField(label="Goals", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PairingStatusForm(SaneInput, forms.Form):
    status = forms.ChoiceField(label="New status", choices=MentorPairing.Status.choices)
    reason = forms.CharField(label="Reason", required=False, max_length=500)


class MeetingForm(OnceOnly, SaneInput, forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=MeetingTopic.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    potential_read = forms.TypedChoiceField(
        label="Your read of their potential today",
        choices=[("", "No change to say")] + list(Rating.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "duration_minutes",
            "format",
            "topics",
            "other_topics",
            "shared_notes",
            "private_notes",
            "next_meeting_on",
            "next_meeting_time",
            "potential_read",
        ]
        labels = {
            "held_on": "Date",
            "duration_minutes": "Duration (minutes)",
            "other_topics": "Other topics",
            "shared_notes": "Shared notes (the candidate sees these)",
            "private_notes": "Private notes (only you see these)",
            "next_meeting_on": "Next meeting",
            "next_meeting_time": "At (your time, optional)",
        }
        widgets = {
            "held_on": DateInput,
            "next_meeting_on": DateInput,
            "next_meeting_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "shared_notes": forms.Textarea(attrs={"rows": 3}),
            "private_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, open_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_items = {item.pk: item for item in open_items or ()}
        if self.open_items:
            # The open action items of earlier meetings: ticked ones are closed with it.
            self.fields["items_done"] = forms.TypedMultipleChoiceField(
                label="Open action items: tick the ones done since",
                choices=[
                    (
                        item.pk,
                        f"{item.description} ({item.owner.full_name}"
                        + (f", due {item.due_on:%d %b %Y}" if item.due_on else "")
                        + ")",
                    )
                    for item in self.open_items.values()
                ],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        if not self.instance.pk and not self.initial.get("held_on"):
            self.initial["held_on"] = timezone.localdate()
        self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def clean_items_done(self):
        return [self.open_items[pk] for pk in self.cleaned_data["items_done"]]

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if not 5 <= minutes <= 600:
            raise forms.ValidationError("Between 5 minutes and 10 hours.")
        return minutes


class ActionItemForm(SaneInput, forms.Form):
    description = forms.CharField(
        label="Action item",
        max_length=300,
        help_text="Required to add the item; owner and due date are optional.",
    )
    owner = forms.ChoiceField(
        label="Owner", choices=[("mentee", "Mentee"), ("mentor", "Me")], initial="mentee"
    )
    due_on = forms.DateField(label="Due", widget=DateInput, required=False)


ActionItemFormSet = forms.formset_factory(ActionItemForm, extra=4, max_num=10, validate_max=True)


class MentorProfileForm(SaneInput, forms.Form):
    capacity = forms.IntegerField(
        label="Mentees at once",
        min_value=0,
        max_value=12,
        help_text="0 takes them off the suggestions without ending their pairings.",
    )
    strengths = forms.ModelMultipleChoiceField(
        label="Strong in",
        queryset=Competency.objects.filter(is_active=True).order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Matched against a candidate's gaps when a manager pairs them.",
    )


class MeetingRatingForm(SaneInput, forms.Form):
    usefulness = forms.TypedChoiceField(
        label="How useful was this meeting?",
        choices=[
            (1, "1 – not useful"),
            (2, "2"),
            (3, "3 – useful"),
            (4, "4"),
            (5, "5 – very useful"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything to add (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
