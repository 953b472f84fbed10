from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair


T = TypeVar("T", bound="Synchronization")


@_attrs_define
class Synchronization:
    """The synchronization of a service principal or application.

    Attributes:
        id (str): Identifier of the synchronization (the emulator answers the owner's object id; D32).
        odata_context (str | Unset): OData context URL.
        odata_type (Literal['#microsoft.graph.synchronization'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        secrets (list[SynchronizationSecretKeyStringValuePair] | Unset): The saved secrets, credentials masked as `*`.
    """

    id: str
    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.synchronization"] | Unset = UNSET
    secrets: list[SynchronizationSecretKeyStringValuePair] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_context = self.odata_context

        odata_type = self.odata_type

        secrets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.secrets, Unset):
            secrets = []
            for secrets_item_data in self.secrets:
                secrets_item = secrets_item_data.to_dict()
                secrets.append(secrets_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if secrets is not UNSET:
            field_dict["secrets"] = secrets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.synchronization"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronization" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.synchronization', got '{odata_type}'")

        _secrets = d.pop("secrets", UNSET)
        secrets: list[SynchronizationSecretKeyStringValuePair] | Unset = UNSET
        if _secrets is not UNSET:
            secrets = []
            for secrets_item_data in _secrets:
                secrets_item = SynchronizationSecretKeyStringValuePair.from_dict(secrets_item_data)

                secrets.append(secrets_item)

        synchronization = cls(
            id=id,
            odata_context=odata_context,
            odata_type=odata_type,
            secrets=secrets,
        )

        return synchronization
