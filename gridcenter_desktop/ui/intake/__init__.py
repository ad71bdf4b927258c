"""File → Import tickets: a platform's sheet (12345, the district platform, Open311) read,
mapped, previewed and imported in the background (services/intake does every rule; these
widgets show its state). ``dialog.open_ticket_import`` is the menu's entry point."""
