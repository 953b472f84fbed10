"""The demo tenant: every id of the built-in seed, named once.

The seed the emulator serves by default (`SEED`, in the format of docs/seed-format.md), the banner of
`graphsync demo`, the defaults of `graphsync token`, the fuzz runner, the benchmark and the tests all
read these names. `graphsync demo --print-seed` writes `SEED` as YAML, a starting point for a seed of
your own.

Two tenants. In Contoso, the calling app (`AUTOMATION_APP`, the default app of `graphsync token`)
has a service principal that owns Box and a few other gallery apps, but not Salesforce Sandbox: with
Application.ReadWrite.OwnedBy it may manage the first and not the second. Fabrikam holds the same
multi-tenant automation app and a Box of its own.
"""

from __future__ import annotations

from typing import Any

CONTOSO = "8442fd39-2183-419c-8732-74b6ce866bd5"  # the tenant of openapi.yaml's examples
FABRIKAM = "0b3c6a8e-64c4-4f0e-9d4f-6a4cf1a1f4aa"

AUTOMATION_APP = "5c12dc7f-4013-4cd9-81c7-d199d7301263"  # appId of the calling app, in both tenants
AUTOMATION_SP = "a0530b89-3683-47a5-9e35-5151641c7163"  # its service principal in Contoso
BOX_SP = "60443998-8cf7-4e61-b05c-a53b658cb5e1"  # owned by AUTOMATION_SP; the examples' service principal
BOX_APP = "2d99cbd6-c369-41ba-b2c7-58a1325248a5"  # the application object of Box
BOX_APP_ID = "3e9bca56-02f8-49be-bf53-81b8fa113417"
SALESFORCE_SP = "c62c1093-aae4-45b5-8fbb-d01761c82c0f"  # not owned by the automation app
SALESFORCE_APP_ID = (
    "eb5b1974-ec10-4db3-ab96-76725ab483b0"  # "a stranger": it has a service principal, owns nothing
)
IDENTITY_ADMIN = "3128aaac-144a-4e25-8c6c-1869dc28ea49"  # a user who owns several objects
FABRIKAM_AUTOMATION_SP = "02577581-a1c7-45bf-9afc-210807ab7a4a"
FABRIKAM_BOX_SP = "59074f46-50a8-4728-9aaa-5869a183e3ad"
FABRIKAM_BOX_APP = "100d6df7-5aed-40f9-ba9a-d25b1b5025eb"

BOX_TEMPLATES = ("BoxOutDelta", "SfSandboxOutDelta")  # the templates of BOX_SP
READ_WRITE = "Synchronization.ReadWrite.All"  # the default permission of `graphsync token`
UPLOAD = "SynchronizationData-User.Upload"  # bulkUpload's own permission (the demo token has both)


