"""A client library for accessing Microsoft Graph synchronization"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
