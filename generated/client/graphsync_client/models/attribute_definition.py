from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attribute_type import AttributeType
from ..models.mutability import Mutability
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_definition_metadata_entry import AttributeDefinitionMetadataEntry
    from ..models.referenced_object import ReferencedObject
    from ..models.string_key_string_value_pair import StringKeyStringValuePair


T = TypeVar("T", bound="AttributeDefinition")


@_attrs_define
class AttributeDefinition:
    """An attribute of a directory object.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeDefinition'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        anchor (bool | Unset): Whether the attribute identifies the object (its anchor).
        api_expressions (list[StringKeyStringValuePair] | Unset): Expressions the directory's API uses for the
            attribute.
        case_exact (bool | Unset): Whether values compare case-sensitively.
        default_value (None | str | Unset): Default value.
        flow_null_values (bool | Unset): Whether a null value flows to the target.
        metadata (list[AttributeDefinitionMetadataEntry] | Unset): Extension properties.
        multivalued (bool | Unset): Whether the attribute holds several values.
        mutability (Mutability | Unset): Whether and how an attribute can be changed.
        name (None | str | Unset): The attribute's name.
        referenced_objects (list[ReferencedObject] | Unset): For a reference attribute, the objects it may refer to.
        required (bool | Unset): Whether every object must have a value.
        type_ (AttributeType | Unset): Data type of an attribute.
    """

    odata_type: Literal["#microsoft.graph.attributeDefinition"] | Unset = UNSET
    anchor: bool | Unset = UNSET
    api_expressions: list[StringKeyStringValuePair] | Unset = UNSET
    case_exact: bool | Unset = UNSET
    default_value: None | str | Unset = UNSET
    flow_null_values: bool | Unset = UNSET
    metadata: list[AttributeDefinitionMetadataEntry] | Unset = UNSET
    multivalued: bool | Unset = UNSET
    mutability: Mutability | Unset = UNSET
    name: None | str | Unset = UNSET
    referenced_objects: list[ReferencedObject] | Unset = UNSET
    required: bool | Unset = UNSET
    type_: AttributeType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        anchor = self.anchor

        api_expressions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.api_expressions, Unset):
            api_expressions = []
            for api_expressions_item_data in self.api_expressions:
                api_expressions_item = api_expressions_item_data.to_dict()
                api_expressions.append(api_expressions_item)

        case_exact = self.case_exact

        default_value: None | str | Unset
        if isinstance(self.default_value, Unset):
            default_value = UNSET
        else:
            default_value = self.default_value

        flow_null_values = self.flow_null_values

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        multivalued = self.multivalued

        mutability: str | Unset = UNSET
        if not isinstance(self.mutability, Unset):
            mutability = self.mutability.value

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        referenced_objects: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.referenced_objects, Unset):
            referenced_objects = []
            for referenced_objects_item_data in self.referenced_objects:
                referenced_objects_item = referenced_objects_item_data.to_dict()
                referenced_objects.append(referenced_objects_item)

        required = self.required

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if anchor is not UNSET:
            field_dict["anchor"] = anchor
        if api_expressions is not UNSET:
            field_dict["apiExpressions"] = api_expressions
        if case_exact is not UNSET:
            field_dict["caseExact"] = case_exact
        if default_value is not UNSET:
            field_dict["defaultValue"] = default_value
        if flow_null_values is not UNSET:
            field_dict["flowNullValues"] = flow_null_values
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if multivalued is not UNSET:
            field_dict["multivalued"] = multivalued
        if mutability is not UNSET:
            field_dict["mutability"] = mutability
        if name is not UNSET:
            field_dict["name"] = name
        if referenced_objects is not UNSET:
            field_dict["referencedObjects"] = referenced_objects
        if required is not UNSET:
            field_dict["required"] = required
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_definition_metadata_entry import AttributeDefinitionMetadataEntry  # noqa: PLC0415
        from ..models.referenced_object import ReferencedObject  # noqa: PLC0415
        from ..models.string_key_string_value_pair import StringKeyStringValuePair  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.attributeDefinition"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.attributeDefinition" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.attributeDefinition', got '{odata_type}'")

        anchor = d.pop("anchor", UNSET)

        _api_expressions = d.pop("apiExpressions", UNSET)
        api_expressions: list[StringKeyStringValuePair] | Unset = UNSET
        if _api_expressions is not UNSET:
            api_expressions = []
            for api_expressions_item_data in _api_expressions:
                api_expressions_item = StringKeyStringValuePair.from_dict(api_expressions_item_data)

                api_expressions.append(api_expressions_item)

        case_exact = d.pop("caseExact", UNSET)

        def _parse_default_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_value = _parse_default_value(d.pop("defaultValue", UNSET))

        flow_null_values = d.pop("flowNullValues", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[AttributeDefinitionMetadataEntry] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = AttributeDefinitionMetadataEntry.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        multivalued = d.pop("multivalued", UNSET)

        _mutability = d.pop("mutability", UNSET)
        mutability: Mutability | Unset
        if isinstance(_mutability, Unset):
            mutability = UNSET
        else:
            mutability = Mutability(_mutability)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _referenced_objects = d.pop("referencedObjects", UNSET)
        referenced_objects: list[ReferencedObject] | Unset = UNSET
        if _referenced_objects is not UNSET:
            referenced_objects = []
            for referenced_objects_item_data in _referenced_objects:
                referenced_objects_item = ReferencedObject.from_dict(referenced_objects_item_data)

                referenced_objects.append(referenced_objects_item)

        required = d.pop("required", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: AttributeType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AttributeType(_type_)

        attribute_definition = cls(
            odata_type=odata_type,
            anchor=anchor,
            api_expressions=api_expressions,
            case_exact=case_exact,
            default_value=default_value,
            flow_null_values=flow_null_values,
            metadata=metadata,
            multivalued=multivalued,
            mutability=mutability,
            name=name,
            referenced_objects=referenced_objects,
            required=required,
            type_=type_,
        )

        return attribute_definition
