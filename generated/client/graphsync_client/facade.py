"""Microsoft Graph synchronization: `GraphSync` and `AsyncGraphSync`, generated from the spec (do not edit).

    from graphsync_client import GraphSync, NotFound

    with GraphSync("https://graph.microsoft.com/v1.0", credential=DefaultAzureCredential()) as graph:
        jobs = graph.service_principals(sp_id).jobs
        job = jobs.create(template_id="scim")
        jobs(job.id).start()
        for each in jobs.list():
            ...

A path segment is a property and a path parameter a call; `service_principals(id)` and
`applications(id)` lead straight to the owner's `synchronization`. Results are `graphsync_models.tolerant`
models; failures raise `graphsync_client.runtime.GraphError` subclasses. `strict=True` checks every
request and response against the contract (`graphsync_client.contract`) and raises `ContractError`.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterator, Sequence
from types import TracebackType
from typing import Literal

import httpx
from graphsync_models import tolerant
from pydantic import MISSING

from .client import AuthenticatedClient
from .runtime import (
    DEFAULT_BASE_URL,
    GRAPH_SCOPE,
    AsyncSession,
    AsyncTokenCredential,
    Session,
    TokenCredential,
    segment,
)

__all__ = ["AsyncGraphSync", "GraphSync"]


class ServicePrincipalJobSchemaDirectoryResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class ServicePrincipalJobSchemaDirectoriesResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> ServicePrincipalJobSchemaDirectoryResource:
        return ServicePrincipalJobSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> Iterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class ServicePrincipalJobSchemaFilterOperatorsResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class ServicePrincipalJobSchemaFunctionsResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class ServicePrincipalJobSchemaResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> ServicePrincipalJobSchemaDirectoriesResource:
        return ServicePrincipalJobSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> ServicePrincipalJobSchemaFilterOperatorsResource:
        return ServicePrincipalJobSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> ServicePrincipalJobSchemaFunctionsResource:
        return ServicePrincipalJobSchemaFunctionsResource(self._session, self._path + "/functions")

    def get(self) -> tolerant.SynchronizationSchema:
        """Get synchronizationSchema.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    def put(self, body: tolerant.SynchronizationSchema) -> None:
        """Update synchronizationSchema.

        `PUT /servicePrincipals/{id}/synchronization/jobs/{id}/schema`
        """
        self._session.send("PUT", self._path, body=body, media_type="application/json")

    def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/schema/parseExpression`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class ServicePrincipalJobResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> ServicePrincipalJobSchemaResource:
        return ServicePrincipalJobSchemaResource(self._session, self._path + "/schema")

    def get(self) -> tolerant.SynchronizationJob:
        """Get synchronizationJob.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationJob)

    def delete(self) -> None:
        """Delete synchronizationJob.

        `DELETE /servicePrincipals/{id}/synchronization/jobs/{id}`
        """
        self._session.send("DELETE", self._path)

    def start(self) -> None:
        """Start synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/start`
        """
        self._session.send("POST", self._path + "/start")

    def pause(self) -> None:
        """Pause synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/pause`
        """
        self._session.send("POST", self._path + "/pause")

    def restart(self, *, criteria: tolerant.SynchronizationJobRestartCriteria | None | MISSING = MISSING) -> None:
        """Restart synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/restart`
        """
        self._session.send(
            "POST",
            self._path + "/restart",
            body=tolerant.RestartRequest(criteria=criteria),
            media_type="application/json",
        )

    def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/validateCredentials`
        """
        self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )

    def provision_on_demand(
        self, *, parameters: builtins.list[tolerant.SynchronizationJobApplicationParameters]
    ) -> tolerant.StringKeyStringValuePair:
        """Provision on demand.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/provisionOnDemand`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/provisionOnDemand",
                body=tolerant.ProvisionOnDemandRequest(parameters=parameters),
                media_type="application/json",
            ),
            tolerant.StringKeyStringValuePair,
        )

    def bulk_upload(
        self,
        *,
        schemas: builtins.list[Literal["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]],
        operations: builtins.list[tolerant.BulkUploadOperation],
        fail_on_errors: int | None | MISSING = MISSING,
    ) -> None:
        """Perform bulkUpload.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/bulkUpload`
        """
        self._session.send(
            "POST",
            self._path + "/bulkUpload",
            body=tolerant.BulkUploadRequest(schemas=schemas, operations=operations, fail_on_errors=fail_on_errors),
            media_type="application/scim+json",
        )


class ServicePrincipalJobsResource:
    """`/servicePrincipals/{id}/synchronization/jobs`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_job_id: str) -> ServicePrincipalJobResource:
        return ServicePrincipalJobResource(self._session, f"{self._path}/{segment(synchronization_job_id)}")

    def list(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        count: bool | None = None,
        orderby: Sequence[str] | None = None,
    ) -> Iterator[tolerant.SynchronizationJob]:
        """List synchronization jobs: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs`
        """
        return self._session.pages(
            self._path,
            params={"$top": top, "$skip": skip, "$filter": filter, "$count": count, "$orderby": orderby},
            page=tolerant.SynchronizationJobCollectionResponse,
            item=tolerant.SynchronizationJob,
        )

    def create(
        self,
        *,
        template_id: str,
        schedule: tolerant.SynchronizationSchedule | None | MISSING = MISSING,
        status: tolerant.SynchronizationStatus | None | MISSING = MISSING,
        synchronization_job_settings: builtins.list[tolerant.KeyValuePair] | MISSING = MISSING,
    ) -> tolerant.SynchronizationJob:
        """Create synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path,
                body=tolerant.SynchronizationJobCreate(
                    template_id=template_id,
                    schedule=schedule,
                    status=status,
                    synchronization_job_settings=synchronization_job_settings,
                ),
                media_type="application/json",
            ),
            tolerant.SynchronizationJob,
        )

    def count(self, *, filter: str | None = None) -> int:
        """Get the number of synchronization jobs.

        `GET /servicePrincipals/{id}/synchronization/jobs/$count`
        """
        return int((self._session.send("GET", self._path + "/$count", params={"$filter": filter})).text)

    def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials before a job exists.

        `POST /servicePrincipals/{id}/synchronization/jobs/validateCredentials`
        """
        self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )


class ServicePrincipalSecretsResource:
    """`/servicePrincipals/{id}/synchronization/secrets`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.SynchronizationSecretKeyStringValuePair]:
        """Get the synchronization secrets: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/secrets`
        """
        return self._session.pages(
            self._path,
            page=tolerant.SynchronizationSecretCollectionResponse,
            item=tolerant.SynchronizationSecretKeyStringValuePair,
        )

    def put(self, *, value: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair]) -> None:
        """Add synchronization secrets.

        `PUT /servicePrincipals/{id}/synchronization/secrets`
        """
        self._session.send(
            "PUT", self._path, body=tolerant.SynchronizationSecretsRequest(value=value), media_type="application/json"
        )

    def count(self) -> int:
        """Get the number of synchronization secrets.

        `GET /servicePrincipals/{id}/synchronization/secrets/$count`
        """
        return int((self._session.send("GET", self._path + "/$count")).text)


