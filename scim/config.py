from django_scim.models import SCIMServiceProviderConfig


class ServiceProviderConfig(SCIMServiceProviderConfig):
    """What this service provider does: PATCH and filters (eq on userName, externalId,
    emails), bearer tokens; no bulk, sort, ETags or password changes."""

    def to_dict(self):
        d = super().to_dict()
        d["filter"] = {"supported": True, "maxResults": 200}
        d["changePassword"] = {"supported": False}
        return d
