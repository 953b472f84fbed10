from enum import StrEnum


class Mutability(StrEnum):
    IMMUTABLE = "Immutable"
    READONLY = "ReadOnly"
    READWRITE = "ReadWrite"
    WRITEONLY = "WriteOnly"

    def __str__(self) -> str:
        return str(self.value)
