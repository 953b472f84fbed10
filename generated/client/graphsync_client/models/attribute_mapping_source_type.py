from enum import StrEnum


class AttributeMappingSourceType(StrEnum):
    ATTRIBUTE = "Attribute"
    CONSTANT = "Constant"
    FUNCTION = "Function"

    def __str__(self) -> str:
        return str(self.value)
