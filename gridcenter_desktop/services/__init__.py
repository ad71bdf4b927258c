"""Use cases over a database session. Each public action commits once; nothing here imports Qt."""
