from enum import StrEnum


class ScopeOperatorMultiValuedComparisonType(StrEnum):
    ALL = "All"
    ANY = "Any"

    def __str__(self) -> str:
        return str(self.value)
