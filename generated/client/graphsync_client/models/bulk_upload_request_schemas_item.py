from enum import StrEnum


class BulkUploadRequestSchemasItem(StrEnum):
    URNIETFPARAMSSCIMAPIMESSAGES2_0BULKREQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"

    def __str__(self) -> str:
        return str(self.value)
