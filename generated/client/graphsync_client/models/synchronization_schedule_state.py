from enum import StrEnum


class SynchronizationScheduleState(StrEnum):
    ACTIVE = "Active"
    DISABLED = "Disabled"
    PAUSED = "Paused"

    def __str__(self) -> str:
        return str(self.value)
