"""PK forms, filled from recorded data (see docs/documents.md)."""
