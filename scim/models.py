"""The bearer tokens an identity provider (Okta, Entra ID…) presents to provision the
directory over SCIM. Only a hash is stored: the token is shown once, when HR creates it."""

import hashlib

from django.db import models

from candidates.models import Person


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ScimToken(models.Model):
    name = models.CharField(max_length=120, help_text="Which identity provider holds it.")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="Its first characters, to recognise it.")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["revoked_at", "-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ScimUser(models.Model):
    """What the identity provider knows of a person beyond the directory's own fields:
    its userName, the name parts and e-mails as it sent them (returned as sent, RFC 7643
    asks a service provider to keep what it accepts), and whether it deleted the user
    (never deleted here: deactivated, and not found over SCIM from then on)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="scim")
    user_name = models.CharField(max_length=254, unique=True)
    document = models.JSONField(default=dict, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # What the app filled in because the identity provider did not send it ("level",
    # "department", "title"), for HR to complete; emptied as the provider sends them or
    # when HR marks the person checked.
    to_complete = models.JSONField(default=list, blank=True)

    def __str__(self):
        return self.user_name

    PLACEHOLDERS = {
        "level": "level (Engineer assumed)",
        "department": "department (Unassigned)",
        "title": "job title",
    }

    @property
    def to_complete_labels(self) -> list[str]:
        return [self.PLACEHOLDERS[f] for f in self.to_complete if f in self.PLACEHOLDERS]
