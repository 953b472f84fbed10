"""A client library for accessing Microsoft Graph synchronization"""

from .client import AuthenticatedClient, Client
from .contract import ContractError
from .facade import AsyncGraphSync, GraphSync
from .runtime import (
    BadRequest,
    Conflict,
    Forbidden,
    GraphError,
    NotFound,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnsafeLinkError,
)

__all__ = (
    "AsyncGraphSync",
    "AuthenticatedClient",
    "BadRequest",
    "Client",
    "Conflict",
    "ContractError",
    "Forbidden",
    "GraphError",
    "GraphSync",
    "NotFound",
    "ServerError",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "UnsafeLinkError",
)
