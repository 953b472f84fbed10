from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attribute_flow_behavior import AttributeFlowBehavior
from ..models.attribute_flow_type import AttributeFlowType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_mapping_source import AttributeMappingSource


T = TypeVar("T", bound="AttributeMapping")


@_attrs_define
class AttributeMapping:
    """How one target attribute gets its value.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeMapping'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        default_value (None | str | Unset): Value used when the source gives none.
        export_missing_references (bool | Unset): For internal use.
        flow_behavior (AttributeFlowBehavior | Unset): When an attribute's value flows.
        flow_type (AttributeFlowType | Unset): Which operations an attribute mapping applies to.
        matching_priority (int | Unset): 0: not a matching attribute; otherwise its rank when matching objects.
        source (AttributeMappingSource | None | Unset): Where the value comes from.
        target_attribute_name (None | str | Unset): Name of the target attribute.
    """

    odata_type: Literal["#microsoft.graph.attributeMapping"] | Unset = UNSET
    default_value: None | str | Unset = UNSET
    export_missing_references: bool | Unset = UNSET
    flow_behavior: AttributeFlowBehavior | Unset = UNSET
    flow_type: AttributeFlowType | Unset = UNSET
    matching_priority: int | Unset = UNSET
    source: AttributeMappingSource | None | Unset = UNSET
    target_attribute_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415

        odata_type = self.odata_type

        default_value: None | str | Unset
        if isinstance(self.default_value, Unset):
            default_value = UNSET
        else:
            default_value = self.default_value

        export_missing_references = self.export_missing_references

        flow_behavior: str | Unset = UNSET
        if not isinstance(self.flow_behavior, Unset):
            flow_behavior = self.flow_behavior.value

        flow_type: str | Unset = UNSET
        if not isinstance(self.flow_type, Unset):
            flow_type = self.flow_type.value

        matching_priority = self.matching_priority

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, AttributeMappingSource):
            source = self.source.to_dict()
        else:
            source = self.source

        target_attribute_name: None | str | Unset
        if isinstance(self.target_attribute_name, Unset):
            target_attribute_name = UNSET
        else:
            target_attribute_name = self.target_attribute_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if default_value is not UNSET:
            field_dict["defaultValue"] = default_value
        if export_missing_references is not UNSET:
            field_dict["exportMissingReferences"] = export_missing_references
        if flow_behavior is not UNSET:
            field_dict["flowBehavior"] = flow_behavior
        if flow_type is not UNSET:
            field_dict["flowType"] = flow_type
        if matching_priority is not UNSET:
            field_dict["matchingPriority"] = matching_priority
        if source is not UNSET:
            field_dict["source"] = source
        if target_attribute_name is not UNSET:
            field_dict["targetAttributeName"] = target_attribute_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.attributeMapping"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.attributeMapping" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.attributeMapping', got '{odata_type}'")

        def _parse_default_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_value = _parse_default_value(d.pop("defaultValue", UNSET))

        export_missing_references = d.pop("exportMissingReferences", UNSET)

        _flow_behavior = d.pop("flowBehavior", UNSET)
        flow_behavior: AttributeFlowBehavior | Unset
        if isinstance(_flow_behavior, Unset):
            flow_behavior = UNSET
        else:
            flow_behavior = AttributeFlowBehavior(_flow_behavior)

        _flow_type = d.pop("flowType", UNSET)
        flow_type: AttributeFlowType | Unset
        if isinstance(_flow_type, Unset):
            flow_type = UNSET
        else:
            flow_type = AttributeFlowType(_flow_type)

        matching_priority = d.pop("matchingPriority", UNSET)

        def _parse_source(data: object) -> AttributeMappingSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = AttributeMappingSource.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeMappingSource | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_target_attribute_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_attribute_name = _parse_target_attribute_name(d.pop("targetAttributeName", UNSET))

        attribute_mapping = cls(
            odata_type=odata_type,
            default_value=default_value,
            export_missing_references=export_missing_references,
            flow_behavior=flow_behavior,
            flow_type=flow_type,
            matching_priority=matching_priority,
            source=source,
            target_attribute_name=target_attribute_name,
        )

        return attribute_mapping
