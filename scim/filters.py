"""The filter of a SCIM search, over the people table (django-scim2 reads this module
while it loads its own adapters, so it imports none of ours)."""

from django_scim.filters import FilterQuery

from candidates.models import Person

PERSON = "candidates_person"
SHADOW = "scim_scimuser"


def people():
    return Person


class PersonFilterQuery(FilterQuery):
    """`filter=` of a SCIM search, as SQL over the people table (what Okta and Entra ID
    send: userName eq, externalId eq, emails.value eq, active eq). A person's userName is
    the one the identity provider gave, else their e-mail; people it deleted are not
    found."""

    model_getter = people
    joins = (f"LEFT OUTER JOIN {SHADOW} ON {SHADOW}.person_id = {PERSON}.id",)
    attr_map = {
        ("userName", None, None): f"COALESCE({SHADOW}.user_name, {PERSON}.email)",
        ("externalId", None, None): f"{PERSON}.external_id",
        ("emails", "value", None): f"{PERSON}.email",
        ("emails", None, None): f"{PERSON}.email",
        ("displayName", None, None): f"{PERSON}.full_name",
        ("name", "formatted", None): f"{PERSON}.full_name",
        ("title", None, None): f"{PERSON}.title",
        ("active", None, None): f"{PERSON}.is_active",
    }

    @classmethod
    def search(cls, filter_query, request=None):
        found = super().search(filter_query, request)
        if hasattr(found, "prefetch_related"):  # what each user shows, in three queries
            found = found.prefetch_related("department", "manager", "scim")
        return found

    @classmethod
    def get_extras(cls, q, request=None):
        return f" AND {SHADOW}.deleted_at IS NULL", []
