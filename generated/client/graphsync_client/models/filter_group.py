from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_clause import FilterClause


T = TypeVar("T", bound="FilterGroup")


@_attrs_define
class FilterGroup:
    """Clauses that must all hold.

    Attributes:
        odata_type (Literal['#microsoft.graph.filterGroup'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        clauses (list[FilterClause] | Unset): The clauses.
        name (None | str | Unset): Human-readable name.
    """

    odata_type: Literal["#microsoft.graph.filterGroup"] | Unset = UNSET
    clauses: list[FilterClause] | Unset = UNSET
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        clauses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.clauses, Unset):
            clauses = []
            for clauses_item_data in self.clauses:
                clauses_item = clauses_item_data.to_dict()
                clauses.append(clauses_item)

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if clauses is not UNSET:
            field_dict["clauses"] = clauses
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.filter_clause import FilterClause  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.filterGroup"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.filterGroup" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.filterGroup', got '{odata_type}'")

        _clauses = d.pop("clauses", UNSET)
        clauses: list[FilterClause] | Unset = UNSET
        if _clauses is not UNSET:
            clauses = []
            for clauses_item_data in _clauses:
                clauses_item = FilterClause.from_dict(clauses_item_data)

                clauses.append(clauses_item)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        filter_group = cls(
            odata_type=odata_type,
            clauses=clauses,
            name=name,
        )

        return filter_group