class ServicePrincipalTemplateSchemaDirectoryResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/directories/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class ServicePrincipalTemplateSchemaDirectoriesResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> ServicePrincipalTemplateSchemaDirectoryResource:
        return ServicePrincipalTemplateSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> Iterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class ServicePrincipalTemplateSchemaFilterOperatorsResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class ServicePrincipalTemplateSchemaFunctionsResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class ServicePrincipalTemplateSchemaResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> ServicePrincipalTemplateSchemaDirectoriesResource:
        return ServicePrincipalTemplateSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> ServicePrincipalTemplateSchemaFilterOperatorsResource:
        return ServicePrincipalTemplateSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> ServicePrincipalTemplateSchemaFunctionsResource:
        return ServicePrincipalTemplateSchemaFunctionsResource(self._session, self._path + "/functions")

    def get(self) -> tolerant.SynchronizationSchema:
        """Get the schema of a synchronizationTemplate.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /servicePrincipals/{id}/synchronization/templates/{id}/schema/parseExpression`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class ServicePrincipalTemplateResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> ServicePrincipalTemplateSchemaResource:
        return ServicePrincipalTemplateSchemaResource(self._session, self._path + "/schema")

    def get(self) -> tolerant.SynchronizationTemplate:
        """Get synchronizationTemplate.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationTemplate)


