from enum import StrEnum


class BulkUploadOperationPath(StrEnum):
    VALUE_0 = "/Users"

    def __str__(self) -> str:
        return str(self.value)
