"""Contains all the data models used in inputs/outputs"""

from .applications_synchronization_get_jobs_select_item import ApplicationsSynchronizationGetJobsSelectItem
from .applications_synchronization_list_jobs_orderby_item import ApplicationsSynchronizationListJobsOrderbyItem
from .applications_synchronization_list_jobs_select_item import ApplicationsSynchronizationListJobsSelectItem
from .attribute_definition import AttributeDefinition
from .attribute_definition_metadata_entry import AttributeDefinitionMetadataEntry
from .attribute_flow_behavior import AttributeFlowBehavior
from .attribute_flow_type import AttributeFlowType
from .attribute_mapping import AttributeMapping
from .attribute_mapping_function_collection_response import AttributeMappingFunctionCollectionResponse
from .attribute_mapping_function_schema import AttributeMappingFunctionSchema
from .attribute_mapping_parameter_schema import AttributeMappingParameterSchema
from .attribute_mapping_source import AttributeMappingSource
from .attribute_mapping_source_type import AttributeMappingSourceType
from .attribute_type import AttributeType
from .bulk_upload_operation import BulkUploadOperation
from .bulk_upload_operation_method import BulkUploadOperationMethod
from .bulk_upload_operation_path import BulkUploadOperationPath
from .bulk_upload_request import BulkUploadRequest
from .bulk_upload_request_schemas_item import BulkUploadRequestSchemasItem
from .bulk_upload_user import BulkUploadUser
from .container_filter import ContainerFilter
from .directory_definition import DirectoryDefinition
from .directory_definition_collection_response import DirectoryDefinitionCollectionResponse
from .error_details import ErrorDetails
from .expression_input_object import ExpressionInputObject
from .filter_ import Filter
from .filter_clause import FilterClause
from .filter_group import FilterGroup
from .filter_operand import FilterOperand
from .filter_operator_collection_response import FilterOperatorCollectionResponse
from .filter_operator_schema import FilterOperatorSchema
from .group_filter import GroupFilter
from .inner_error import InnerError
from .key_value_pair import KeyValuePair
from .main_error import MainError
from .mutability import Mutability
from .o_data_error import ODataError
from .object_definition import ObjectDefinition
from .object_definition_metadata_entry import ObjectDefinitionMetadataEntry
from .object_mapping import ObjectMapping
from .object_mapping_metadata_entry import ObjectMappingMetadataEntry
from .parse_expression_request import ParseExpressionRequest
from .parse_expression_response import ParseExpressionResponse
from .provision_on_demand_request import ProvisionOnDemandRequest
from .public_error import PublicError
from .public_error_detail import PublicErrorDetail
from .public_inner_error import PublicInnerError
from .quarantine_reason import QuarantineReason
from .referenced_object import ReferencedObject
from .restart_request import RestartRequest
from .scope_operator_multi_valued_comparison_type import ScopeOperatorMultiValuedComparisonType
from .scope_operator_type import ScopeOperatorType
from .service_principals_synchronization_get_jobs_select_item import ServicePrincipalsSynchronizationGetJobsSelectItem
from .service_principals_synchronization_list_jobs_orderby_item import (
    ServicePrincipalsSynchronizationListJobsOrderbyItem,
)
from .service_principals_synchronization_list_jobs_select_item import ServicePrincipalsSynchronizationListJobsSelectItem
from .string_key_attribute_mapping_source_value_pair import StringKeyAttributeMappingSourceValuePair
from .string_key_long_value_pair import StringKeyLongValuePair
from .string_key_object_value_pair import StringKeyObjectValuePair
from .string_key_string_value_pair import StringKeyStringValuePair
from .synchronization import Synchronization
from .synchronization_error import SynchronizationError
from .synchronization_job import SynchronizationJob
from .synchronization_job_application_parameters import SynchronizationJobApplicationParameters
from .synchronization_job_collection_response import SynchronizationJobCollectionResponse
from .synchronization_job_create import SynchronizationJobCreate
from .synchronization_job_restart_criteria import SynchronizationJobRestartCriteria
from .synchronization_job_subject import SynchronizationJobSubject
from .synchronization_linked_objects import SynchronizationLinkedObjects
from .synchronization_metadata_entry import SynchronizationMetadataEntry
from .synchronization_progress import SynchronizationProgress
from .synchronization_quarantine import SynchronizationQuarantine
from .synchronization_rule import SynchronizationRule
from .synchronization_schedule import SynchronizationSchedule
from .synchronization_schedule_state import SynchronizationScheduleState
from .synchronization_schema import SynchronizationSchema
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
    "AttributeDefinition",
    "AttributeDefinitionMetadataEntry",
    "AttributeFlowBehavior",
    "AttributeFlowType",
    "AttributeMapping",
    "AttributeMappingFunctionCollectionResponse",
    "AttributeMappingFunctionSchema",
    "AttributeMappingParameterSchema",
    "AttributeMappingSource",
    "AttributeMappingSourceType",
    "AttributeType",
    "BulkUploadOperation",
    "BulkUploadOperationMethod",
    "BulkUploadOperationPath",
    "BulkUploadRequest",
    "BulkUploadRequestSchemasItem",
    "BulkUploadUser",
    "ContainerFilter",
    "DirectoryDefinition",
    "DirectoryDefinitionCollectionResponse",
    "ErrorDetails",
    "ExpressionInputObject",
    "Filter",
    "FilterClause",
    "FilterGroup",
    "FilterOperand",
    "FilterOperatorCollectionResponse",
    "FilterOperatorSchema",
    "GroupFilter",
    "InnerError",
    "KeyValuePair",
    "MainError",
    "Mutability",
    "ObjectDefinition",
    "ObjectDefinitionMetadataEntry",
    "ObjectMapping",
    "ObjectMappingMetadataEntry",
    "ODataError",
    "ParseExpressionRequest",
    "ParseExpressionResponse",
    "ProvisionOnDemandRequest",
    "PublicError",
    "PublicErrorDetail",
    "PublicInnerError",
    "QuarantineReason",
    "ReferencedObject",
    "RestartRequest",
    "ScopeOperatorMultiValuedComparisonType",
    "ScopeOperatorType",
    "ServicePrincipalsSynchronizationGetJobsSelectItem",
    "ServicePrincipalsSynchronizationListJobsOrderbyItem",
    "ServicePrincipalsSynchronizationListJobsSelectItem",
    "StringKeyAttributeMappingSourceValuePair",
    "StringKeyLongValuePair",
    "StringKeyObjectValuePair",
    "StringKeyStringValuePair",
    "Synchronization",
    "SynchronizationError",
    "SynchronizationJob",
    "SynchronizationJobApplicationParameters",
    "SynchronizationJobCollectionResponse",
    "SynchronizationJobCreate",
    "SynchronizationJobRestartCriteria",
    "SynchronizationJobSubject",
    "SynchronizationLinkedObjects",
    "SynchronizationMetadataEntry",
    "SynchronizationProgress",
    "SynchronizationQuarantine",
    "SynchronizationRule",
    "SynchronizationSchedule",
    "SynchronizationScheduleState",
    "SynchronizationSchema",
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