class ServicePrincipalTemplatesResource:
    """`/servicePrincipals/{id}/synchronization/templates`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_template_id: str) -> ServicePrincipalTemplateResource:
        return ServicePrincipalTemplateResource(self._session, f"{self._path}/{segment(synchronization_template_id)}")

    def list(self) -> Iterator[tolerant.SynchronizationTemplate]:
        """List synchronization templates: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates`
        """
        return self._session.pages(
            self._path, page=tolerant.SynchronizationTemplateCollectionResponse, item=tolerant.SynchronizationTemplate
        )

    def count(self) -> int:
        """Get the number of synchronization templates.

        `GET /servicePrincipals/{id}/synchronization/templates/$count`
        """
        return int((self._session.send("GET", self._path + "/$count")).text)


class ServicePrincipalResource:
    """`/servicePrincipals/{id}/synchronization`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def jobs(self) -> ServicePrincipalJobsResource:
        return ServicePrincipalJobsResource(self._session, self._path + "/jobs")

    @property
    def secrets(self) -> ServicePrincipalSecretsResource:
        return ServicePrincipalSecretsResource(self._session, self._path + "/secrets")

    @property
    def templates(self) -> ServicePrincipalTemplatesResource:
        return ServicePrincipalTemplatesResource(self._session, self._path + "/templates")

    def get(self) -> tolerant.Synchronization:
        """Get synchronization.

        `GET /servicePrincipals/{id}/synchronization`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.Synchronization)


class ApplicationJobSchemaDirectoryResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /applications/{id}/synchronization/jobs/{id}/schema/directories/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class ApplicationJobSchemaDirectoriesResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> ApplicationJobSchemaDirectoryResource:
        return ApplicationJobSchemaDirectoryResource(self._session, f"{self._path}/{segment(directory_definition_id)}")

    def list(self) -> Iterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class ApplicationJobSchemaFilterOperatorsResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class ApplicationJobSchemaFunctionsResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class ApplicationJobSchemaResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> ApplicationJobSchemaDirectoriesResource:
        return ApplicationJobSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> ApplicationJobSchemaFilterOperatorsResource:
        return ApplicationJobSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> ApplicationJobSchemaFunctionsResource:
        return ApplicationJobSchemaFunctionsResource(self._session, self._path + "/functions")

    def get(self) -> tolerant.SynchronizationSchema:
        """Get synchronizationSchema.

        `GET /applications/{id}/synchronization/jobs/{id}/schema`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    def put(self, body: tolerant.SynchronizationSchema) -> None:
        """Update synchronizationSchema.

        `PUT /applications/{id}/synchronization/jobs/{id}/schema`
        """
        self._session.send("PUT", self._path, body=body, media_type="application/json")

    def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /applications/{id}/synchronization/jobs/{id}/schema/parseExpression`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class ApplicationJobResource:
    """`/applications/{id}/synchronization/jobs/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> ApplicationJobSchemaResource:
        return ApplicationJobSchemaResource(self._session, self._path + "/schema")

    def get(self) -> tolerant.SynchronizationJob:
        """Get synchronizationJob.

        `GET /applications/{id}/synchronization/jobs/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationJob)

    def delete(self) -> None:
        """Delete synchronizationJob.

        `DELETE /applications/{id}/synchronization/jobs/{id}`
        """
        self._session.send("DELETE", self._path)

    def start(self) -> None:
        """Start synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/start`
        """
        self._session.send("POST", self._path + "/start")

    def pause(self) -> None:
        """Pause synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/pause`
        """
        self._session.send("POST", self._path + "/pause")

    def restart(self, *, criteria: tolerant.SynchronizationJobRestartCriteria | None | MISSING = MISSING) -> None:
        """Restart synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/restart`
        """
        self._session.send(
            "POST",
            self._path + "/restart",
            body=tolerant.RestartRequest(criteria=criteria),
            media_type="application/json",
        )

    def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials.

        `POST /applications/{id}/synchronization/jobs/{id}/validateCredentials`
        """
        self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )

    def provision_on_demand(
        self, *, parameters: builtins.list[tolerant.SynchronizationJobApplicationParameters]
    ) -> tolerant.StringKeyStringValuePair:
        """Provision on demand.

        `POST /applications/{id}/synchronization/jobs/{id}/provisionOnDemand`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/provisionOnDemand",
                body=tolerant.ProvisionOnDemandRequest(parameters=parameters),
                media_type="application/json",
            ),
            tolerant.StringKeyStringValuePair,
        )


class ApplicationJobsResource:
    """`/applications/{id}/synchronization/jobs`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_job_id: str) -> ApplicationJobResource:
        return ApplicationJobResource(self._session, f"{self._path}/{segment(synchronization_job_id)}")

    def list(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        count: bool | None = None,
        orderby: Sequence[str] | None = None,
    ) -> Iterator[tolerant.SynchronizationJob]:
        """List synchronization jobs: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs`
        """
        return self._session.pages(
            self._path,
            params={"$top": top, "$skip": skip, "$filter": filter, "$count": count, "$orderby": orderby},
            page=tolerant.SynchronizationJobCollectionResponse,
            item=tolerant.SynchronizationJob,
        )

    def create(
        self,
        *,
        template_id: str,
        schedule: tolerant.SynchronizationSchedule | None | MISSING = MISSING,
        status: tolerant.SynchronizationStatus | None | MISSING = MISSING,
        synchronization_job_settings: builtins.list[tolerant.KeyValuePair] | MISSING = MISSING,
    ) -> tolerant.SynchronizationJob:
        """Create synchronizationJob.

        `POST /applications/{id}/synchronization/jobs`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path,
                body=tolerant.SynchronizationJobCreate(
                    template_id=template_id,
                    schedule=schedule,
                    status=status,
                    synchronization_job_settings=synchronization_job_settings,
                ),
                media_type="application/json",
            ),
            tolerant.SynchronizationJob,
        )

    def count(self, *, filter: str | None = None) -> int:
        """Get the number of synchronization jobs.

        `GET /applications/{id}/synchronization/jobs/$count`
        """
        return int((self._session.send("GET", self._path + "/$count", params={"$filter": filter})).text)

    def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials before a job exists.

        `POST /applications/{id}/synchronization/jobs/validateCredentials`
        """
        self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )


class ApplicationSecretsResource:
    """`/applications/{id}/synchronization/secrets`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.SynchronizationSecretKeyStringValuePair]:
        """Get the synchronization secrets: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/secrets`
        """
        return self._session.pages(
            self._path,
            page=tolerant.SynchronizationSecretCollectionResponse,
            item=tolerant.SynchronizationSecretKeyStringValuePair,
        )

    def put(self, *, value: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair]) -> None:
        """Add synchronization secrets.

        `PUT /applications/{id}/synchronization/secrets`
        """
        self._session.send(
            "PUT", self._path, body=tolerant.SynchronizationSecretsRequest(value=value), media_type="application/json"
        )

    def count(self) -> int:
        """Get the number of synchronization secrets.

        `GET /applications/{id}/synchronization/secrets/$count`
        """
        return int((self._session.send("GET", self._path + "/$count")).text)


class ApplicationTemplateSchemaDirectoryResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /applications/{id}/synchronization/templates/{id}/schema/directories/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class ApplicationTemplateSchemaDirectoriesResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> ApplicationTemplateSchemaDirectoryResource:
        return ApplicationTemplateSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> Iterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class ApplicationTemplateSchemaFilterOperatorsResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class ApplicationTemplateSchemaFunctionsResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> Iterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class ApplicationTemplateSchemaResource:
    """`/applications/{id}/synchronization/templates/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> ApplicationTemplateSchemaDirectoriesResource:
        return ApplicationTemplateSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> ApplicationTemplateSchemaFilterOperatorsResource:
        return ApplicationTemplateSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> ApplicationTemplateSchemaFunctionsResource:
        return ApplicationTemplateSchemaFunctionsResource(self._session, self._path + "/functions")

    def get(self) -> tolerant.SynchronizationSchema:
        """Get the schema of a synchronizationTemplate.

        `GET /applications/{id}/synchronization/templates/{id}/schema`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /applications/{id}/synchronization/templates/{id}/schema/parseExpression`
        """
        return self._session.read(
            self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class ApplicationTemplateResource:
    """`/applications/{id}/synchronization/templates/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> ApplicationTemplateSchemaResource:
        return ApplicationTemplateSchemaResource(self._session, self._path + "/schema")

    def get(self) -> tolerant.SynchronizationTemplate:
        """Get synchronizationTemplate.

        `GET /applications/{id}/synchronization/templates/{id}`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.SynchronizationTemplate)


