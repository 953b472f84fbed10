from enum import StrEnum


class BulkUploadOperationMethod(StrEnum):
    POST = "POST"

    def __str__(self) -> str:
        return str(self.value)
