"""Use cases over a database session. Each public action commits once; nothing here imports Qt."""

# Importing any service registers the ORM hooks that keep the text search index in step with
# every ticket saved through the ORM (registration, edits), whichever service saves it.
from gridcenter_desktop.services import search as _search  # noqa: F401
