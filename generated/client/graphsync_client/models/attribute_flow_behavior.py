from enum import StrEnum


class AttributeFlowBehavior(StrEnum):
    FLOWALWAYS = "FlowAlways"
    FLOWWHENCHANGED = "FlowWhenChanged"

    def __str__(self) -> str:
        return str(self.value)
