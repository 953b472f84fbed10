from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.directory_definition import DirectoryDefinition
    from ..models.synchronization_rule import SynchronizationRule


T = TypeVar("T", bound="SynchronizationSchema")


@_attrs_define
class SynchronizationSchema:
    """The directories a job (or template) connects and the rules it provisions by.

    Attributes:
        odata_context (str | Unset): OData context URL (on a schema fetched on its own).
        odata_type (Literal['#microsoft.graph.synchronizationSchema'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        id (str | Unset): Identifier.
        directories (list[DirectoryDefinition] | Unset): The directories, their objects and attributes (a contained
            navigation property Graph answers inline).
        synchronization_rules (list[SynchronizationRule] | Unset): The rules; their `id` is the `ruleId`
            provisionOnDemand takes.
        version (None | str | Unset): The schema's version.
    """

    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.synchronizationSchema"] | Unset = UNSET
    id: str | Unset = UNSET
    directories: list[DirectoryDefinition] | Unset = UNSET
    synchronization_rules: list[SynchronizationRule] | Unset = UNSET
    version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_context = self.odata_context

        odata_type = self.odata_type

        id = self.id

        directories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.directories, Unset):
            directories = []
            for directories_item_data in self.directories:
                directories_item = directories_item_data.to_dict()
                directories.append(directories_item)

        synchronization_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synchronization_rules, Unset):
            synchronization_rules = []
            for synchronization_rules_item_data in self.synchronization_rules:
                synchronization_rules_item = synchronization_rules_item_data.to_dict()
                synchronization_rules.append(synchronization_rules_item)

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if id is not UNSET:
            field_dict["id"] = id
        if directories is not UNSET:
            field_dict["directories"] = directories
        if synchronization_rules is not UNSET:
            field_dict["synchronizationRules"] = synchronization_rules
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.directory_definition import DirectoryDefinition  # noqa: PLC0415
        from ..models.synchronization_rule import SynchronizationRule  # noqa: PLC0415

        d = dict(src_dict)
        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.synchronizationSchema"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationSchema" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationSchema', got '{odata_type}'"
            )

        id = d.pop("id", UNSET)

        _directories = d.pop("directories", UNSET)
        directories: list[DirectoryDefinition] | Unset = UNSET
        if _directories is not UNSET:
            directories = []
            for directories_item_data in _directories:
                directories_item = DirectoryDefinition.from_dict(directories_item_data)

                directories.append(directories_item)

        _synchronization_rules = d.pop("synchronizationRules", UNSET)
        synchronization_rules: list[SynchronizationRule] | Unset = UNSET
        if _synchronization_rules is not UNSET:
            synchronization_rules = []
            for synchronization_rules_item_data in _synchronization_rules:
                synchronization_rules_item = SynchronizationRule.from_dict(synchronization_rules_item_data)

                synchronization_rules.append(synchronization_rules_item)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        synchronization_schema = cls(
            odata_context=odata_context,
            odata_type=odata_type,
            id=id,
            directories=directories,
            synchronization_rules=synchronization_rules,
            version=version,
        )

        return synchronization_schema
