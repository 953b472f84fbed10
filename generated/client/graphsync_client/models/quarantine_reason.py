from enum import StrEnum


class QuarantineReason(StrEnum):
    ENCOUNTEREDBASEESCROWTHRESHOLD = "EncounteredBaseEscrowThreshold"
    ENCOUNTEREDESCROWPROPORTIONTHRESHOLD = "EncounteredEscrowProportionThreshold"
    ENCOUNTEREDQUARANTINEEXCEPTION = "EncounteredQuarantineException"
    ENCOUNTEREDTOTALESCROWTHRESHOLD = "EncounteredTotalEscrowThreshold"
    INGESTIONINTERRUPTED = "IngestionInterrupted"
    QUARANTINEDONDEMAND = "QuarantinedOnDemand"
    TOOMANYDELETES = "TooManyDeletes"
    UNKNOWN = "Unknown"

    def __str__(self) -> str:
        return str(self.value)
