"""generated/models (graphsync_models): the documented examples, durations, date-times, absent vs null."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "generated" / "models"))

import graphsync_models as m

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
EXAMPLES: dict[str, Any] = {name: ex["value"] for name, ex in SPEC["components"]["examples"].items()}

# Each documented example and the model of the body it documents.
DOCUMENTED = [
    ("createJobRequest", m.SynchronizationJobCreate),
    ("seedPageCreateRequest", m.SynchronizationJobCreate),
    ("createJobResponse", m.SynchronizationJob),
    ("activeJob", m.SynchronizationJob),
    ("listJobsResponse", m.SynchronizationJobCollectionResponse),
    ("restartRequest", m.RestartRequest),
    ("secretsRequest", m.SynchronizationSecretsRequest),
    ("secretsResponse", m.SynchronizationSecretCollectionResponse),
    ("listTemplatesResponse", m.SynchronizationTemplateCollectionResponse),
    ("validateCredentialsRequest", m.ValidateCredentialsRequest),
    ("jobSchemaResponse", m.SynchronizationSchema),
    ("schemaRequest", m.SynchronizationSchema),
    ("provisionOnDemandRequest", m.ProvisionOnDemandRequest),
    ("provisionOnDemandResponse", m.StringKeyStringValuePair),
    ("bulkUploadRequest", m.BulkUploadRequest),
    ("parseExpressionRequest", m.ParseExpressionRequest),
    ("parseExpressionResponse", m.ParseExpressionResponse),
    *[(name, m.ODataError) for name in EXAMPLES if name.startswith("error")],
]

VALID_DURATIONS = ["P10675199DT2H48M5.4775807S", "PT40M", "PT20M", "-PT15M", "P1D", "PT0.5S"]
INVALID_DURATIONS = ["P", "PT", "P1M", "P1Y", "40 minutes"]
DATE_TIMES = ["0001-01-01T00:00:00Z", "2020-06-26T13:58:24.7682084Z"]


def dump(model: pydantic.BaseModel) -> Any:
    return model.model_dump(mode="json", by_alias=True)


# Examples of bodies that are not JSON models: a `$count` answer is a plain-text integer.
PLAIN_TEXT = ["countResponse"]


def test_every_component_example_is_covered() -> None:
    assert {name for name, _ in DOCUMENTED} | set(PLAIN_TEXT) == set(EXAMPLES)


@pytest.mark.parametrize("name", PLAIN_TEXT)
def test_plain_text_examples_are_counts(name: str) -> None:
    value = EXAMPLES[name]
    assert type(value) is int and 0 <= value <= 2**31 - 1


@pytest.mark.parametrize(("name", "model"), DOCUMENTED, ids=[name for name, _ in DOCUMENTED])
def test_documented_example_round_trips_exactly(name: str, model: type[pydantic.BaseModel]) -> None:
    wire = json.dumps(EXAMPLES[name])
    parsed = model.model_validate_json(wire, strict=True)
    assert dump(parsed) == EXAMPLES[name]
    assert json.loads(parsed.model_dump_json(by_alias=True)) == EXAMPLES[name]


@pytest.mark.parametrize("value", VALID_DURATIONS)
def test_duration_round_trips_unchanged(value: str) -> None:
    schedule = m.SynchronizationSchedule.model_validate_json(json.dumps({"interval": value}), strict=True)
    assert schedule.interval == value
    assert schedule.model_dump_json(by_alias=True) == json.dumps({"interval": value}, separators=(",", ":"))


@pytest.mark.parametrize("value", INVALID_DURATIONS)
def test_invalid_duration_is_rejected_with_a_clear_error(value: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        m.SynchronizationSchedule.model_validate({"interval": value})
    [error] = caught.value.errors()
    assert error["loc"] == ("interval",)
    assert error["type"] == "string_pattern_mismatch"
    assert error["input"] == value


@pytest.mark.parametrize("value", DATE_TIMES)
def test_date_time_round_trips_byte_exact(value: str) -> None:
    body = json.dumps({"timeBegan": value, "timeEnded": value})
    execution = m.SynchronizationTaskExecution.model_validate_json(body, strict=True)
    assert execution.time_began == value
    assert execution.model_dump_json(by_alias=True) == body.replace(", ", ",").replace(": ", ":")
    status = m.SynchronizationStatus.model_validate({"steadyStateFirstAchievedTime": value})
    assert dump(status) == {"steadyStateFirstAchievedTime": value}


@pytest.mark.parametrize("value", ["2020-06-26", "2020-06-26T13:58:24", "10000-01-01T00:00:00Z", "0"])
def test_malformed_date_time_is_rejected(value: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationTaskExecution.model_validate({"timeBegan": value})


def test_absent_stays_distinct_from_null() -> None:
    schedule = m.SynchronizationSchedule.model_validate({"expiration": None})
    assert dump(schedule) == {"expiration": None}
    assert schedule.interval is pydantic.MISSING
    assert dump(m.SynchronizationSchedule()) == {}
    created = m.SynchronizationJobCreate(template_id="BoxOutDelta")
    assert dump(created) == {"templateId": "BoxOutDelta"}
    assert created.model_dump_json(by_alias=True) == '{"templateId":"BoxOutDelta"}'


def test_null_is_rejected_where_the_spec_does_not_allow_it() -> None:
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationSchedule.model_validate({"interval": None})
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationJobCreate.model_validate({"templateId": None})


def test_properties_graph_adds_later_are_refused_by_default_and_ignored_on_request() -> None:
    """Strict by default (the contract checks rely on it); `extra='ignore'` reads a newer Graph's answers."""
    job = json.loads(json.dumps(EXAMPLES["activeJob"]))
    job["aPropertyGraphAddsLater"] = 1
    job["schedule"]["anotherOne"] = "x"
    text = json.dumps(job)
    with pytest.raises(pydantic.ValidationError) as caught:
        m.SynchronizationJob.model_validate_json(text, strict=True)
    assert {e["type"] for e in caught.value.errors()} == {"extra_forbidden"}
    tolerant = m.SynchronizationJob.model_validate_json(text, strict=True, extra="ignore")
    assert json.loads(tolerant.model_dump_json(by_alias=True)) == EXAMPLES["activeJob"]


