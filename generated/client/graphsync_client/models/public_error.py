from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_error_detail import PublicErrorDetail
    from ..models.public_inner_error import PublicInnerError


T = TypeVar("T", bound="PublicError")


@_attrs_define
class PublicError:
    """An error in an answer's body.

    Attributes:
        odata_type (Literal['#microsoft.graph.publicError'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        code (None | str | Unset): The error code.
        details (list[PublicErrorDetail] | Unset): Details.
        inner_error (None | PublicInnerError | Unset): The inner error.
        message (None | str | Unset): What went wrong.
        target (None | str | Unset): What it applies to.
    """

    odata_type: Literal["#microsoft.graph.publicError"] | Unset = UNSET
    code: None | str | Unset = UNSET
    details: list[PublicErrorDetail] | Unset = UNSET
    inner_error: None | PublicInnerError | Unset = UNSET
    message: None | str | Unset = UNSET
    target: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.public_inner_error import PublicInnerError  # noqa: PLC0415

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

        inner_error: dict[str, Any] | None | Unset
        if isinstance(self.inner_error, Unset):
            inner_error = UNSET
        elif isinstance(self.inner_error, PublicInnerError):
            inner_error = self.inner_error.to_dict()
        else:
            inner_error = self.inner_error

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
        if inner_error is not UNSET:
            field_dict["innerError"] = inner_error
        if message is not UNSET:
            field_dict["message"] = message
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_error_detail import PublicErrorDetail  # noqa: PLC0415
        from ..models.public_inner_error import PublicInnerError  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.publicError"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.publicError" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.publicError', got '{odata_type}'")

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

        def _parse_inner_error(data: object) -> None | PublicInnerError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                inner_error_type_0 = PublicInnerError.from_dict(data)

                return inner_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicInnerError | Unset, data)

        inner_error = _parse_inner_error(d.pop("innerError", UNSET))

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

        public_error = cls(
            odata_type=odata_type,
            code=code,
            details=details,
            inner_error=inner_error,
            message=message,
            target=target,
        )

        return public_error
