from enum import StrEnum


class AttributeFlowType(StrEnum):
    ALWAYS = "Always"
    ATTRIBUTEADDONLY = "AttributeAddOnly"
    MULTIVALUEADDONLY = "MultiValueAddOnly"
    OBJECTADDONLY = "ObjectAddOnly"
    VALUEADDONLY = "ValueAddOnly"

    def __str__(self) -> str:
        return str(self.value)
