"""rezerv: public-sector personnel selection run from regulation files."""

__version__ = "0.1.0"
