"""Bundled regulation files of the five seed procedures."""
