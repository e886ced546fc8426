"""Persistence, domain services, selectors and permissions around the engine."""
