"""Graph's behaviour as pure, typed functions on documents: no HTTP, no storage (ARCHITECTURE.md)."""
