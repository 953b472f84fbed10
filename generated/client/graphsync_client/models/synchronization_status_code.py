from enum import StrEnum


class SynchronizationStatusCode(StrEnum):
    ACTIVE = "Active"
    NOTCONFIGURED = "NotConfigured"
    NOTRUN = "NotRun"
    PAUSED = "Paused"
    QUARANTINE = "Quarantine"

    def __str__(self) -> str:
        return str(self.value)
