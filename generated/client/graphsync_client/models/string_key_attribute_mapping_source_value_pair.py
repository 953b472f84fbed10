from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_mapping_source import AttributeMappingSource


T = TypeVar("T", bound="StringKeyAttributeMappingSourceValuePair")


@_attrs_define
class StringKeyAttributeMappingSourceValuePair:
    """A named parameter of a function source.

    Attributes:
        odata_type (Literal['#microsoft.graph.stringKeyAttributeMappingSourceValuePair'] | Unset): OData type
            annotation. Optional; Graph does not send it in responses.
        key (None | str | Unset): Parameter name.
        value (AttributeMappingSource | None | Unset): Parameter value.
    """

    odata_type: Literal["#microsoft.graph.stringKeyAttributeMappingSourceValuePair"] | Unset = UNSET
    key: None | str | Unset = UNSET
    value: AttributeMappingSource | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415

        odata_type = self.odata_type

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        value: dict[str, Any] | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, AttributeMappingSource):
            value = self.value.to_dict()
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.stringKeyAttributeMappingSourceValuePair"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.stringKeyAttributeMappingSourceValuePair" and not isinstance(
            odata_type, Unset
        ):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.stringKeyAttributeMappingSourceValuePair', got '{odata_type}'"
            )

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        def _parse_value(data: object) -> AttributeMappingSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                value_type_0 = AttributeMappingSource.from_dict(data)

                return value_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeMappingSource | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        string_key_attribute_mapping_source_value_pair = cls(
            odata_type=odata_type,
            key=key,
            value=value,
        )

        return string_key_attribute_mapping_source_value_pair
