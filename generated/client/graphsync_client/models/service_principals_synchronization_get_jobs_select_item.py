from enum import StrEnum


class ServicePrincipalsSynchronizationGetJobsSelectItem(StrEnum):
    ID = "id"
    SCHEDULE = "schedule"
    STATUS = "status"
    SYNCHRONIZATIONJOBSETTINGS = "synchronizationJobSettings"
    TEMPLATEID = "templateId"

    def __str__(self) -> str:
        return str(self.value)
