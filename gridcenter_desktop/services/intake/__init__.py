"""Tickets in and out (Qt-free): platforms' sheets and Open311 files read into rows, planned
against the database and imported through the registration service; the reply sheet and the
Open311 export back; photos and documents on tickets.

    sheet.py / open311_in.py → IncomingSheet → plan.py (IntakePlan, the preview) → apply
"""