class ApplicationTemplatesResource:
    """`/applications/{id}/synchronization/templates`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_template_id: str) -> ApplicationTemplateResource:
        return ApplicationTemplateResource(self._session, f"{self._path}/{segment(synchronization_template_id)}")

    def list(self) -> Iterator[tolerant.SynchronizationTemplate]:
        """List synchronization templates: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates`
        """
        return self._session.pages(
            self._path, page=tolerant.SynchronizationTemplateCollectionResponse, item=tolerant.SynchronizationTemplate
        )

    def count(self) -> int:
        """Get the number of synchronization templates.

        `GET /applications/{id}/synchronization/templates/$count`
        """
        return int((self._session.send("GET", self._path + "/$count")).text)


class ApplicationResource:
    """`/applications/{id}/synchronization`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: Session, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def jobs(self) -> ApplicationJobsResource:
        return ApplicationJobsResource(self._session, self._path + "/jobs")

    @property
    def secrets(self) -> ApplicationSecretsResource:
        return ApplicationSecretsResource(self._session, self._path + "/secrets")

    @property
    def templates(self) -> ApplicationTemplatesResource:
        return ApplicationTemplatesResource(self._session, self._path + "/templates")

    def get(self) -> tolerant.Synchronization:
        """Get synchronization.

        `GET /applications/{id}/synchronization`
        """
        return self._session.read(self._session.send("GET", self._path), tolerant.Synchronization)


class GraphSync:
    """The synchronization API of Microsoft Graph.

    `credential`: a token string, or an azure-identity credential, asked for
    `scopes` (`https://graph.microsoft.com/.default`). `strict`: check every request and response against
    the contract and raise `ContractError` (conformance tests); by default unknown properties and
    enumeration members Graph adds later are kept. `retries`: attempts on 429, 503 and 504 with
    `Retry-After` (0: none); a POST is retried on 503 and 504 only with `retry_posts_when_unavailable`.
    `transport`: an httpx transport to send through (the retries wrap it), e.g. an in-process app's.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        credential: str | TokenCredential,
        strict: bool = False,
        retries: int = 3,
        retry_posts_when_unavailable: bool = False,
        timeout: float = 30.0,
        scopes: Sequence[str] = (GRAPH_SCOPE,),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._session = Session(
            base_url,
            credential,
            strict=strict,
            retries=retries,
            retry_posts_when_unavailable=retry_posts_when_unavailable,
            timeout=timeout,
            scopes=tuple(scopes),
            transport=transport,
        )

    def service_principals(self, service_principal_id: str) -> ServicePrincipalResource:
        """`/servicePrincipals/{id}/synchronization`"""
        return ServicePrincipalResource(
            self._session, f"/servicePrincipals/{segment(service_principal_id)}/synchronization"
        )

    def applications(self, application_id: str) -> ApplicationResource:
        """`/applications/{id}/synchronization`"""
        return ApplicationResource(self._session, f"/applications/{segment(application_id)}/synchronization")

    @property
    def http(self) -> httpx.Client:
        """The underlying httpx client (credential, retries, checks)."""
        return self._session.http

    def low_level(self) -> AuthenticatedClient:
        """The generated functions' client (`graphsync_client.api`), on this one's httpx client."""
        client = AuthenticatedClient(base_url=self._session.base_url, token="")
        client.set_httpx_client(self._session.http)
        return client

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> GraphSync:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class AsyncServicePrincipalJobSchemaDirectoryResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    async def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class AsyncServicePrincipalJobSchemaDirectoriesResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> AsyncServicePrincipalJobSchemaDirectoryResource:
        return AsyncServicePrincipalJobSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> AsyncIterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class AsyncServicePrincipalJobSchemaFilterOperatorsResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class AsyncServicePrincipalJobSchemaFunctionsResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class AsyncServicePrincipalJobSchemaResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> AsyncServicePrincipalJobSchemaDirectoriesResource:
        return AsyncServicePrincipalJobSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> AsyncServicePrincipalJobSchemaFilterOperatorsResource:
        return AsyncServicePrincipalJobSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> AsyncServicePrincipalJobSchemaFunctionsResource:
        return AsyncServicePrincipalJobSchemaFunctionsResource(self._session, self._path + "/functions")

    async def get(self) -> tolerant.SynchronizationSchema:
        """Get synchronizationSchema.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}/schema`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    async def put(self, body: tolerant.SynchronizationSchema) -> None:
        """Update synchronizationSchema.

        `PUT /servicePrincipals/{id}/synchronization/jobs/{id}/schema`
        """
        await self._session.send("PUT", self._path, body=body, media_type="application/json")

    async def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/schema/parseExpression`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class AsyncServicePrincipalJobResource:
    """`/servicePrincipals/{id}/synchronization/jobs/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> AsyncServicePrincipalJobSchemaResource:
        return AsyncServicePrincipalJobSchemaResource(self._session, self._path + "/schema")

    async def get(self) -> tolerant.SynchronizationJob:
        """Get synchronizationJob.

        `GET /servicePrincipals/{id}/synchronization/jobs/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationJob)

    async def delete(self) -> None:
        """Delete synchronizationJob.

        `DELETE /servicePrincipals/{id}/synchronization/jobs/{id}`
        """
        await self._session.send("DELETE", self._path)

    async def start(self) -> None:
        """Start synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/start`
        """
        await self._session.send("POST", self._path + "/start")

    async def pause(self) -> None:
        """Pause synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/pause`
        """
        await self._session.send("POST", self._path + "/pause")

    async def restart(self, *, criteria: tolerant.SynchronizationJobRestartCriteria | None | MISSING = MISSING) -> None:
        """Restart synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/restart`
        """
        await self._session.send(
            "POST",
            self._path + "/restart",
            body=tolerant.RestartRequest(criteria=criteria),
            media_type="application/json",
        )

    async def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/validateCredentials`
        """
        await self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )

    async def provision_on_demand(
        self, *, parameters: builtins.list[tolerant.SynchronizationJobApplicationParameters]
    ) -> tolerant.StringKeyStringValuePair:
        """Provision on demand.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/provisionOnDemand`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/provisionOnDemand",
                body=tolerant.ProvisionOnDemandRequest(parameters=parameters),
                media_type="application/json",
            ),
            tolerant.StringKeyStringValuePair,
        )

    async def bulk_upload(
        self,
        *,
        schemas: builtins.list[Literal["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]],
        operations: builtins.list[tolerant.BulkUploadOperation],
        fail_on_errors: int | None | MISSING = MISSING,
    ) -> None:
        """Perform bulkUpload.

        `POST /servicePrincipals/{id}/synchronization/jobs/{id}/bulkUpload`
        """
        await self._session.send(
            "POST",
            self._path + "/bulkUpload",
            body=tolerant.BulkUploadRequest(schemas=schemas, operations=operations, fail_on_errors=fail_on_errors),
            media_type="application/scim+json",
        )


class AsyncServicePrincipalJobsResource:
    """`/servicePrincipals/{id}/synchronization/jobs`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_job_id: str) -> AsyncServicePrincipalJobResource:
        return AsyncServicePrincipalJobResource(self._session, f"{self._path}/{segment(synchronization_job_id)}")

    def list(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        count: bool | None = None,
        orderby: Sequence[str] | None = None,
    ) -> AsyncIterator[tolerant.SynchronizationJob]:
        """List synchronization jobs: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/jobs`
        """
        return self._session.pages(
            self._path,
            params={"$top": top, "$skip": skip, "$filter": filter, "$count": count, "$orderby": orderby},
            page=tolerant.SynchronizationJobCollectionResponse,
            item=tolerant.SynchronizationJob,
        )

    async def create(
        self,
        *,
        template_id: str,
        schedule: tolerant.SynchronizationSchedule | None | MISSING = MISSING,
        status: tolerant.SynchronizationStatus | None | MISSING = MISSING,
        synchronization_job_settings: builtins.list[tolerant.KeyValuePair] | MISSING = MISSING,
    ) -> tolerant.SynchronizationJob:
        """Create synchronizationJob.

        `POST /servicePrincipals/{id}/synchronization/jobs`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path,
                body=tolerant.SynchronizationJobCreate(
                    template_id=template_id,
                    schedule=schedule,
                    status=status,
                    synchronization_job_settings=synchronization_job_settings,
                ),
                media_type="application/json",
            ),
            tolerant.SynchronizationJob,
        )

    async def count(self, *, filter: str | None = None) -> int:
        """Get the number of synchronization jobs.

        `GET /servicePrincipals/{id}/synchronization/jobs/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count", params={"$filter": filter})).text)

    async def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials before a job exists.

        `POST /servicePrincipals/{id}/synchronization/jobs/validateCredentials`
        """
        await self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )


class AsyncServicePrincipalSecretsResource:
    """`/servicePrincipals/{id}/synchronization/secrets`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.SynchronizationSecretKeyStringValuePair]:
        """Get the synchronization secrets: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/secrets`
        """
        return self._session.pages(
            self._path,
            page=tolerant.SynchronizationSecretCollectionResponse,
            item=tolerant.SynchronizationSecretKeyStringValuePair,
        )

    async def put(self, *, value: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair]) -> None:
        """Add synchronization secrets.

        `PUT /servicePrincipals/{id}/synchronization/secrets`
        """
        await self._session.send(
            "PUT", self._path, body=tolerant.SynchronizationSecretsRequest(value=value), media_type="application/json"
        )

    async def count(self) -> int:
        """Get the number of synchronization secrets.

        `GET /servicePrincipals/{id}/synchronization/secrets/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count")).text)


class AsyncServicePrincipalTemplateSchemaDirectoryResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    async def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/directories/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class AsyncServicePrincipalTemplateSchemaDirectoriesResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> AsyncServicePrincipalTemplateSchemaDirectoryResource:
        return AsyncServicePrincipalTemplateSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> AsyncIterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class AsyncServicePrincipalTemplateSchemaFilterOperatorsResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class AsyncServicePrincipalTemplateSchemaFunctionsResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class AsyncServicePrincipalTemplateSchemaResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> AsyncServicePrincipalTemplateSchemaDirectoriesResource:
        return AsyncServicePrincipalTemplateSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> AsyncServicePrincipalTemplateSchemaFilterOperatorsResource:
        return AsyncServicePrincipalTemplateSchemaFilterOperatorsResource(
            self._session, self._path + "/filterOperators"
        )

    @property
    def functions(self) -> AsyncServicePrincipalTemplateSchemaFunctionsResource:
        return AsyncServicePrincipalTemplateSchemaFunctionsResource(self._session, self._path + "/functions")

    async def get(self) -> tolerant.SynchronizationSchema:
        """Get the schema of a synchronizationTemplate.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}/schema`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    async def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /servicePrincipals/{id}/synchronization/templates/{id}/schema/parseExpression`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class AsyncServicePrincipalTemplateResource:
    """`/servicePrincipals/{id}/synchronization/templates/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> AsyncServicePrincipalTemplateSchemaResource:
        return AsyncServicePrincipalTemplateSchemaResource(self._session, self._path + "/schema")

    async def get(self) -> tolerant.SynchronizationTemplate:
        """Get synchronizationTemplate.

        `GET /servicePrincipals/{id}/synchronization/templates/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationTemplate)


class AsyncServicePrincipalTemplatesResource:
    """`/servicePrincipals/{id}/synchronization/templates`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_template_id: str) -> AsyncServicePrincipalTemplateResource:
        return AsyncServicePrincipalTemplateResource(
            self._session, f"{self._path}/{segment(synchronization_template_id)}"
        )

    def list(self) -> AsyncIterator[tolerant.SynchronizationTemplate]:
        """List synchronization templates: every item of every page (`@odata.nextLink` followed).

        `GET /servicePrincipals/{id}/synchronization/templates`
        """
        return self._session.pages(
            self._path, page=tolerant.SynchronizationTemplateCollectionResponse, item=tolerant.SynchronizationTemplate
        )

    async def count(self) -> int:
        """Get the number of synchronization templates.

        `GET /servicePrincipals/{id}/synchronization/templates/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count")).text)


