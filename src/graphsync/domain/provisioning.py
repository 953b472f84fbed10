"""provisionOnDemand: what provisioning one subject through a rule reports, step by step (D34).

The answer is Graph's `stringKeyStringValuePair` whose key names the .NET type of the report and
whose value is a JSON array, one entry per subject: the steps (import from the source, matching in
the target, scoping, export) and the outcome. A subject provisioned before by the same job is
skipped as `RedundantExport`, as Graph reports an entry whose source and target already match.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

STATUS_INFO_KEY = "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo"
MAX_SUBJECTS = 50  # per request, with group members (the emulator's bound; the portal sends one)


@dataclasses.dataclass(frozen=True)
class Subject:
    """A directory object found for a request's subject: its id, kind and attributes (as text)."""

    object_id: str
    kind: str  # the source object's name in the rule: User or Group
    name: str  # what Graph reports it by: the userPrincipalName, or a group's displayName
    attributes: Mapping[str, str]
    members: tuple[str, ...] = ()


def report(
    subjects: Sequence[Subject],
    rule: Mapping[str, Any],
    *,
    provisioned: set[str],
    now: datetime,
    new_id: Callable[[], str],
) -> list[dict[str, Any]]:
    """One entry per subject; `provisioned` holds the ids this job provisioned before, and gains each
    subject reported (so a subject named twice is skipped the second time)."""
    source = str(rule.get("sourceDirectoryName") or "")
    target = str(rule.get("targetDirectoryName") or "")
    entries = []
    for index, subject in enumerate(subjects):
        began = now + timedelta(milliseconds=40 * index)
        mapping = object_mapping(rule, subject.kind) or {}
        target_object = str(mapping.get("targetObjectName") or subject.kind)
        steps = [
            _step(
                "EntryImport",
                "Import",
                "Success",
                began,
                1,
                f"Retrieved {subject.kind} '{subject.name}' from {source}",
                dict(subject.attributes),
            ),
            _step(
                "EntryImport",
                "Matching",
                "Success",
                began,
                2,
                f"Retrieved '{subject.name}' from {target}"
                if subject.object_id in provisioned
                else f"No matching {subject.kind} was found in {target}",
                {},
            ),
            _step(
                "EntrySynchronizationScoping",
                "Scoping",
                "Success",
                began,
                3,
                f"Determine if {subject.kind} in scope by evaluating against each scoping filter",
                {
                    "Active in the source system": subject.attributes.get("accountEnabled", "True"),
                    "Scoping filter evaluation passed": "True",
                },
            ),
        ]
        if subject.object_id in provisioned:
            action, status, error = "Other", "Skipped", "RedundantExport"
            steps.append(
                _step(
                    "EntrySynchronizationSkip",
                    "Export",
                    "Skipped",
                    began,
                    4,
                    f"The state of the entry in both the source and target systems already match. "
                    f"No change to the {subject.kind} '{subject.name}' currently needs to be made.",
                    {"SkipReason": "RedundantExport"},
                )
            )
            modified: list[dict[str, Any]] = []
        else:
            action, status, error = "Create", "Success", None
            values = mapped_values(mapping, subject)
            steps.append(
                _step(
                    "EntryExportAdd",
                    "Export",
                    "Success",
                    began,
                    4,
                    f"{subject.kind} '{subject.name}' was created in {target}",
                    values,
                )
            )
            modified = [{"displayName": k, "oldValue": None, "newValue": v} for k, v in values.items()]
        entries.append(
            {
                "action": action,
                "changeId": new_id(),
                "endTime": _timestamp(began, 4),
                "modifiedProperties": modified,
                "provisioningSteps": steps,
                "reportableIdentifier": subject.name,
                "startTime": _timestamp(began, 0),
                "statusInfo": {
                    "status": status,
                    "errorCode": error,
                    "reason": None,
                    "additionalDetails": None,
                    "errorCategory": None,
                    "recommendedAction": None,
                },
                "sourceIdentity": {
                    "id": subject.object_id,
                    "type": subject.kind,
                    "displayName": None,
                    "details": None,
                },
                "sourceSystem": {"id": None, "name": source, "details": None},
                "targetIdentity": {"id": None, "type": target_object, "displayName": None, "details": None},
                "targetSystem": {"id": None, "name": target, "details": None},
            }
        )
        provisioned.add(subject.object_id)
    return entries


def answer(entries: list[dict[str, Any]]) -> dict[str, str]:
    """The action's body, without its `@odata.context`."""
    return {"key": STATUS_INFO_KEY, "value": json.dumps(entries, ensure_ascii=False, separators=(",", ":"))}


def object_mapping(rule: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    """The rule's enabled object mapping from source objects of this kind (names compare in any case)."""
    for mapping in rule.get("objectMappings") or ():
        if (
            isinstance(mapping, dict)
            and mapping.get("enabled", True) is not False
            and str(mapping.get("sourceObjectName") or "").lower() == kind.lower()
        ):
            return mapping
    return None


def mapped_values(mapping: Mapping[str, Any], subject: Subject) -> dict[str, str]:
    """The target attributes the mapping's attribute sources give this subject (direct attributes only)."""
    values: dict[str, str] = {}
    for attribute in mapping.get("attributeMappings") or ():
        source = attribute.get("source") if isinstance(attribute, dict) else None
        target = attribute.get("targetAttributeName") if isinstance(attribute, dict) else None
        if not isinstance(source, dict) or not isinstance(target, str):
            continue
        if source.get("type") == "Attribute" and str(source.get("name")) in subject.attributes:
            values[target] = subject.attributes[str(source.get("name"))]
        elif source.get("type") == "Constant" and source.get("name") is not None:
            values[target] = str(source.get("name"))
    return values


def _step(
    name: str, kind: str, status: str, began: datetime, tick: int, description: str, details: dict[str, str]
) -> dict[str, Any]:
    return {
        "name": name,
        "type": kind,
        "status": status,
        "description": description,
        "timestamp": _timestamp(began, tick),
        "details": details,
    }


def _timestamp(began: datetime, tick: int) -> str:
    """Graph's seven-digit UTC timestamps, a few milliseconds apart per step."""
    moment = (began + timedelta(milliseconds=7 * tick)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"
