"""Django admin stays usable at 100,000 people: no form of it, inlines included, lists
every person, login, candidate, key position or agreement in a <select>. Each such field
is searched (``autocomplete_fields``), given by id (``raw_id_fields``) or read-only."""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    ForeignKeyRawIdWidget,
    ManyToManyRawIdWidget,
)
from django.contrib.auth import get_user_model

from agreements.models import AgreementVersion, Commitment, LeadershipAgreement
from candidates.models import Candidate, Person
from mentorship.models import Meeting, MentorPairing
from succession.models import KeyPosition, SuccessorNomination

pytestmark = pytest.mark.django_db

# Tables that grow with the organisation.
LARGE = {
    Person,
    get_user_model(),
    Candidate,
    KeyPosition,
    SuccessorNomination,
    LeadershipAgreement,
    AgreementVersion,
    Commitment,
    MentorPairing,
    Meeting,
}
SEARCHED = (AutocompleteMixin, ForeignKeyRawIdWidget, ManyToManyRawIdWidget)


def _listed(form_class, parent_fk: str | None = None) -> list[str]:
    listed = []
    for name, field in form_class.base_fields.items():
        if name == parent_fk:  # an inline's link to its parent becomes a hidden field
            continue
        queryset = getattr(field, "queryset", None)
        widget = getattr(field.widget, "widget", field.widget)  # inside the "+" wrapper
        if queryset is not None and queryset.model in LARGE and not isinstance(widget, SEARCHED):
            listed.append(name)
    return listed


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m.__name__)
def test_no_admin_form_lists_a_large_table(model, rf, admin_user):
    model_admin = admin.site._registry[model]
    request = rf.get("/admin/")
    request.user = admin_user
    listed = [f"{model.__name__}.{n}" for n in _listed(model_admin.get_form(request))]
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)
        listed += [f"{inline.model.__name__}.{n}" for n in _listed(formset.form, formset.fk.name)]
    assert listed == []
