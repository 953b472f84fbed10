from enum import StrEnum


class AttributeType(StrEnum):
    BINARY = "Binary"
    BOOLEAN = "Boolean"
    DATETIME = "DateTime"
    INTEGER = "Integer"
    REFERENCE = "Reference"
    STRING = "String"

    def __str__(self) -> str:
        return str(self.value)
