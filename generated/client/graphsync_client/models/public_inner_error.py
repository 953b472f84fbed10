from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_error_detail import PublicErrorDetail


T = TypeVar("T", bound="PublicInnerError")


@_attrs_define
class PublicInnerError:
    """An inner error.

    Attributes:
        odata_type (Literal['#microsoft.graph.publicInnerError'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        code (None | str | Unset): Code.
        details (list[PublicErrorDetail] | Unset): Details.
        message (None | str | Unset): Message.
        target (None | str | Unset): Target.
    """

    odata_type: Literal["#microsoft.graph.publicInnerError"] | Unset = UNSET
    code: None | str | Unset = UNSET
    details: list[PublicErrorDetail] | Unset = UNSET
    message: None | str | Unset = UNSET
    target: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = []
            for details_item_data in self.details:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        target: None | str | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if code is not UNSET:
            field_dict["code"] = code
        if details is not UNSET:
            field_dict["details"] = details
        if message is not UNSET:
            field_dict["message"] = message
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_error_detail import PublicErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.publicInnerError"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.publicInnerError" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.publicInnerError', got '{odata_type}'")

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        _details = d.pop("details", UNSET)
        details: list[PublicErrorDetail] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = PublicErrorDetail.from_dict(details_item_data)

                details.append(details_item)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        public_inner_error = cls(
            odata_type=odata_type,
            code=code,
            details=details,
            message=message,
            target=target,
        )

        return public_inner_error
