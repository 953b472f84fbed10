from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair


T = TypeVar("T", bound="ValidateCredentialsRequest")


@_attrs_define
class ValidateCredentialsRequest:
    """Parameters of the validateCredentials actions.

    Attributes:
        application_identifier (None | str | Unset): Identifier of the application (accepted, not used by the emulator).
        template_id (None | str | Unset): The template whose credentials are checked; required before a job exists.
        use_saved_credentials (bool | None | Unset): Check the saved secrets instead of `credentials`.
        credentials (list[SynchronizationSecretKeyStringValuePair] | Unset): The credentials to check.
    """

    application_identifier: None | str | Unset = UNSET
    template_id: None | str | Unset = UNSET
    use_saved_credentials: bool | None | Unset = UNSET
    credentials: list[SynchronizationSecretKeyStringValuePair] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        application_identifier: None | str | Unset
        if isinstance(self.application_identifier, Unset):
            application_identifier = UNSET
        else:
            application_identifier = self.application_identifier

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        else:
            template_id = self.template_id

        use_saved_credentials: bool | None | Unset
        if isinstance(self.use_saved_credentials, Unset):
            use_saved_credentials = UNSET
        else:
            use_saved_credentials = self.use_saved_credentials

        credentials: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = []
            for credentials_item_data in self.credentials:
                credentials_item = credentials_item_data.to_dict()
                credentials.append(credentials_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if application_identifier is not UNSET:
            field_dict["applicationIdentifier"] = application_identifier
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if use_saved_credentials is not UNSET:
            field_dict["useSavedCredentials"] = use_saved_credentials
        if credentials is not UNSET:
            field_dict["credentials"] = credentials

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_application_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        application_identifier = _parse_application_identifier(d.pop("applicationIdentifier", UNSET))

        def _parse_template_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template_id = _parse_template_id(d.pop("templateId", UNSET))

        def _parse_use_saved_credentials(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        use_saved_credentials = _parse_use_saved_credentials(d.pop("useSavedCredentials", UNSET))

        _credentials = d.pop("credentials", UNSET)
        credentials: list[SynchronizationSecretKeyStringValuePair] | Unset = UNSET
        if _credentials is not UNSET:
            credentials = []
            for credentials_item_data in _credentials:
                credentials_item = SynchronizationSecretKeyStringValuePair.from_dict(credentials_item_data)

                credentials.append(credentials_item)

        validate_credentials_request = cls(
            application_identifier=application_identifier,
            template_id=template_id,
            use_saved_credentials=use_saved_credentials,
            credentials=credentials,
        )

        return validate_credentials_request
