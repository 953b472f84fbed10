from enum import StrEnum


class ApplicationsSynchronizationListJobsOrderbyItem(StrEnum):
    ID = "id"
    ID_ASC = "id asc"
    ID_DESC = "id desc"
    TEMPLATEID = "templateId"
    TEMPLATEID_ASC = "templateId asc"
    TEMPLATEID_DESC = "templateId desc"

    def __str__(self) -> str:
        return str(self.value)
