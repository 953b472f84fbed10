from enum import StrEnum


class ScopeOperatorType(StrEnum):
    BINARY = "Binary"
    UNARY = "Unary"

    def __str__(self) -> str:
        return str(self.value)
