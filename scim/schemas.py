"""What the Schemas and ResourceTypes endpoints publish: the attributes this directory
keeps, no more (a client fills what a schema lists and expects it back)."""

import copy

from django_scim.schemas import ALL

from .adapters import ENTERPRISE

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
KEPT = {
    USER: {
        "userName": None,
        "name": {"formatted", "givenName", "familyName"},
        "displayName": None,
        "title": None,
        "active": None,
        "emails": {"value", "type", "primary"},
    },
    ENTERPRISE: {"department": None, "manager": {"value", "displayName", "$ref"}},
}


REQUIRED = {(USER, "emails"), (USER, "active")}  # a person has an e-mail, is active or not


def _trimmed(schema: dict) -> dict:
    kept = KEPT.get(schema["id"])
    if kept is None:
        return schema
    schema = copy.deepcopy(schema)
    attributes = []
    for attribute in schema["attributes"]:
        if attribute["name"] not in kept:
            continue
        subs = kept[attribute["name"]]
        if (schema["id"], attribute["name"]) in REQUIRED:
            attribute["required"] = True  # a person of the directory has an e-mail
            for sub in attribute.get("subAttributes", []):
                if sub["name"] == "value":
                    sub["required"] = True
        if subs and attribute.get("subAttributes"):
            attribute["subAttributes"] = [
                sub for sub in attribute["subAttributes"] if sub["name"] in subs
            ]
        attributes.append(attribute)
    schema["attributes"] = attributes
    return schema


SCHEMA_URI = "urn:ietf:params:scim:schemas:core:2.0:Schema"
SCHEMAS = [{"schemas": [SCHEMA_URI], **_trimmed(schema)} for schema in ALL if schema["id"] != GROUP]


def schemas_getter():
    return SCHEMAS
