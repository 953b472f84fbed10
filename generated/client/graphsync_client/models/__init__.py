"""Contains all the data models used in inputs/outputs"""

from .applications_synchronization_get_jobs_select_item import ApplicationsSynchronizationGetJobsSelectItem
from .applications_synchronization_list_jobs_orderby_item import ApplicationsSynchronizationListJobsOrderbyItem
from .applications_synchronization_list_jobs_select_item import ApplicationsSynchronizationListJobsSelectItem
from .error_details import ErrorDetails
from .inner_error import InnerError
from .key_value_pair import KeyValuePair
from .main_error import MainError
from .o_data_error import ODataError
from .quarantine_reason import QuarantineReason
from .restart_request import RestartRequest
from .service_principals_synchronization_get_jobs_select_item import ServicePrincipalsSynchronizationGetJobsSelectItem
from .service_principals_synchronization_list_jobs_orderby_item import (
    ServicePrincipalsSynchronizationListJobsOrderbyItem,
)
from .service_principals_synchronization_list_jobs_select_item import ServicePrincipalsSynchronizationListJobsSelectItem
from .string_key_long_value_pair import StringKeyLongValuePair
from .synchronization import Synchronization
from .synchronization_error import SynchronizationError
from .synchronization_job import SynchronizationJob
from .synchronization_job_collection_response import SynchronizationJobCollectionResponse
from .synchronization_job_create import SynchronizationJobCreate
from .synchronization_job_restart_criteria import SynchronizationJobRestartCriteria
from .synchronization_metadata_entry import SynchronizationMetadataEntry
from .synchronization_progress import SynchronizationProgress
from .synchronization_quarantine import SynchronizationQuarantine
from .synchronization_schedule import SynchronizationSchedule
from .synchronization_schedule_state import SynchronizationScheduleState
from .synchronization_secret import SynchronizationSecret
from .synchronization_secret_collection_response import SynchronizationSecretCollectionResponse
from .synchronization_secret_key_string_value_pair import SynchronizationSecretKeyStringValuePair
from .synchronization_secrets_request import SynchronizationSecretsRequest
from .synchronization_status import SynchronizationStatus
from .synchronization_status_code import SynchronizationStatusCode
from .synchronization_task_execution import SynchronizationTaskExecution
from .synchronization_task_execution_result import SynchronizationTaskExecutionResult
from .synchronization_template import SynchronizationTemplate
from .synchronization_template_collection_response import SynchronizationTemplateCollectionResponse
from .validate_credentials_request import ValidateCredentialsRequest

__all__ = (
    "ApplicationsSynchronizationGetJobsSelectItem",
    "ApplicationsSynchronizationListJobsOrderbyItem",
    "ApplicationsSynchronizationListJobsSelectItem",
    "ErrorDetails",
    "InnerError",
    "KeyValuePair",
    "MainError",
    "ODataError",
    "QuarantineReason",
    "RestartRequest",
    "ServicePrincipalsSynchronizationGetJobsSelectItem",
    "ServicePrincipalsSynchronizationListJobsOrderbyItem",
    "ServicePrincipalsSynchronizationListJobsSelectItem",
    "StringKeyLongValuePair",
    "Synchronization",
    "SynchronizationError",
    "SynchronizationJob",
    "SynchronizationJobCollectionResponse",
    "SynchronizationJobCreate",
    "SynchronizationJobRestartCriteria",
    "SynchronizationMetadataEntry",
    "SynchronizationProgress",
    "SynchronizationQuarantine",
    "SynchronizationSchedule",
    "SynchronizationScheduleState",
    "SynchronizationSecret",
    "SynchronizationSecretCollectionResponse",
    "SynchronizationSecretKeyStringValuePair",
    "SynchronizationSecretsRequest",
    "SynchronizationStatus",
    "SynchronizationStatusCode",
    "SynchronizationTaskExecution",
    "SynchronizationTaskExecutionResult",
    "SynchronizationTemplate",
    "SynchronizationTemplateCollectionResponse",
    "ValidateCredentialsRequest",
)
