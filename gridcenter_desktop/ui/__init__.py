"""The PySide6 desk: main window, docks, Qt models over services, dialogs and background jobs.

Only this package imports Qt; it shows state and turns gestures into service calls.
"""
