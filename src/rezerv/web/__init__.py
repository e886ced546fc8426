"""The Django project: persistence, roles and workflow around the engine."""
