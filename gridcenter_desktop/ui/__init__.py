"""The PySide6 desk: main window, docks, dialogs. Shows state and calls services only."""
