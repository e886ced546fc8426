"""The regulation engine: pure Python, no Django imports."""
