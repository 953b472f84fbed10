from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair


T = TypeVar("T", bound="SynchronizationSecretsRequest")


@_attrs_define
class SynchronizationSecretsRequest:
    """The body of `PUT .../synchronization/secrets`.

    Attributes:
        value (list[SynchronizationSecretKeyStringValuePair]):
    """

    value: list[SynchronizationSecretKeyStringValuePair]

    def to_dict(self) -> dict[str, Any]:
        value = []
        for value_item_data in self.value:
            value_item = value_item_data.to_dict()
            value.append(value_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair  # noqa: PLC0415

        d = dict(src_dict)
        value = []
        _value = d.pop("value")
        for value_item_data in _value:
            value_item = SynchronizationSecretKeyStringValuePair.from_dict(value_item_data)

            value.append(value_item)

        synchronization_secrets_request = cls(
            value=value,
        )

        return synchronization_secrets_request