def _object(
    object_id: str, app_id: str, name: str, owners: list[str], templates: list[str] | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": object_id, "appId": app_id, "displayName": name, "owners": owners}
    if templates is not None:
        entry["synchronizationTemplates"] = templates
    return entry


# What new jobs of the gallery templates start with, as Graph was seen to create them (the
# cross-tenant synchronization guide's capture): a 40-minute interval, Paused, one setting.
# BoxOutDelta keeps the defaults of the create page, which openapi.yaml's examples show.
# `configurationFields` as Graph's template listings show them (Salesforce; AWS and the SCIM apps):
# the secret ones are answered masked by GET .../secrets.
_SALESFORCE_FIELDS = (
    '[{"name":"username"},{"name":"password","secret":true},{"name":"secrettoken","secret":true}]'
)
_SCIM_FIELDS = '[{"name":"baseaddress"},{"name":"secrettoken","secret":true}]'


# The schema a template's jobs start with: Entra ID users and groups to the app, one rule. The rule id
# is the one Graph's gallery SCIM templates share (Terraform's provision-on-demand test relies on it).
OUTBOUND_RULE = "03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8"
ENTRA = "Azure Active Directory"
_USER_ATTRIBUTES = (
    "objectId",
    "userPrincipalName",
    "displayName",
    "mailNickname",
    "accountEnabled",
    "givenName",
    "surname",
    "mail",
    "jobTitle",
    "department",
)
_USER_MAPPINGS = (
    ("userPrincipalName", "userName"),
    ("accountEnabled", "active"),
    ("displayName", "displayName"),
    ("givenName", "name.givenName"),
    ("surname", "name.familyName"),
    ("mail", 'emails[type eq "work"].value'),
    ("objectId", "externalId"),
)


# the target's attributes the user mappings write (`name.givenName` and `name.familyName` are `name`)
_TARGET_USER_ATTRIBUTES = tuple(dict.fromkeys(t.split(".")[0].split("[")[0] for _, t in _USER_MAPPINGS))


def _attribute(name: str) -> dict[str, Any]:
    kind = {"accountEnabled": "Boolean", "active": "Boolean", "members": "Reference"}.get(name, "String")
    return {
        "name": name,
        "type": kind,
        "anchor": name == "objectId",
        "caseExact": False,
        "flowNullValues": False,
        "multivalued": name == "members",
        "mutability": "ReadWrite",
        "required": name == "userPrincipalName",
    }


def _mapping(source: str, target: str, matching: int = 0) -> dict[str, Any]:
    return {
        "source": {"expression": f"[{source}]", "name": source, "type": "Attribute", "parameters": []},
        "targetAttributeName": target,
        "defaultValue": None,
        "exportMissingReferences": False,
        "flowBehavior": "FlowWhenChanged",
        "flowType": "Always",
        "matchingPriority": matching,
    }


def _outbound_schema(target: str, user: str, group: str) -> dict[str, Any]:
    """Users and groups of Entra ID provisioned to `target` (whose objects are named `user`, `group`)."""
    return {
        "version": "1.0",
        "directories": [
            {
                "name": ENTRA,
                "objects": [
                    {"name": "User", "attributes": [_attribute(a) for a in _USER_ATTRIBUTES]},
                    {
                        "name": "Group",
                        "attributes": [_attribute(a) for a in ("objectId", "displayName", "members")],
                    },
                ],
            },
            {
                "name": target,
                "objects": [
                    {
                        "name": user,
                        "attributes": [_attribute(name) for name in _TARGET_USER_ATTRIBUTES],
                    },
                    {
                        "name": group,
                        "attributes": [_attribute(a) for a in ("displayName", "externalId", "members")],
                    },
                ],
            },
        ],
        "synchronizationRules": [
            {
                "id": OUTBOUND_RULE,
                "name": "USERGROUP_OUTBOUND_USERGROUP",
                "editable": True,
                "priority": 1,
                "sourceDirectoryName": ENTRA,
                "targetDirectoryName": target,
                "metadata": [{"key": "supportsProvisionOnDemand", "value": "true"}],
                "objectMappings": [
                    {
                        "name": f"Provision {ENTRA} Users",
                        "enabled": True,
                        "flowTypes": "Add, Update, Delete",
                        "sourceObjectName": "User",
                        "targetObjectName": user,
                        "scope": None,
                        "attributeMappings": [
                            _mapping(s, t, 1 if s == "userPrincipalName" else 0) for s, t in _USER_MAPPINGS
                        ],
                    },
                    {
                        "name": f"Provision {ENTRA} Groups",
                        "enabled": True,
                        "flowTypes": "Add, Update, Delete",
                        "sourceObjectName": "Group",
                        "targetObjectName": group,
                        "scope": None,
                        "attributeMappings": [
                            _mapping("displayName", "displayName", 1),
                            _mapping("objectId", "externalId"),
                            _mapping("members", "members"),
                        ],
                    },
                ],
            }
        ],
    }


_SCIM_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
_SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def _gallery_template(template_id: str, configuration_fields: str = _SCIM_FIELDS) -> dict[str, Any]:
    return {
        "id": template_id,
        "factoryTag": template_id,
        "metadata": [{"key": "configurationFields", "value": configuration_fields}],
        "schema": _outbound_schema("customappsso", _SCIM_USER, _SCIM_GROUP)
        if configuration_fields == _SCIM_FIELDS
        else _outbound_schema("Salesforce", "User", "Group"),
        "jobDefaults": {
            "interval": "PT40M",
            "state": "Disabled",
            "statusCode": "Paused",
            "settings": [{"name": "AzureIngestionAttributeOptimization", "value": "False"}],
        },
    }


# Directory users and groups: the subjects provisionOnDemand and the provisioning cycles find.
USERS = {  # object id -> (userPrincipalName, displayName)
    "9bb0f679-a883-4a6f-8260-35b491b8b8c8": ("AdeleV@contoso.com", "Adele Vance"),
    "52cf7b7a-52be-4a9b-9c69-e4d4a4a14f76": ("BillB@contoso.com", "Bill Bob"),
    "cbc86211-6ada-4803-b73f-8039cf56d8a2": ("DiegoS@contoso.com", "Diego Siciliani"),
    "2bc86211-6ada-4803-b73f-8039cf56d8a2": ("MeganB@contoso.com", "Megan Bowen"),
    "e5b4c6a1-7f0d-4d7e-9a53-2f1e8c6b4a90": ("LeeG@contoso.com", "Lee Gu"),
}
DISABLED_USER = "e5b4c6a1-7f0d-4d7e-9a53-2f1e8c6b4a90"  # accountEnabled: false
SALES_GROUP = "8213fd99-d6b6-417b-8e13-af6334856215"  # Diego and Megan
FABRIKAM_USER = "6f1f2b3c-0d4e-4b5a-8c7d-9e0f1a2b3c4d"


def _users() -> list[dict[str, Any]]:
    return [
        {"id": object_id, "userPrincipalName": upn, "displayName": name}
        | ({"accountEnabled": False} if object_id == DISABLED_USER else {})
        for object_id, (upn, name) in USERS.items()
    ]


GALLERY_TEMPLATES = ("SfSandboxOutDelta", "gitHubEnterpriseCloud", "dataBricks", "aws", "scim")

SEED: dict[str, Any] = {
    "version": 1,
    "templates": [
        {
            "id": "BoxOutDelta",
            "description": "Box provisioning (the job defaults of Graph's create page)",
            "schema": _outbound_schema("Box", "User", "Group"),
        },
        _gallery_template("SfSandboxOutDelta", _SALESFORCE_FIELDS),
        *(_gallery_template(template_id) for template_id in GALLERY_TEMPLATES[1:]),
    ],
    "tenants": [
        {
            "id": CONTOSO,
            "displayName": "Contoso",
            "servicePrincipals": [
                _object(AUTOMATION_SP, AUTOMATION_APP, "Contoso Provisioning Automation", [IDENTITY_ADMIN]),
                _object(BOX_SP, BOX_APP_ID, "Box", [AUTOMATION_SP, IDENTITY_ADMIN], list(BOX_TEMPLATES)),
                _object(
                    SALESFORCE_SP,
                    SALESFORCE_APP_ID,
                    "Salesforce Sandbox",
                    [IDENTITY_ADMIN],
                    ["SfSandboxOutDelta"],
                ),
                _object(
                    "1871afb0-f64c-493e-a677-47a948e9e18c",
                    "fff1db85-8169-4b98-b9e5-df94ab84a7ba",
                    "GitHub Enterprise Managed User",
                    [AUTOMATION_SP],
                    ["gitHubEnterpriseCloud"],
                ),
                _object(
                    "31364e12-2eaf-4104-b27d-b2cb8d92d7c2",
                    "ba8eb8dc-79c6-40a6-9539-a4112fe0e00c",
                    "Azure Databricks SCIM Provisioning Connector",
                    [AUTOMATION_SP],
                    ["dataBricks"],
                ),
                _object(
                    "41af866a-3f05-47bc-a015-14533e9f19e2",
                    "feffd088-575e-4343-b058-85482d829b02",
                    "AWS IAM Identity Center",
                    [],
                    ["aws"],
                ),
                _object(
                    "83e2fa1d-5412-4922-94dc-476774c54359",
                    "30963794-a6ea-412c-81f4-c48582748677",
                    "Contoso HR Portal (SCIM)",
                    [AUTOMATION_SP],
                    ["scim"],
                ),
            ],
            "users": _users(),
            "groups": [
                {
                    "id": SALES_GROUP,
                    "displayName": "Sales",
                    "members": [
                        "cbc86211-6ada-4803-b73f-8039cf56d8a2",
                        "2bc86211-6ada-4803-b73f-8039cf56d8a2",
                    ],
                },
                {
                    "id": "3a7e7c52-55b1-4d0b-8d3e-6a1b2c3d4e5f",
                    "displayName": "Everyone",
                    "members": list(USERS),
                },
            ],
            "applications": [
                _object(BOX_APP, BOX_APP_ID, "Box", [AUTOMATION_SP], ["BoxOutDelta"]),
                _object(
                    "8ae36cd8-a70e-4675-b5ef-bf4423f2b617",
                    "30963794-a6ea-412c-81f4-c48582748677",
                    "Contoso HR Portal (SCIM)",
                    [IDENTITY_ADMIN],
                    ["scim"],
                ),
            ],
        },
        {
            "id": FABRIKAM,
            "displayName": "Fabrikam",
            "users": [
                {"id": FABRIKAM_USER, "userPrincipalName": "AlexW@fabrikam.com", "displayName": "Alex Wilber"}
            ],
            "servicePrincipals": [
                _object(FABRIKAM_AUTOMATION_SP, AUTOMATION_APP, "Contoso Provisioning Automation", []),
                _object(
                    FABRIKAM_BOX_SP,
                    "f2bb52c1-67b4-4625-a560-eb5ad5eda2d0",
                    "Box",
                    [FABRIKAM_AUTOMATION_SP],
                    ["BoxOutDelta"],
                ),
                _object(
                    "092eaf79-7e44-442e-acc6-b407816c804c",
                    "754e5ce4-3f9a-43b6-b43f-82060cefc58c",
                    "Azure Databricks SCIM Provisioning Connector",
                    ["a67c87cf-63b0-4e4e-ada9-c9f2a6a62c88"],
                    ["dataBricks"],
                ),
            ],
            "applications": [
                _object(
                    FABRIKAM_BOX_APP,
                    "f2bb52c1-67b4-4625-a560-eb5ad5eda2d0",
                    "Box",
                    [FABRIKAM_AUTOMATION_SP],
                    ["BoxOutDelta"],
                ),
            ],
        },
    ],
}
