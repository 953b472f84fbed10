from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.synchronization_secret import SynchronizationSecret
from ..types import UNSET, Unset

T = TypeVar("T", bound="SynchronizationSecretKeyStringValuePair")


@_attrs_define
class SynchronizationSecretKeyStringValuePair:
    """A synchronization secret, or a credential to validate.

    Attributes:
        key (SynchronizationSecret): The key of a synchronization secret (credential or connection setting).
        odata_type (Literal['#microsoft.graph.synchronizationSecretKeyStringValuePair'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        value (None | str | Unset): The value; a credential's value is answered as `*`.
    """

    key: SynchronizationSecret
    odata_type: Literal["#microsoft.graph.synchronizationSecretKeyStringValuePair"] | Unset = UNSET
    value: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key.value

        odata_type = self.odata_type

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
            }
        )
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = SynchronizationSecret(d.pop("key"))

        odata_type = cast(
            Literal["#microsoft.graph.synchronizationSecretKeyStringValuePair"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.synchronizationSecretKeyStringValuePair" and not isinstance(
            odata_type, Unset
        ):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationSecretKeyStringValuePair', got '{odata_type}'"
            )

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        synchronization_secret_key_string_value_pair = cls(
            key=key,
            odata_type=odata_type,
            value=value,
        )

        return synchronization_secret_key_string_value_pair