class AsyncServicePrincipalResource:
    """`/servicePrincipals/{id}/synchronization`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def jobs(self) -> AsyncServicePrincipalJobsResource:
        return AsyncServicePrincipalJobsResource(self._session, self._path + "/jobs")

    @property
    def secrets(self) -> AsyncServicePrincipalSecretsResource:
        return AsyncServicePrincipalSecretsResource(self._session, self._path + "/secrets")

    @property
    def templates(self) -> AsyncServicePrincipalTemplatesResource:
        return AsyncServicePrincipalTemplatesResource(self._session, self._path + "/templates")

    async def get(self) -> tolerant.Synchronization:
        """Get synchronization.

        `GET /servicePrincipals/{id}/synchronization`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.Synchronization)


class AsyncApplicationJobSchemaDirectoryResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    async def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /applications/{id}/synchronization/jobs/{id}/schema/directories/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class AsyncApplicationJobSchemaDirectoriesResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> AsyncApplicationJobSchemaDirectoryResource:
        return AsyncApplicationJobSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> AsyncIterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class AsyncApplicationJobSchemaFilterOperatorsResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class AsyncApplicationJobSchemaFunctionsResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class AsyncApplicationJobSchemaResource:
    """`/applications/{id}/synchronization/jobs/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> AsyncApplicationJobSchemaDirectoriesResource:
        return AsyncApplicationJobSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> AsyncApplicationJobSchemaFilterOperatorsResource:
        return AsyncApplicationJobSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> AsyncApplicationJobSchemaFunctionsResource:
        return AsyncApplicationJobSchemaFunctionsResource(self._session, self._path + "/functions")

    async def get(self) -> tolerant.SynchronizationSchema:
        """Get synchronizationSchema.

        `GET /applications/{id}/synchronization/jobs/{id}/schema`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    async def put(self, body: tolerant.SynchronizationSchema) -> None:
        """Update synchronizationSchema.

        `PUT /applications/{id}/synchronization/jobs/{id}/schema`
        """
        await self._session.send("PUT", self._path, body=body, media_type="application/json")

    async def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /applications/{id}/synchronization/jobs/{id}/schema/parseExpression`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class AsyncApplicationJobResource:
    """`/applications/{id}/synchronization/jobs/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> AsyncApplicationJobSchemaResource:
        return AsyncApplicationJobSchemaResource(self._session, self._path + "/schema")

    async def get(self) -> tolerant.SynchronizationJob:
        """Get synchronizationJob.

        `GET /applications/{id}/synchronization/jobs/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationJob)

    async def delete(self) -> None:
        """Delete synchronizationJob.

        `DELETE /applications/{id}/synchronization/jobs/{id}`
        """
        await self._session.send("DELETE", self._path)

    async def start(self) -> None:
        """Start synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/start`
        """
        await self._session.send("POST", self._path + "/start")

    async def pause(self) -> None:
        """Pause synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/pause`
        """
        await self._session.send("POST", self._path + "/pause")

    async def restart(self, *, criteria: tolerant.SynchronizationJobRestartCriteria | None | MISSING = MISSING) -> None:
        """Restart synchronizationJob.

        `POST /applications/{id}/synchronization/jobs/{id}/restart`
        """
        await self._session.send(
            "POST",
            self._path + "/restart",
            body=tolerant.RestartRequest(criteria=criteria),
            media_type="application/json",
        )

    async def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials.

        `POST /applications/{id}/synchronization/jobs/{id}/validateCredentials`
        """
        await self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )

    async def provision_on_demand(
        self, *, parameters: builtins.list[tolerant.SynchronizationJobApplicationParameters]
    ) -> tolerant.StringKeyStringValuePair:
        """Provision on demand.

        `POST /applications/{id}/synchronization/jobs/{id}/provisionOnDemand`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/provisionOnDemand",
                body=tolerant.ProvisionOnDemandRequest(parameters=parameters),
                media_type="application/json",
            ),
            tolerant.StringKeyStringValuePair,
        )


class AsyncApplicationJobsResource:
    """`/applications/{id}/synchronization/jobs`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_job_id: str) -> AsyncApplicationJobResource:
        return AsyncApplicationJobResource(self._session, f"{self._path}/{segment(synchronization_job_id)}")

    def list(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        count: bool | None = None,
        orderby: Sequence[str] | None = None,
    ) -> AsyncIterator[tolerant.SynchronizationJob]:
        """List synchronization jobs: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/jobs`
        """
        return self._session.pages(
            self._path,
            params={"$top": top, "$skip": skip, "$filter": filter, "$count": count, "$orderby": orderby},
            page=tolerant.SynchronizationJobCollectionResponse,
            item=tolerant.SynchronizationJob,
        )

    async def create(
        self,
        *,
        template_id: str,
        schedule: tolerant.SynchronizationSchedule | None | MISSING = MISSING,
        status: tolerant.SynchronizationStatus | None | MISSING = MISSING,
        synchronization_job_settings: builtins.list[tolerant.KeyValuePair] | MISSING = MISSING,
    ) -> tolerant.SynchronizationJob:
        """Create synchronizationJob.

        `POST /applications/{id}/synchronization/jobs`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path,
                body=tolerant.SynchronizationJobCreate(
                    template_id=template_id,
                    schedule=schedule,
                    status=status,
                    synchronization_job_settings=synchronization_job_settings,
                ),
                media_type="application/json",
            ),
            tolerant.SynchronizationJob,
        )

    async def count(self, *, filter: str | None = None) -> int:
        """Get the number of synchronization jobs.

        `GET /applications/{id}/synchronization/jobs/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count", params={"$filter": filter})).text)

    async def validate_credentials(
        self,
        *,
        application_identifier: str | None | MISSING = MISSING,
        template_id: str | None | MISSING = MISSING,
        use_saved_credentials: bool | None | MISSING = MISSING,
        credentials: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair] | MISSING = MISSING,
    ) -> None:
        """Validate credentials before a job exists.

        `POST /applications/{id}/synchronization/jobs/validateCredentials`
        """
        await self._session.send(
            "POST",
            self._path + "/validateCredentials",
            body=tolerant.ValidateCredentialsRequest(
                application_identifier=application_identifier,
                template_id=template_id,
                use_saved_credentials=use_saved_credentials,
                credentials=credentials,
            ),
            media_type="application/json",
        )


class AsyncApplicationSecretsResource:
    """`/applications/{id}/synchronization/secrets`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.SynchronizationSecretKeyStringValuePair]:
        """Get the synchronization secrets: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/secrets`
        """
        return self._session.pages(
            self._path,
            page=tolerant.SynchronizationSecretCollectionResponse,
            item=tolerant.SynchronizationSecretKeyStringValuePair,
        )

    async def put(self, *, value: builtins.list[tolerant.SynchronizationSecretKeyStringValuePair]) -> None:
        """Add synchronization secrets.

        `PUT /applications/{id}/synchronization/secrets`
        """
        await self._session.send(
            "PUT", self._path, body=tolerant.SynchronizationSecretsRequest(value=value), media_type="application/json"
        )

    async def count(self) -> int:
        """Get the number of synchronization secrets.

        `GET /applications/{id}/synchronization/secrets/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count")).text)


class AsyncApplicationTemplateSchemaDirectoryResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/directories/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    async def get(self) -> tolerant.DirectoryDefinition:
        """Get directoryDefinition.

        `GET /applications/{id}/synchronization/templates/{id}/schema/directories/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.DirectoryDefinition)


