"""A person of the directory as a SCIM 2.0 User (RFC 7643), with the enterprise extension's
manager and department, for django-scim2's views.

The directory's own fields are authoritative (e-mail, name, title, active, department,
manager); what the identity provider sent beyond them (its userName, the name parts, the
e-mails' types) is kept in ``ScimUser.document`` and returned as sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django_scim import constants, exceptions
from django_scim.adapters import SCIMUser

from candidates.models import Person

from .filters import PersonFilterQuery
from .models import ScimUser
from .services import UNASSIGNED, department_named, person_provision

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
NO_TITLE = "—"


def _flag(value) -> bool:
    """Entra ID sends "True"/"False" as strings in PATCH."""
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def _ref(value) -> str:
    if isinstance(value, dict):
        value = value.get("value")
    return str(value or "").strip()


def _primary_email(emails) -> str:
    if isinstance(emails, dict):
        emails = [emails]
    if not isinstance(emails, list):
        return ""
    ordered = sorted(emails, key=lambda e: not (isinstance(e, dict) and e.get("primary")))
    for email in ordered:
        value = email.get("value") if isinstance(email, dict) else email
        if value:
            return str(value).strip()
    return ""


class PersonUser(SCIMUser):
    id_field = "pk"
    url_name = "scim:users"
    resource_type = "User"
    ATTR_MAP = PersonFilterQuery.attr_map

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self._active = None
        self._department: str | None = None
        self._manager: str | None = None
        shadow = getattr(obj, "scim", None) if obj.pk else None
        self.shadow = shadow or ScimUser(user_name="", document={})
        self.doc = dict(self.shadow.document)

    # --- reads --------------------------------------------------------------------------
    @property
    def display_name(self):
        return self.obj.full_name

    @property
    def meta(self):
        return {"resourceType": "User", "location": self.location}

    def to_dict(self):
        person, doc = self.obj, self.doc
        given, _, family = person.full_name.partition(" ")
        d = {
            "schemas": [constants.SchemaURI.USER, ENTERPRISE],
            "id": self.id,
            "userName": self.shadow.user_name or person.email,
            "active": person.is_active,
            "meta": self.meta,
        }
        if person.external_id:
            d["externalId"] = person.external_id
        name = doc.get(
            "name", {"formatted": person.full_name, "givenName": given, "familyName": family}
        )
        if name:
            d["name"] = name
        display = doc.get("displayName", person.full_name)
        if display:
            d["displayName"] = display
        if person.title and person.title != NO_TITLE:
            d["title"] = person.title
        d["emails"] = doc.get("emails") or [
            {"value": person.email, "primary": True, "type": "work"}
        ]
        enterprise = {}
        if person.department_id and person.department.name != UNASSIGNED:
            enterprise["department"] = person.department.name
        if person.manager_id:
            sent = doc.get("manager") or {}
            enterprise["manager"] = {
                "value": str(person.manager_id),
                "$ref": self._location_of(person.manager_id),
                "displayName": person.manager.full_name,
            }
            if str(sent.get("value")) == str(person.manager_id):  # as the provider sent it
                enterprise["manager"] = dict(sent)
        if enterprise:
            d[ENTERPRISE] = enterprise
        return self._projected(d)

    def _location_of(self, pk) -> str:
        return self.location.rsplit("/", 1)[0] + f"/{pk}"

    def _projected(self, d: dict) -> dict:
        """``attributes`` / ``excludedAttributes`` of the request (RFC 7644, 3.4.2.5)."""
        request = self._request
        if request is None:
            return d
        always = {"schemas", "id", "meta"}
        asked = getattr(request, "scim_projection", None) or request.GET
        wanted = _names(asked.get("attributes"))
        if wanted:
            return {
                k: v
                for k, v in d.items()
                if k in always or k.lower() in wanted or _in_extension(k, v, wanted, d)
            }
        excluded = _names(asked.get("excludedAttributes"))
        return {k: v for k, v in d.items() if k in always or k.lower() not in excluded}

    # --- writes -------------------------------------------------------------------------
    def from_dict(self, d):
        """A whole User (POST, PUT): what it does not carry is unassigned."""
        self.doc = {}
        changes = {
            "username": d.get("userName"),
            "externalid": d.get("externalId") or "",
            "emails": d.get("emails"),
            "name": d.get("name"),
            "displayname": d.get("displayName"),
            "title": d.get("title"),
            "active": d.get("active"),
        }
        extension = d.get(ENTERPRISE) or {}
        changes["enterprise"] = {k: extension.get(k) for k in ("department", "manager")}
        self._apply(changes)

    def _apply(self, changes: dict) -> None:
        person, doc = self.obj, self.doc
        if "username" in changes:
            user_name = str(changes["username"] or "").strip()
            if not user_name:
                raise exceptions.BadRequestError("userName is required.", scim_type="invalidValue")
            self.shadow.user_name = user_name[:254]
        if "emails" in changes:
            if changes["emails"]:
                email = _primary_email(changes["emails"])
                self.validate_email(email)
                person.email = email
                doc["emails"] = (
                    changes["emails"]
                    if isinstance(changes["emails"], list)
                    else [changes["emails"]]
                )
            else:
                doc.pop("emails", None)
        if not person.email and "@" in self.shadow.user_name:
            person.email = self.shadow.user_name
        if "externalid" in changes:
            person.external_id = str(changes["externalid"] or "")[:200]
        if "name" in changes:
            name = changes["name"]
            doc["name"] = name if isinstance(name, dict) else {}
            full = " ".join(
                p for p in (doc["name"].get("givenName"), doc["name"].get("familyName")) if p
            )
            full = doc["name"].get("formatted") or full
            if full:
                person.full_name = full.strip()[:160]
        if "displayname" in changes:
            doc["displayName"] = changes["displayname"] or ""
            if changes["displayname"] and not (doc.get("name") or {}):
                person.full_name = str(changes["displayname"]).strip()[:160]
        if "title" in changes:
            person.title = str(changes["title"] or "")[:160] or NO_TITLE
        if changes.get("active") is not None:
            self._active = _flag(changes["active"])
        enterprise = changes.get("enterprise") or {}
        if "department" in enterprise:
            self._department = str(enterprise["department"] or "")
        if "manager" in enterprise:
            self._manager = _ref(enterprise["manager"])
            sent = enterprise["manager"]
            doc["manager"] = sent if isinstance(sent, dict) else {"value": self._manager}

    def save(self):
        person = self.obj
        if not person.email:
            raise exceptions.BadRequestError(
                "An e-mail is required: send it in emails, or a userName that is one."
            )
        if person.pk is None:
            self._revive_if_deleted()
        if self._department is not None:
            person.department = department_named(self._department or UNASSIGNED)
        if self._manager is not None:
            if not self._manager:
                person.manager = None
            elif (
                not self._manager.isdigit() or not Person.objects.filter(pk=self._manager).exists()
            ):
                raise exceptions.BadRequestError(f"No user {self._manager!r} to be the manager.")
            else:
                person.manager_id = int(self._manager)
        if not self.shadow.user_name:
            self.shadow.user_name = person.email
        clash = ScimUser.objects.filter(user_name=self.shadow.user_name)
        if clash.exclude(person_id=person.pk).exists() or (
            person.pk is None and Person.objects.filter(email=person.email).exists()
        ):
            raise exceptions.IntegrityError("A user with this userName exists.")
        self._note_placeholders(new=person.pk is None)
        try:
            self.obj = person_provision(
                person=person, active=self._active, user_name=self.shadow.user_name
            )
        except ValidationError as error:
            if "email" in getattr(error, "message_dict", {}):
                raise exceptions.IntegrityError("A user with this userName exists.") from None
            raise exceptions.BadRequestError("; ".join(error.messages)) from None
        except IntegrityError:
            raise exceptions.IntegrityError("A user with this userName exists.") from None
        self.shadow.person = self.obj
        self.shadow.document = self.doc
        self.shadow.save()

    def _note_placeholders(self, *, new: bool) -> None:
        """A person created without a level, department or title gets a placeholder; HR
        sees the list on the provisioning page. A field the provider sends later is off it."""
        person = self.obj
        missing = set(self.shadow.to_complete)
        if new:
            missing = {"level"}  # SCIM has no level: always HR's to set
        if self._department:
            missing.discard("department")
        elif self._department is not None or new:  # sent empty, or never on a new person
            missing.add("department")
        if person.title and person.title != NO_TITLE:
            missing.discard("title")
        else:
            missing.add("title")
        self.shadow.to_complete = sorted(missing)

    def _revive_if_deleted(self) -> None:
        """A userName the identity provider deleted comes back as the same person."""
        gone = ScimUser.objects.filter(user_name=self.shadow.user_name, deleted_at__isnull=False)
        gone = gone.select_related("person").first()
        if gone is None:
            return
        fresh = self.obj
        self.obj, self.shadow = gone.person, gone
        self.shadow.deleted_at = None
        for field in ("email", "full_name", "title", "external_id"):
            if getattr(fresh, field):
                setattr(self.obj, field, getattr(fresh, field))
        if self._active is None:
            self._active = True

    def delete(self):
        """Never deleted (their history stays): deactivated as a leaver, and from now on
        not found over SCIM (RFC 7644, 3.6)."""
        self._active = False
        self.shadow.deleted_at = timezone.now()
        self.save()

    def handle_operations(self, operations):
        """PATCH as Okta and Entra ID send it: ``replace``/``add`` with a path or with a
        dict of attributes, ``remove`` of an attribute; saved once, at the end."""
        changes: dict = {}
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            if op not in ("add", "replace", "remove"):
                raise exceptions.BadRequestError(f'Unknown PATCH op "{op}"')
            path, value = operation.get("path"), operation.get("value")
            if op == "remove" and not path:
                raise exceptions.BadRequestError(
                    '"path" must be given to "remove"', scim_type="noTarget"
                )
            if not path:
                if not isinstance(value, dict):
                    raise exceptions.BadRequestError("No path and no attributes to change.")
                items = list(value.items())
            else:
                items = [(path, value)]
            for key, item in items:
                self._patch_one(changes, key, None if op == "remove" else item)
        self._apply(changes)
        self.save()

    def _patch_one(self, changes: dict, path: str, value) -> None:
        key = str(path).strip()
        lowered = key.lower()
        if lowered.startswith(ENTERPRISE.lower()):
            attribute = key[len(ENTERPRISE) :].lstrip(":.")
            enterprise = changes.setdefault("enterprise", {})
            if not attribute:
                if isinstance(value, dict):
                    enterprise.update(
                        {k: v for k, v in value.items() if k in ("department", "manager")}
                    )
                else:  # the whole extension removed
                    enterprise.update({"department": None, "manager": None})
                return
            attribute = attribute.split(".")[0]
            if attribute in ("department", "manager"):
                enterprise[attribute] = value
                return
            raise exceptions.BadRequestError(f"Cannot change {key!r}.", scim_type="invalidPath")
        if lowered.startswith("name."):
            name = changes.get("name")
            if name is None:
                name = dict(self.doc.get("name") or {})
            sub = key.split(".", 1)[1]
            if value is None:
                name.pop(sub, None)
            else:
                name[sub] = value
            changes["name"] = name
            return
        if lowered.startswith("emails"):
            if value is None:
                changes["emails"] = None
            elif isinstance(value, str):
                changes["emails"] = [{"value": value, "primary": True}]
            else:
                changes["emails"] = value
            return
        simple = {"active", "username", "externalid", "displayname", "title", "name"}
        if lowered in simple:
            if lowered == "active" and value is None:
                raise exceptions.BadRequestError(
                    "A person is active or not: 'active' cannot be removed.",
                    scim_type="mutability",
                )
            changes[lowered] = value
            return
        raise exceptions.BadRequestError(f"Cannot change {key!r}.", scim_type="invalidPath")


def _names(value: str | None) -> set[str]:
    return {n.strip().lower() for n in (value or "").split(",") if n.strip()}


def _in_extension(key: str, value, wanted: set[str], d: dict) -> bool:
    """``attributes=urn:…:User:manager`` keeps the extension (with what it asks for)."""
    if key != ENTERPRISE or not isinstance(value, dict):
        return False
    prefix = ENTERPRISE.lower() + ":"
    asked = {w[len(prefix) :] for w in wanted if w.startswith(prefix)}
    if not asked:
        return False
    d[ENTERPRISE] = {k: v for k, v in value.items() if k.lower() in asked}
    return bool(d[ENTERPRISE])


def _resource_type_dict(request=None):
    d = SCIMUser.resource_type_dict.__func__(PersonUser, request)
    d["schemaExtensions"] = [{"schema": ENTERPRISE, "required": False}]
    d["endpoint"] = "/Users"  # relative to the base URL (RFC 7643, 6)
    return d


PersonUser.resource_type_dict = staticmethod(_resource_type_dict)


def queryset_post_processor_getter(model):
    """People listed with their department and manager, in one query; the ones the
    identity provider deleted are not listed."""

    def post_process(request, queryset, *args, **kwargs):
        return queryset.filter(scim__deleted_at__isnull=True).select_related(
            "department", "manager", "scim"
        )

    return post_process


def object_post_processor_getter(model):
    def post_process(request, obj, *args, **kwargs):
        shadow = getattr(obj, "scim", None)
        if shadow is not None and shadow.deleted_at is not None:
            raise exceptions.NotFoundError(obj.pk)
        return obj

    return post_process


def base_location(request=None, *args, **kwargs):
    """Locations on the host the request came to (the app may be behind any name)."""
    return request.build_absolute_uri("/") if request is not None else "/"