def test_create_request_rejects_read_only_and_unknown_properties() -> None:
    for extra in ({"id": "x"}, {"@odata.context": "x"}, {"templateid": "x"}):
        with pytest.raises(pydantic.ValidationError) as caught:
            m.SynchronizationJobCreate.model_validate({"templateId": "BoxOutDelta", **extra})
        assert caught.value.errors()[0]["type"] == "extra_forbidden"
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationJobCreate.model_validate({})
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationJobCreate.model_validate({"templateId": ""})


def test_response_model_keeps_read_only_properties() -> None:
    job = m.SynchronizationJob.model_validate(EXAMPLES["createJobResponse"])
    assert job.id == EXAMPLES["createJobResponse"]["id"]
    assert "id" not in m.SynchronizationJobCreate.model_fields


def test_int64_range_is_enforced() -> None:
    top, bottom = 2**63 - 1, -(2**63)
    status = m.SynchronizationStatus.model_validate({"countSuccessiveCompleteFailures": top})
    assert dump(status) == {"countSuccessiveCompleteFailures": top}
    assert m.SynchronizationStatus.model_validate({"countSuccessiveCompleteFailures": bottom})
    for outside in (top + 1, bottom - 1):
        with pytest.raises(pydantic.ValidationError):
            m.SynchronizationStatus.model_validate({"countSuccessiveCompleteFailures": outside})
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationStatus.model_validate_json('{"countSuccessiveCompleteFailures": 1.5}', strict=True)


@pytest.mark.parametrize(
    "value",
    ["Watermark, Escrows, QuarantineState", "Full", "", "ForceDeletes,Escrows", " Full ", "Full , Escrows"],
)
def test_restart_scope_flags_round_trip(value: str) -> None:
    body = {"criteria": {"resetScope": value}}
    assert dump(m.RestartRequest.model_validate(body)) == body


@pytest.mark.parametrize(
    "value", ["Watermark,,Escrows", "watermark", "Watermark | Escrows", "\tFull", "Full Escrows"]
)
def test_restart_scope_rejects_other_spellings(value: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        m.RestartRequest.model_validate({"criteria": {"resetScope": value}})


def test_enums_and_constants_are_checked() -> None:
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationSchedule.model_validate({"state": "Running"})
    with pytest.raises(pydantic.ValidationError):
        m.SynchronizationSchedule.model_validate({"@odata.type": "#microsoft.graph.synchronizationJob"})
    ok = {"@odata.type": "#microsoft.graph.synchronizationSchedule", "state": "Paused"}
    assert dump(m.SynchronizationSchedule.model_validate(ok)) == ok
