from enum import StrEnum


class SynchronizationTaskExecutionResult(StrEnum):
    ENTRYLEVELERRORS = "EntryLevelErrors"
    FAILED = "Failed"
    SUCCEEDED = "Succeeded"

    def __str__(self) -> str:
        return str(self.value)
