from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_job_subject import SynchronizationJobSubject


T = TypeVar("T", bound="SynchronizationJobApplicationParameters")


@_attrs_define
class SynchronizationJobApplicationParameters:
    """A rule and the subjects to provision through it.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationJobApplicationParameters'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        rule_id (None | str | Unset): Id of a rule of the job's schema (`GET .../jobs/{id}/schema`).
        subjects (list[SynchronizationJobSubject] | Unset): The users or groups to provision.
    """

    odata_type: Literal["#microsoft.graph.synchronizationJobApplicationParameters"] | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    subjects: list[SynchronizationJobSubject] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        subjects: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.subjects, Unset):
            subjects = []
            for subjects_item_data in self.subjects:
                subjects_item = subjects_item_data.to_dict()
                subjects.append(subjects_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if rule_id is not UNSET:
            field_dict["ruleId"] = rule_id
        if subjects is not UNSET:
            field_dict["subjects"] = subjects

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_job_subject import SynchronizationJobSubject  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.synchronizationJobApplicationParameters"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.synchronizationJobApplicationParameters" and not isinstance(
            odata_type, Unset
        ):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationJobApplicationParameters', got '{odata_type}'"
            )

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("ruleId", UNSET))

        _subjects = d.pop("subjects", UNSET)
        subjects: list[SynchronizationJobSubject] | Unset = UNSET
        if _subjects is not UNSET:
            subjects = []
            for subjects_item_data in _subjects:
                subjects_item = SynchronizationJobSubject.from_dict(subjects_item_data)

                subjects.append(subjects_item)

        synchronization_job_application_parameters = cls(
            odata_type=odata_type,
            rule_id=rule_id,
            subjects=subjects,
        )

        return synchronization_job_application_parameters