class AsyncApplicationTemplateSchemaDirectoriesResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/directories`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, directory_definition_id: str) -> AsyncApplicationTemplateSchemaDirectoryResource:
        return AsyncApplicationTemplateSchemaDirectoryResource(
            self._session, f"{self._path}/{segment(directory_definition_id)}"
        )

    def list(self) -> AsyncIterator[tolerant.DirectoryDefinition]:
        """List directories: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/directories`
        """
        return self._session.pages(
            self._path, page=tolerant.DirectoryDefinitionCollectionResponse, item=tolerant.DirectoryDefinition
        )


class AsyncApplicationTemplateSchemaFilterOperatorsResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/filterOperators`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.FilterOperatorSchema]:
        """Invoke function filterOperators: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/filterOperators`
        """
        return self._session.pages(
            self._path, page=tolerant.FilterOperatorCollectionResponse, item=tolerant.FilterOperatorSchema
        )


class AsyncApplicationTemplateSchemaFunctionsResource:
    """`/applications/{id}/synchronization/templates/{id}/schema/functions`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def list(self) -> AsyncIterator[tolerant.AttributeMappingFunctionSchema]:
        """Invoke function functions: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates/{id}/schema/functions`
        """
        return self._session.pages(
            self._path,
            page=tolerant.AttributeMappingFunctionCollectionResponse,
            item=tolerant.AttributeMappingFunctionSchema,
        )


class AsyncApplicationTemplateSchemaResource:
    """`/applications/{id}/synchronization/templates/{id}/schema`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def directories(self) -> AsyncApplicationTemplateSchemaDirectoriesResource:
        return AsyncApplicationTemplateSchemaDirectoriesResource(self._session, self._path + "/directories")

    @property
    def filter_operators(self) -> AsyncApplicationTemplateSchemaFilterOperatorsResource:
        return AsyncApplicationTemplateSchemaFilterOperatorsResource(self._session, self._path + "/filterOperators")

    @property
    def functions(self) -> AsyncApplicationTemplateSchemaFunctionsResource:
        return AsyncApplicationTemplateSchemaFunctionsResource(self._session, self._path + "/functions")

    async def get(self) -> tolerant.SynchronizationSchema:
        """Get the schema of a synchronizationTemplate.

        `GET /applications/{id}/synchronization/templates/{id}/schema`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationSchema)

    async def parse_expression(
        self,
        *,
        expression: str,
        test_input_object: tolerant.ExpressionInputObject | None | MISSING = MISSING,
        target_attribute_definition: tolerant.AttributeDefinition | None | MISSING = MISSING,
    ) -> tolerant.ParseExpressionResponse:
        """Invoke action parseExpression.

        `POST /applications/{id}/synchronization/templates/{id}/schema/parseExpression`
        """
        return self._session.read(
            await self._session.send(
                "POST",
                self._path + "/parseExpression",
                body=tolerant.ParseExpressionRequest(
                    expression=expression,
                    test_input_object=test_input_object,
                    target_attribute_definition=target_attribute_definition,
                ),
                media_type="application/json",
            ),
            tolerant.ParseExpressionResponse,
        )


class AsyncApplicationTemplateResource:
    """`/applications/{id}/synchronization/templates/{id}`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def schema(self) -> AsyncApplicationTemplateSchemaResource:
        return AsyncApplicationTemplateSchemaResource(self._session, self._path + "/schema")

    async def get(self) -> tolerant.SynchronizationTemplate:
        """Get synchronizationTemplate.

        `GET /applications/{id}/synchronization/templates/{id}`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.SynchronizationTemplate)


class AsyncApplicationTemplatesResource:
    """`/applications/{id}/synchronization/templates`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    def __call__(self, synchronization_template_id: str) -> AsyncApplicationTemplateResource:
        return AsyncApplicationTemplateResource(self._session, f"{self._path}/{segment(synchronization_template_id)}")

    def list(self) -> AsyncIterator[tolerant.SynchronizationTemplate]:
        """List synchronization templates: every item of every page (`@odata.nextLink` followed).

        `GET /applications/{id}/synchronization/templates`
        """
        return self._session.pages(
            self._path, page=tolerant.SynchronizationTemplateCollectionResponse, item=tolerant.SynchronizationTemplate
        )

    async def count(self) -> int:
        """Get the number of synchronization templates.

        `GET /applications/{id}/synchronization/templates/$count`
        """
        return int((await self._session.send("GET", self._path + "/$count")).text)


