"""Synchronization templates: what an owner offers, from the seed's catalog (D30)."""

from __future__ import annotations

import pytest
from support import JOBS, seeds
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.seeds import app_with_templates
from support.tokens import Tokens

from graphsync.demo import BOX_APP, BOX_APP_ID, BOX_SP, FABRIKAM_BOX_SP
from graphsync.settings import Settings

TEMPLATES = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/templates"
APP_TEMPLATES = f"/v1.0/applications/{BOX_APP}/synchronization/templates"
SALESFORCE_FIELDS = (
    '[{"name":"username"},{"name":"password","secret":true},{"name":"secrettoken","secret":true}]'
)


def test_a_service_principal_lists_its_templates_with_their_settings(api: InProcess) -> None:
    response = api.get(TEMPLATES)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json;odata.metadata=minimal")
    body = response.json()
    assert body["@odata.context"] == (
        f"http://graph.test/v1.0/$metadata#servicePrincipals('{BOX_SP}')/synchronization/templates"
    )
    assert body["value"] == [
        {
            "id": "BoxOutDelta",
            "applicationId": BOX_APP_ID,
            "default": True,
            "description": "Box provisioning (the job defaults of Graph's create page)",
            "discoverable": True,
            "factoryTag": None,
            "metadata": [],
        },
        {
            "id": "SfSandboxOutDelta",
            "applicationId": BOX_APP_ID,
            "default": True,
            "description": None,
            "discoverable": True,
            "factoryTag": "SfSandboxOutDelta",
            "metadata": [{"key": "configurationFields", "value": SALESFORCE_FIELDS}],
        },
    ]
    count = api.get(f"{TEMPLATES}/$count")
    assert (count.status_code, count.text, count.headers["content-type"]) == (200, "2", "text/plain")


def test_one_template_by_id_with_its_entity_context(api: InProcess) -> None:
    response = api.get(f"{TEMPLATES}/SfSandboxOutDelta")
    assert response.status_code == 200
    body = response.json()
    assert body["@odata.context"].endswith(
        f"$metadata#servicePrincipals('{BOX_SP}')/synchronization/templates/$entity"
    )
    assert body["id"] == "SfSandboxOutDelta" and body["factoryTag"] == "SfSandboxOutDelta"


@pytest.mark.parametrize("template_id", ["scim", "boxoutdelta", "Nope", "BoxOutDelta.x"])
def test_a_template_the_owner_does_not_offer_is_404(api: InProcess, template_id: str) -> None:
    error = assert_graph_error(api.get(f"{TEMPLATES}/{template_id}"), 404, "Request_ResourceNotFound")
    assert template_id in error["message"]


def test_every_listed_template_creates_a_job(api: InProcess) -> None:
    for template in api.get(TEMPLATES).json()["value"]:
        job = api.create(JOBS, template["id"])
        assert job["templateId"] == template["id"]


def test_an_application_lists_its_own_templates(api: InProcess) -> None:
    assert [t["id"] for t in api.get(APP_TEMPLATES).json()["value"]] == ["BoxOutDelta"]


def test_another_tenants_owner_is_404(api: InProcess) -> None:
    response = api.get(f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/templates")
    assert_graph_error(response, 404, "Request_ResourceNotFound")


def test_the_seed_decides_application_id_default_and_discoverable(settings: Settings, tokens: Tokens) -> None:
    gallery_app = "21ed01d2-ec13-4e9e-86c1-cd546719ebc4"
    client = app_with_templates(
        settings,
        tokens,
        [
            {"id": "visible", "applicationId": gallery_app, "default": False},
            {"id": "hidden", "discoverable": False},
        ],
    )
    try:
        token = client.tokens.header(tenant=seeds.TENANT)
        base = f"/v1.0/servicePrincipals/{seeds.SERVICE_PRINCIPAL}/synchronization/templates"
        listed = client.get(base, headers=token).json()["value"]
        assert [(t["id"], t["applicationId"], t["default"]) for t in listed] == [
            ("visible", gallery_app, False)
        ]
        assert client.get(f"{base}/$count", headers=token).text == "1"
        hidden = client.get(f"{base}/hidden", headers=token).json()
        assert (hidden["discoverable"], hidden["applicationId"]) == (False, seeds.SERVICE_PRINCIPAL)
        on_app = client.get(
            f"/v1.0/applications/{seeds.APPLICATION}/synchronization/templates", headers=token
        ).json()
        assert [t["id"] for t in on_app["value"]] == ["visible", "hidden"]
    finally:
        client.close()


def test_reading_templates_needs_a_read_permission(api: InProcess) -> None:
    assert api.get(TEMPLATES, headers=api.tokens.header(roles=["Application.Read.All"])).status_code == 200
    no_permission = api.get(TEMPLATES, headers=api.tokens.header(roles=["User.Read.All"]))
    assert_graph_error(no_permission, 401, "UnknownError")
