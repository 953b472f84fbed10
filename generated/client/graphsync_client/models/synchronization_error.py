from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SynchronizationError")


@_attrs_define
class SynchronizationError:
    """Error encountered by a synchronization run.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationError'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        code (None | str | Unset): The error code, for example `SalesforceInvalidCredentials`.
        message (None | str | Unset): The error message.
        tenant_actionable (bool | Unset): true if the error can be acted on by the tenant.
    """

    odata_type: Literal["#microsoft.graph.synchronizationError"] | Unset = UNSET
    code: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    tenant_actionable: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        tenant_actionable = self.tenant_actionable

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if tenant_actionable is not UNSET:
            field_dict["tenantActionable"] = tenant_actionable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationError"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationError" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationError', got '{odata_type}'"
            )

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        tenant_actionable = d.pop("tenantActionable", UNSET)

        synchronization_error = cls(
            odata_type=odata_type,
            code=code,
            message=message,
            tenant_actionable=tenant_actionable,
        )

        return synchronization_error