class AsyncApplicationResource:
    """`/applications/{id}/synchronization`"""

    __slots__ = ("_path", "_session")

    def __init__(self, session: AsyncSession, path: str) -> None:
        self._session = session
        self._path = path

    @property
    def jobs(self) -> AsyncApplicationJobsResource:
        return AsyncApplicationJobsResource(self._session, self._path + "/jobs")

    @property
    def secrets(self) -> AsyncApplicationSecretsResource:
        return AsyncApplicationSecretsResource(self._session, self._path + "/secrets")

    @property
    def templates(self) -> AsyncApplicationTemplatesResource:
        return AsyncApplicationTemplatesResource(self._session, self._path + "/templates")

    async def get(self) -> tolerant.Synchronization:
        """Get synchronization.

        `GET /applications/{id}/synchronization`
        """
        return self._session.read(await self._session.send("GET", self._path), tolerant.Synchronization)


class AsyncGraphSync:
    """The synchronization API of Microsoft Graph (asyncio).

    `credential`: a token string, or an azure-identity credential (async or sync), asked for
    `scopes` (`https://graph.microsoft.com/.default`). `strict`: check every request and response against
    the contract and raise `ContractError` (conformance tests); by default unknown properties and
    enumeration members Graph adds later are kept. `retries`: attempts on 429, 503 and 504 with
    `Retry-After` (0: none); a POST is retried on 503 and 504 only with `retry_posts_when_unavailable`.
    `transport`: an httpx transport to send through (the retries wrap it), e.g. an in-process app's.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        credential: str | TokenCredential | AsyncTokenCredential,
        strict: bool = False,
        retries: int = 3,
        retry_posts_when_unavailable: bool = False,
        timeout: float = 30.0,
        scopes: Sequence[str] = (GRAPH_SCOPE,),
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._session = AsyncSession(
            base_url,
            credential,
            strict=strict,
            retries=retries,
            retry_posts_when_unavailable=retry_posts_when_unavailable,
            timeout=timeout,
            scopes=tuple(scopes),
            transport=transport,
        )

    def service_principals(self, service_principal_id: str) -> AsyncServicePrincipalResource:
        """`/servicePrincipals/{id}/synchronization`"""
        return AsyncServicePrincipalResource(
            self._session, f"/servicePrincipals/{segment(service_principal_id)}/synchronization"
        )

    def applications(self, application_id: str) -> AsyncApplicationResource:
        """`/applications/{id}/synchronization`"""
        return AsyncApplicationResource(self._session, f"/applications/{segment(application_id)}/synchronization")

    @property
    def http(self) -> httpx.AsyncClient:
        """The underlying httpx client (credential, retries, checks)."""
        return self._session.http

    def low_level(self) -> AuthenticatedClient:
        """The generated functions' client (`graphsync_client.api`), on this one's httpx client."""
        client = AuthenticatedClient(base_url=self._session.base_url, token="")
        client.set_async_httpx_client(self._session.http)
        return client

    async def aclose(self) -> None:
        await self._session.aclose()

    async def __aenter__(self) -> AsyncGraphSync:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
