"""Use cases over a database session. Each public action commits once; nothing here imports Qt."""

# Importing any service registers the ORM hooks that (1) tell other workstations which tickets
# changed (PostgreSQL NOTIFY, see change_feed.py) and (2) keep the text search index in step
# with every ticket saved through the ORM (registration, edits), whichever service saves it,
# and (3) keep the reporter's phone key of the search box (ticket_lookup.py).
from gridcenter_desktop.services import change_feed as _change_feed  # noqa: F401
from gridcenter_desktop.services import search as _search  # noqa: F401
from gridcenter_desktop.services import ticket_lookup as _ticket_lookup  # noqa: F401
