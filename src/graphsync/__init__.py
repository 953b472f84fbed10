"""graphsync: a Graph-faithful emulator of the Microsoft Graph synchronization-jobs API."""

__version__ = "0.1.0"
