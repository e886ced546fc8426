"""The application's settings with the bench's URLs (``answers_urls``: one bare view more)."""

from rezerv.web.settings import *  # noqa: F403

ROOT_URLCONF = "answers_urls"
