"""Chinese sentences for the errors services raise.

A ValidationError names a field and a rule (codes, see services/errors.py); ``error_text``
turns it into "<field label><what is wrong>". tests/ui/test_error_labels.py walks every
ValidationError the services, core and reports can raise, so a new field or rule without a
label here fails a test instead of showing the operator a code.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QCoreApplication

from gridcenter_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    TransitionError,
    ValidationError,
)
from gridcenter_desktop.ui.labels import _event_actions, status_label, user_role_label


@functools.cache
def _fields() -> dict[str, str]:
    """Names of the inputs a ValidationError can point at (services use these field names)."""
    return {
        "title": QCoreApplication.translate("Labels", "Title"),
        "description": QCoreApplication.translate("Labels", "Description"),
        "kind": QCoreApplication.translate("Labels", "Kind"),
        "source": QCoreApplication.translate("Labels", "Source"),
        "category": QCoreApplication.translate("Labels", "Category"),
        "priority": QCoreApplication.translate("Labels", "Urgency"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "reporter_name": QCoreApplication.translate("Labels", "Reporter name"),
        "reporter_phone": QCoreApplication.translate("Labels", "Reporter phone"),
        "address": QCoreApplication.translate("Labels", "Address"),
        "grid_id": QCoreApplication.translate("Labels", "Grid"),
        "grid": QCoreApplication.translate("Labels", "Grid"),
        "village": QCoreApplication.translate("Labels", "Village or community"),
        "area_id": QCoreApplication.translate("Labels", "Area"),
        "department_id": QCoreApplication.translate("Labels", "Department"),
        "lead_department_id": QCoreApplication.translate("Labels", "Lead department"),
        "lead_department": QCoreApplication.translate("Labels", "Lead department"),
        "assist_department_ids": QCoreApplication.translate("Labels", "Assisting departments"),
        "departments": QCoreApplication.translate("Labels", "Departments"),
        "accept_by": QCoreApplication.translate("Labels", "Accept by"),
        "finish_by": QCoreApplication.translate("Labels", "Finish by"),
        # services/tickets/dispatching.py, adding.py: the assistants' own clock; 加派.
        "assist_accept_by": QCoreApplication.translate(
            "Labels", "Assisting departments' accept by"
        ),
        "assist_finish_by": QCoreApplication.translate(
            "Labels", "Assisting departments' finish by"
        ),
        "department_ids": QCoreApplication.translate("Labels", "Departments"),
        "deadline_at": QCoreApplication.translate("Labels", "Deadline"),
        "instructions": QCoreApplication.translate("Labels", "Instructions"),
        "reason": QCoreApplication.translate("Labels", "Reason"),
        "note": QCoreApplication.translate("Labels", "Note"),
        "result": QCoreApplication.translate("Labels", "Result"),
        "outcome": QCoreApplication.translate("Labels", "Outcome"),
        "satisfaction": QCoreApplication.translate("Labels", "Satisfaction"),
        # services/tickets/callback.py: how the reporter was reached.
        "channel": QCoreApplication.translate("Labels", "Reached by"),
        # core/workflow.py refusals about the ticket itself (a merged duplicate's callback).
        "ticket_id": QCoreApplication.translate("Labels", "This ticket"),
        "people_count": QCoreApplication.translate("Labels", "Number of people"),
        "external_source": QCoreApplication.translate("Labels", "Source platform"),
        "external_code": QCoreApplication.translate("Labels", "Platform ticket number"),
        "external_category": QCoreApplication.translate("Labels", "Platform category"),
        # services/tickets/placing.py
        "placement": QCoreApplication.translate("Labels", "Grid or category"),
        "remember_category": QCoreApplication.translate(
            "Labels", "Remembering the category mapping"
        ),
        # services/intake/profiles.py
        "profile_name": QCoreApplication.translate("Labels", "Import profile name"),
        "profile_columns": QCoreApplication.translate("Labels", "Column mapping"),
        "profile_source": QCoreApplication.translate("Labels", "Profile's platform"),
        "merge_into": QCoreApplication.translate("Labels", "Ticket to merge into"),
        # The ticket import (services/intake/plan.py, intake_command.py).
        "intake_plan": QCoreApplication.translate("Labels", "The import preview"),
        "rejects": QCoreApplication.translate("Labels", "File for the rows not imported"),
        "merged_into_id": QCoreApplication.translate("Labels", "Ticket to merge into"),
        "target_ticket_id": QCoreApplication.translate("Labels", "Ticket to merge into"),
        "login": QCoreApplication.translate("Labels", "Login"),
        "display_name": QCoreApplication.translate("Labels", "Name"),
        "password": QCoreApplication.translate("Labels", "Password"),
        "date_from": QCoreApplication.translate("Labels", "From"),
        "date_to": QCoreApplication.translate("Labels", "To"),
        "url": QCoreApplication.translate("Labels", "Database address"),
        "version": QCoreApplication.translate("Labels", "Version"),
        "ticket": QCoreApplication.translate("Labels", "Ticket"),
        "assignment_id": QCoreApplication.translate("Labels", "Assignment"),
        # services/tickets/extension.py
        "proposed_finish_by": QCoreApplication.translate("Labels", "Proposed finish-by time"),
        "new_finish_by": QCoreApplication.translate("Labels", "Approved finish-by time"),
        "request_id": QCoreApplication.translate("Labels", "Extension request"),
        "text": QCoreApplication.translate("Labels", "Search text"),
        "created_from": QCoreApplication.translate("Labels", "Registered from"),
        "created_to": QCoreApplication.translate("Labels", "Registered until"),
        "statuses": QCoreApplication.translate("Labels", "Status"),
        "path": QCoreApplication.translate("Labels", "File"),
        "scope": QCoreApplication.translate("Labels", "Tickets to export"),
        "reopen": QCoreApplication.translate("Labels", "Reopen"),
        "deadline": QCoreApplication.translate("Labels", "Deadline"),
        "feedback": QCoreApplication.translate("Labels", "Handling result"),
        "public_reply": QCoreApplication.translate("Labels", "Reply to the public"),
        "complaint_true": QCoreApplication.translate("Labels", "Complaint founded"),
        "solved": QCoreApplication.translate("Labels", "Problem solved"),
        "latitude": QCoreApplication.translate("Labels", "Latitude"),
        "longitude": QCoreApplication.translate("Labels", "Longitude"),
        "name": QCoreApplication.translate("Labels", "Holiday name"),
        "order": QCoreApplication.translate("Labels", "Sort order"),
        "cursor": QCoreApplication.translate("Labels", "Scroll position"),
        "limit": QCoreApplication.translate("Labels", "Number of rows"),
        "before": QCoreApplication.translate("Labels", "Scroll position"),
        "cap": QCoreApplication.translate("Labels", "Count limit"),
        "offset": QCoreApplication.translate("Labels", "Row number"),
        "user_id": QCoreApplication.translate("Labels", "User"),
        "preset": QCoreApplication.translate("Labels", "Preset view"),
        "archive_before": QCoreApplication.translate("Labels", "Archive rows before"),
        "out": QCoreApplication.translate("Labels", "File"),
        "old_password": QCoreApplication.translate("Labels", "Current password"),
        "role": QCoreApplication.translate("Labels", "Role"),
        "user": QCoreApplication.translate("Labels", "User"),
        # services/admin/areas.py and members.py
        "area_name": QCoreApplication.translate("Labels", "Area name"),
        "area_code": QCoreApplication.translate("Labels", "Area code"),
        "code_system": QCoreApplication.translate("Labels", "Code system"),
        "level": QCoreApplication.translate("Labels", "Area level"),
        "parent_id": QCoreApplication.translate("Labels", "Parent area"),
        "sort_order": QCoreApplication.translate("Labels", "Sort order"),
        "merge_target": QCoreApplication.translate("Labels", "Grid to merge into"),
        "member": QCoreApplication.translate("Labels", "Grid member"),
        "person_name": QCoreApplication.translate("Labels", "Member name"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "member_role": QCoreApplication.translate("Labels", "Member role"),
        "since": QCoreApplication.translate("Labels", "Serving since"),
        "until": QCoreApplication.translate("Labels", "Last day of service"),
        "on": QCoreApplication.translate("Labels", "First day in the new grid"),
        "to_area_id": QCoreApplication.translate("Labels", "New grid"),
        # services/admin/base_workbook.py and base_import.py
        "file": QCoreApplication.translate("Labels", "File"),
        "plan": QCoreApplication.translate("Labels", "Import preview"),
        # services/intake/open311.py: the feed written out.
        "open311_file": QCoreApplication.translate("Labels", "Open311 file"),
        # Town administration: departments, deadline rules, town settings.
        "department": QCoreApplication.translate("Labels", "Department"),
        "department_name": QCoreApplication.translate("Labels", "Department name"),
        "department_code": QCoreApplication.translate("Labels", "Department code"),
        "contact_name": QCoreApplication.translate("Labels", "Contact person"),
        "contact_phone": QCoreApplication.translate("Labels", "Contact phone"),
        "time_limit": QCoreApplication.translate("Labels", "Time limit"),
        "rule_kind": QCoreApplication.translate("Labels", "Kind of time limit"),
        "town_name": QCoreApplication.translate("Labels", "Town name"),
        "town_code": QCoreApplication.translate("Labels", "Town code"),
        "centre_name": QCoreApplication.translate("Labels", "Centre's full name"),
        "issuer": QCoreApplication.translate("Labels", "Issuing authority"),
        "notice_pattern": QCoreApplication.translate("Labels", "Notice number pattern"),
        "report_period": QCoreApplication.translate("Labels", "Default report period"),
        # services/intake/attachments.py: photos and documents on tickets.
        "attachment_file": QCoreApplication.translate("Labels", "File"),
        "attachment_name": QCoreApplication.translate("Labels", "File name"),
        "attachments": QCoreApplication.translate("Labels", "Photos and documents"),
        "attachment_id": QCoreApplication.translate("Labels", "File"),
        "thumbnail": QCoreApplication.translate("Labels", "Photo thumbnail"),
        "attachment_limit": QCoreApplication.translate("Labels", "Largest file allowed"),
        # services/inspections.py and notices.py: joint inspections, rectification notices.
        "inspection_kind": QCoreApplication.translate("Labels", "Meeting or inspection"),
        "held_on": QCoreApplication.translate("Labels", "Date held"),
        "findings": QCoreApplication.translate("Labels", "Findings"),
        "place": QCoreApplication.translate("Labels", "Place"),
        "attendees": QCoreApplication.translate("Labels", "Others present"),
        "party": QCoreApplication.translate("Labels", "Party to rectify"),
        "party_address": QCoreApplication.translate("Labels", "Party's address"),
        "problems": QCoreApplication.translate("Labels", "Problems found"),
        "requirements": QCoreApplication.translate("Labels", "Rectification requirements"),
        "issued_on": QCoreApplication.translate("Labels", "Issue date"),
        "inspection_id": QCoreApplication.translate("Labels", "Joint inspection"),
        "notice_id": QCoreApplication.translate("Labels", "Rectification notice"),
        # Grid work settings (issue 12).
        "visit_target": QCoreApplication.translate("Labels", "Monthly visit target"),
        "stale_months": QCoreApplication.translate("Labels", "Months without a visit"),
        "tile_url": QCoreApplication.translate("Labels", "Map tile server address"),
        # Grid boundaries and locating (issue 12, part A).
        "grid_map_file": QCoreApplication.translate("Labels", "Grid boundary file"),
        "crs": QCoreApplication.translate("Labels", "Coordinate system"),
        "location": QCoreApplication.translate("Labels", "Location on the map"),
        # The grid worker who reported a ticket (issue 12, services/grid_workers.py).
        "reported_by_person_id": QCoreApplication.translate("Labels", "Reporting grid worker"),
        # The map's rectangle selection (issue 12, the map dock).
        "bbox": QCoreApplication.translate("Labels", "Rectangle drawn on the map"),
        # The registers (issue 12, services/registers/).
        "member_name": QCoreApplication.translate("Labels", "Name"),
        "member_id": QCoreApplication.translate("Labels", "Special group member"),
        "id_number": QCoreApplication.translate("Labels", "ID number"),
        "guardian": QCoreApplication.translate("Labels", "Contact person"),
        "guardian_phone": QCoreApplication.translate("Labels", "Contact person's phone"),
        "care_note": QCoreApplication.translate("Labels", "Care given"),
        "worker_id": QCoreApplication.translate("Labels", "Grid worker"),
        "rental_id": QCoreApplication.translate("Labels", "Rental housing"),
        "landlord_name": QCoreApplication.translate("Labels", "Landlord"),
        "landlord_phone": QCoreApplication.translate("Labels", "Landlord's phone"),
        "tenants_count": QCoreApplication.translate("Labels", "Tenants"),
        "rooms_count": QCoreApplication.translate("Labels", "Rooms"),
        "next_inspection_on": QCoreApplication.translate("Labels", "Next inspection"),
        "hazards": QCoreApplication.translate("Labels", "Hazards"),
        "risk_level": QCoreApplication.translate("Labels", "Risk level"),
        "found_on": QCoreApplication.translate("Labels", "Found on"),
        "found_by_id": QCoreApplication.translate("Labels", "Found by"),
        "found_by_name": QCoreApplication.translate("Labels", "Found by"),
        "rectify_by": QCoreApplication.translate("Labels", "Rectification deadline"),
        "rectified_on": QCoreApplication.translate("Labels", "Rectified on"),
        "rectification_note": QCoreApplication.translate("Labels", "Rectification"),
        # Video channels (services/video_channels.py, video_channel_import.py).
        "number": QCoreApplication.translate("Labels", "Channel number"),
        "stream_url": QCoreApplication.translate("Labels", "Stream address"),
        "owner_unit": QCoreApplication.translate("Labels", "Owner unit"),
        "video_channel_id": QCoreApplication.translate("Labels", "Video channel"),
        # services/visits/ (household visits, issue 12; worker_id above).
        "visited_on": QCoreApplication.translate("Labels", "Visit date"),
        "register_no": QCoreApplication.translate("Labels", "Household register number"),
        "head_name": QCoreApplication.translate("Labels", "Head of household"),
    }


@functools.cache
def _rules() -> dict[str, str]:
    """What was wrong, for the rule codes ValidationError carries."""
    return {
        "required": QCoreApplication.translate("Labels", "must be filled in"),
        "empty": QCoreApplication.translate("Labels", "must be filled in"),
        "too_long": QCoreApplication.translate("Labels", "is too long"),
        "too_short": QCoreApplication.translate("Labels", "is too short"),
        "unknown": QCoreApplication.translate("Labels", "does not exist"),
        "not_found": QCoreApplication.translate("Labels", "does not exist"),
        "inactive": QCoreApplication.translate("Labels", "is no longer active"),
        "invalid": QCoreApplication.translate("Labels", "is not valid"),
        "format": QCoreApplication.translate("Labels", "is not in a valid format"),
        "phone": QCoreApplication.translate(
            "Labels",
            "is not a phone number we accept (for example 13912345678, +86 139 1234 5678,"
            " 0512-66881234 or 66881234)",
        ),
        "control_chars": QCoreApplication.translate(
            "Labels", "contains control characters (such as NUL); remove them"
        ),
        "in_past": QCoreApplication.translate("Labels", "lies in the past"),
        "past": QCoreApplication.translate("Labels", "lies in the past"),
        "before_accept": QCoreApplication.translate(
            "Labels", "must not be before the accept-by time"
        ),
        "after_whistle_cap": QCoreApplication.translate(
            "Labels", "is later than a whistle allows for this urgency"
        ),
        "order": QCoreApplication.translate("Labels", "is in the wrong order"),
        "duplicate": QCoreApplication.translate("Labels", "is already in use"),
        "same_ticket": QCoreApplication.translate("Labels", "cannot be the ticket itself"),
        "not_grid": QCoreApplication.translate("Labels", "must be a grid"),
        "unchanged": QCoreApplication.translate(
            "Labels", "is the same as now; choose another grid or category"
        ),
        "not_imported": QCoreApplication.translate(
            "Labels", "is only possible for a ticket imported with a platform category"
        ),
        "positive": QCoreApplication.translate("Labels", "must be greater than zero"),
        "range": QCoreApplication.translate("Labels", "is out of range"),
        "tile_template": QCoreApplication.translate(
            "Labels", "must be a web address containing {z}, {x} and {y}"
        ),
        # services/visits/recording.py: the worker must walk that grid on the day.
        "not_in_grid": QCoreApplication.translate(
            "Labels", "is not a grid worker of that grid on that day"
        ),
        "wrong_password": QCoreApplication.translate("Labels", "is wrong"),
        "locked": QCoreApplication.translate("Labels", "is locked for now; try again later"),
        "before_date_from": QCoreApplication.translate("Labels", "must not be before the start"),
        "before_created_from": QCoreApplication.translate("Labels", "must not be before the start"),
        "merged": QCoreApplication.translate("Labels", "was itself merged into another ticket"),
        "closed": QCoreApplication.translate(
            "Labels", "is already closed; reopen it or handle the new report on its own"
        ),
        "requires_dissatisfied": QCoreApplication.translate(
            "Labels", "is only possible after a dissatisfied callback"
        ),
        "not_reached": QCoreApplication.translate(
            "Labels", "cannot be given by a reporter who was not reached"
        ),
        "not_answered": QCoreApplication.translate(
            "Labels",
            "was merged into a ticket that is not closed yet; call the reporter back once it is",
        ),
        "merged_reopen": QCoreApplication.translate(
            "Labels",
            "was merged: it is answered by the ticket it was merged into; reopen that one",
        ),
        "no_searchable_characters": QCoreApplication.translate(
            "Labels", "contains nothing that can be searched for"
        ),
        "not_xlsx": QCoreApplication.translate("Labels", "must be an .xlsx file"),
        "not_png": QCoreApplication.translate("Labels", "must be a .png file"),
        "too_large": QCoreApplication.translate(
            "Labels", "is larger than the town allows for one file (20 MB unless changed)"
        ),
        "empty_file": QCoreApplication.translate("Labels", "is empty (0 bytes)"),
        "program": QCoreApplication.translate(
            "Labels", "is a program, whatever its name says; only photos and documents are kept"
        ),
        "script": QCoreApplication.translate(
            "Labels", "is a script or web page; only photos and documents are kept"
        ),
        "archive": QCoreApplication.translate(
            "Labels", "is a compressed archive; unpack it and add the photos or documents inside"
        ),
        "macros": QCoreApplication.translate(
            "Labels", "contains macros; save it as a document without macros and add it again"
        ),
        "unknown_type": QCoreApplication.translate(
            "Labels",
            "is not a photo (JPEG, PNG, HEIC) or a document (PDF, Word, Excel, PowerPoint)",
        ),
        "heic_unreadable": QCoreApplication.translate(
            "Labels",
            "is a HEIC photo that this computer cannot show; set the phone to send JPEG"
            " (on an iPhone: Settings, Camera, Formats, Most Compatible) and send it again",
        ),
        "damaged": QCoreApplication.translate(
            "Labels", "is damaged in the database (its checksum no longer matches)"
        ),
        "too_many": QCoreApplication.translate(
            "Labels", "are too many at once (at most 20 files in one go)"
        ),
        # Open311: the feed written (open311.py) and a requests.json read (open311_in.py).
        "not_json_or_xml": QCoreApplication.translate("Labels", "must be a .json or .xml file"),
        "folder_missing": QCoreApplication.translate(
            "Labels", "is in a folder that does not exist"
        ),
        "not_json": QCoreApplication.translate("Labels", "is not a JSON file in UTF-8"),
        "not_requests": QCoreApplication.translate(
            "Labels", "is not an Open311 requests.json (a list of service requests)"
        ),
        "xls_format": QCoreApplication.translate(
            "Labels",
            "is an Excel 97-2003 (.xls) or password-protected workbook; save it as an .xlsx"
            " workbook without a password and import it again",
        ),
        "csv_format": QCoreApplication.translate(
            "Labels",
            "is a CSV text file, not a workbook; paste its rows into the base-data template and"
            " save that as .xlsx",
        ),
        "not_workbook": QCoreApplication.translate("Labels", "is not an Excel workbook (.xlsx)"),
        # services/intake/sheet.py and profiles.py
        "unknown_encoding": QCoreApplication.translate(
            "Labels",
            "is a CSV file in an encoding other than UTF-8 or GB18030; save it from Excel or WPS"
            " as CSV again",
        ),
        "not_text": QCoreApplication.translate("Labels", "is not a text (CSV) file"),
        "unsupported_format": QCoreApplication.translate(
            "Labels", "is not an .xlsx, .csv or Open311 requests.json file"
        ),
        "no_header": QCoreApplication.translate(
            "Labels", "has no header row (column names) in its first ten rows"
        ),
        "duplicate_field": QCoreApplication.translate(
            "Labels", "maps two columns to the same field; each field may come from one column"
        ),
        "duplicate_header": QCoreApplication.translate("Labels", "names the same column twice"),
        "bad_header": QCoreApplication.translate(
            "Labels", "has a column name that is too long or contains control characters"
        ),
        "profile_in_use": QCoreApplication.translate(
            "Labels",
            "is in use: tickets were imported with it and their reply sheet needs its columns",
        ),
        "no_lists": QCoreApplication.translate(
            "Labels",
            "has none of the base-data sheets (areas and grids, grid members, departments,"
            " users); use the base-data template",
        ),
        "has_problems": QCoreApplication.translate(
            "Labels", "has rows with problems; correct them in the file and import it again"
        ),
        "sheet_problems": QCoreApplication.translate(
            "Labels", "shows problems with the sheet's columns; map the columns and preview again"
        ),
        "stale": QCoreApplication.translate(
            "Labels", "is out of date: the data changed after it was made; preview the file again"
        ),
        "too_recent": QCoreApplication.translate(
            "Labels", "is less than six months ago (audit rows are kept at least six months)"
        ),
        "archive_mismatch": QCoreApplication.translate(
            "Labels", "does not match the rows written to the archive; nothing was deleted"
        ),
        "no_current_view": QCoreApplication.translate("Labels", "is not available here"),
        "not_pending": QCoreApplication.translate(
            "Labels", "is not waiting to be accepted (it was accepted, returned or withdrawn)"
        ),
        "not_later": QCoreApplication.translate(
            "Labels", "must be later than the current finish-by time"
        ),
        "extension_pending": QCoreApplication.translate(
            "Labels", "already has an extension request waiting for a decision"
        ),
        "decided": QCoreApplication.translate("Labels", "has already been decided"),
        "not_open": QCoreApplication.translate(
            "Labels", "is no longer open (it was fed back, finished or withdrawn)"
        ),
        "already_assigned": QCoreApplication.translate(
            "Labels", "includes a department already working on this ticket"
        ),
        "not_missed": QCoreApplication.translate(
            "Labels", "is not late yet: its accept-by time has not passed"
        ),
        "not_accepted": QCoreApplication.translate(
            "Labels", "has not been accepted yet; accept it before feeding back"
        ),
        "unknown_field": QCoreApplication.translate("Labels", "cannot be sorted by this column"),
        "wrong_ordering": QCoreApplication.translate(
            "Labels", "belongs to another sort order; reload the list"
        ),
        "must_be_positive": QCoreApplication.translate("Labels", "must be greater than zero"),
        "negative": QCoreApplication.translate("Labels", "must not be negative"),
        "missing_kind": QCoreApplication.translate(
            "Labels", "needs a date and a kind (holiday or working day)"
        ),
        "bad_date": QCoreApplication.translate(
            "Labels", "does not start with a date written as YYYY-MM-DD"
        ),
        "bad_kind": QCoreApplication.translate(
            "Labels", "has a kind other than holiday (休) or working day (班)"
        ),
        "with_after": QCoreApplication.translate(
            "Labels", "cannot be combined with a position after a row"
        ),
        "bad_characters": QCoreApplication.translate(
            "Labels", "may only contain letters, digits, dots, dashes and underscores"
        ),
        "same_as_login": QCoreApplication.translate("Labels", "must not be the login name"),
        "common": QCoreApplication.translate("Labels", "is too common and easily guessed"),
        "same_as_old": QCoreApplication.translate(
            "Labels", "must differ from the current password"
        ),
        "self": QCoreApplication.translate("Labels", "cannot be your own account"),
        "last_admin": QCoreApplication.translate(
            "Labels", "is the last active administrator and must stay active"
        ),
        "not_a_verifier": QCoreApplication.translate(
            "Labels", "did not reach the server in protected form"
        ),
        # services/admin/departments.py, deadline_rules.py, town.py
        "not_dispatchable": QCoreApplication.translate(
            "Labels", "is on record but does not take tickets"
        ),
        "in_use": QCoreApplication.translate(
            "Labels",
            "is in use (tickets were assigned to it or users work for it); retire it instead",
        ),
        "already_retired": QCoreApplication.translate("Labels", "is already retired"),
        "limit_not_positive": QCoreApplication.translate(
            "Labels", "must be more than zero (every ticket would be overdue at once)"
        ),
        "limit_too_long": QCoreApplication.translate(
            "Labels", "is too long (at most 366 working days or 744 hours)"
        ),
        "bad_placeholder": QCoreApplication.translate(
            "Labels",
            "may only use the placeholders for the town, the year, the serial number and the"
            " ticket code",
        ),
        "no_serial": QCoreApplication.translate(
            "Labels",
            "must contain the serial number or the ticket code, or two notices would share a"
            " number",
        ),
        # services/admin/areas.py and members.py
        "town_exists": QCoreApplication.translate(
            "Labels", "is missing: the town already exists and only the town stands at the top"
        ),
        "wrong_level": QCoreApplication.translate(
            "Labels",
            "is of the wrong level (town, then village or community, then grid, then micro grid)",
        ),
        "inside_itself": QCoreApplication.translate(
            "Labels", "cannot be the area itself or an area inside it"
        ),
        "has_children": QCoreApplication.translate(
            "Labels", "still has areas under it in service; move or retire them first"
        ),
        "open_tickets": QCoreApplication.translate(
            "Labels",
            "still has open tickets; close them or move them (merge the grid into another) first",
        ),
        "not_retired": QCoreApplication.translate("Labels", "is not retired"),
        "leader_taken": QCoreApplication.translate(
            "Labels", "already has a grid leader; end or move the current one first"
        ),
        "worker_taken": QCoreApplication.translate(
            "Labels", "already has a full-time grid worker; end or move the current one first"
        ),
        "ended": QCoreApplication.translate("Labels", "has already ended this service"),
        "before_since": QCoreApplication.translate(
            "Labels", "must be after the first day of service"
        ),
        "future": QCoreApplication.translate("Labels", "must not lie in the future"),
        "before_issue": QCoreApplication.translate("Labels", "must not be before the issue date"),
        "already_checked": QCoreApplication.translate(
            "Labels", "has already been checked back and found rectified"
        ),
        "number_taken": QCoreApplication.translate(
            "Labels", "gives a number already in use; it must contain the serial number"
        ),
        "same_area": QCoreApplication.translate("Labels", "cannot be the same grid"),
        "children_outside": QCoreApplication.translate(
            "Labels", "no longer fits the codes of the areas under it; change those first"
        ),
        "code_not_digits": QCoreApplication.translate("Labels", "may only contain digits"),
        "code_wrong_length": QCoreApplication.translate(
            "Labels", "must have 9 digits (town) or 12 digits (village or community)"
        ),
        "code_outside_town": QCoreApplication.translate(
            "Labels", "must begin with the town's 9-digit code"
        ),
        "code_community_range": QCoreApplication.translate(
            "Labels", "of a community must end in 001 to 199"
        ),
        "code_village_range": QCoreApplication.translate(
            "Labels", "of a village must end in 200 to 999"
        ),
        "code_grid_shape": QCoreApplication.translate(
            "Labels", "may only contain letters, digits and hyphens (at most 32)"
        ),
        "code_outside_unit": QCoreApplication.translate(
            "Labels", "made of digits must begin with its village's or community's code"
        ),
        # Grid boundary files (issue 12, part A).
        "not_feature_collection": QCoreApplication.translate(
            "Labels", "is not a GeoJSON FeatureCollection"
        ),
        "no_features": QCoreApplication.translate("Labels", "holds no features"),
        "unsupported_crs": QCoreApplication.translate(
            "Labels", "declares a coordinate system other than longitude/latitude"
        ),
        "unreadable": QCoreApplication.translate("Labels", "cannot be read"),
        "not_geojson": QCoreApplication.translate("Labels", "must be a .geojson file"),
        # The map's rectangle selection (issue 12, the map dock).
        "not_a_rectangle": QCoreApplication.translate(
            "Labels", "must be four numbers: west, south, east, north"
        ),
        "inverted": QCoreApplication.translate(
            "Labels", "has a west edge east of its east edge, or a south edge north of its north"
        ),
        # The registers (issue 12).
        "id_number": QCoreApplication.translate("Labels", "is not a valid ID number"),
        "retired": QCoreApplication.translate("Labels", "has already been struck off"),
        "before_last_inspection": QCoreApplication.translate(
            "Labels", "cannot be before the last inspection"
        ),
        "before_found_on": QCoreApplication.translate(
            "Labels", "cannot be before the day it was found"
        ),
        # Video channels.
        "stream_scheme": QCoreApplication.translate(
            "Labels", "is not a stream address a video player can open"
        ),
        "not_video_source": QCoreApplication.translate(
            "Labels", "may only be given when the source is video patrol"
        ),
        "ambiguous": QCoreApplication.translate(
            "Labels", "matches more than one grid: write the village too (village/grid)"
        ),
    }


BUILDERS = (_fields, _rules)
# services.calendar.parse_calendar_rows names the bad row of an imported holiday list.
_ROW = re.compile(r"row (\d+)")


def field_label(field: str) -> str:
    """The name of an input field as the user sees it ("reporter_phone" → 反映人电话; a row
    of an imported file, "row 3", → 第3行)."""
    row = _ROW.fullmatch(field)
    if row is not None:
        return QCoreApplication.translate("Labels", "Row {number}").format(number=row.group(1))
    return _fields().get(field, field)


def rule_text(rule: str) -> str | None:
    """What is wrong, for a ValidationError rule code; None for a code without a sentence."""
    return _rules().get(rule)


def _format_time(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def error_text(exc: BaseException, field: str | None = None) -> str:
    """A clear sentence for a service error, naming the field or rule at fault. ``field``:
    the name the form shows for a ValidationError's field, when the form knows it better
    than the shared table (a notice's "deadline" is its 整改期限, not a ticket's 办理时限)."""
    if isinstance(exc, ValidationError):
        name = field or field_label(exc.field)
        rule = rule_text(exc.rule)
        if rule is None:
            return QCoreApplication.translate(
                "Labels", "{field}: the value is not accepted ({rule})."
            ).format(field=name, rule=exc.rule)
        return QCoreApplication.translate("Labels", "{field} {rule}.").format(field=name, rule=rule)
    if isinstance(exc, ConflictError):
        who = exc.changed_by or QCoreApplication.translate("Labels", "another user")
        if exc.changed_at is not None:
            return QCoreApplication.translate(
                "Labels",
                "Ticket {code} was changed by {who} at {when} after you opened it;"
                " the latest version has been loaded.",
            ).format(code=exc.ticket_code, who=who, when=_format_time(exc.changed_at))
        return QCoreApplication.translate(
            "Labels",
            "Ticket {code} was changed by {who} after you opened it;"
            " the latest version has been loaded.",
        ).format(code=exc.ticket_code, who=who)
    if isinstance(exc, PermissionDeniedError):
        return QCoreApplication.translate(
            "Labels", "Your role ({role}) may not do this: {action}."
        ).format(role=user_role_label(exc.role), action=_action_name(exc.action))
    if isinstance(exc, TransitionError) and exc.status == "suspended":
        # core refused because the ticket's clock is stopped (services/tickets/common.py).
        return QCoreApplication.translate(
            "Labels", "The ticket is suspended; resume handling before: {action}."
        ).format(action=_action_name(exc.action))
    if isinstance(exc, TransitionError) and exc.status == "running":
        return QCoreApplication.translate(
            "Labels", "The ticket is not suspended: nothing to resume."
        )
    if isinstance(exc, TransitionError):
        return QCoreApplication.translate(
            "Labels", "A ticket that is {status} cannot be handled this way: {action}."
        ).format(status=status_label(exc.status), action=_action_name(exc.action))
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate(
            "Labels", "Not found: {what} {key}. It may have been deleted."
        ).format(what=_what_name(exc.what), key=exc.key)
    if isinstance(exc, ServiceError):
        return QCoreApplication.translate("Labels", "The request was refused: {message}").format(
            message=str(exc)
        )
    return QCoreApplication.translate("Labels", "An unexpected error occurred.")


def _action_name(action: str) -> str:
    # Services name actions by their EventAction code where one exists.
    label = _event_actions().get(action)
    if label is not None:
        return label
    if action == "edit_calendar":
        return QCoreApplication.translate("Labels", "Edit the working-day calendar")
    if action == "see_personal_data":
        return QCoreApplication.translate("Labels", "See a reporter's name and phone")
    if action == "read_audit":
        return QCoreApplication.translate("Labels", "Read the audit log")
    if action == "archive_audit":
        return QCoreApplication.translate("Labels", "Archive old audit rows")
    if action == "administer_users":
        return QCoreApplication.translate("Labels", "Manage users")
    if action == "change_password":
        return QCoreApplication.translate("Labels", "Change the password")
    if action == "administer":
        return QCoreApplication.translate(
            "Labels", "Administer the town (areas, teams, departments, time limits, settings)"
        )
    if action == "intake":
        return QCoreApplication.translate("Labels", "Change import profiles and category mappings")
    if action == "first_admin":
        return QCoreApplication.translate("Labels", "Create the first administrator")
    if action == "keep_video_channels":
        return QCoreApplication.translate("Labels", "Change or import the video channels")
    return action


def _what_name(what: str) -> str:
    names = {
        "ticket": QCoreApplication.translate("Labels", "ticket"),
        "area": QCoreApplication.translate("Labels", "area"),
        "grid": QCoreApplication.translate("Labels", "grid"),
        "department": QCoreApplication.translate("Labels", "department"),
        "user": QCoreApplication.translate("Labels", "user"),
        "member": QCoreApplication.translate("Labels", "grid member"),
        "person": QCoreApplication.translate("Labels", "person"),
        "intake_profile": QCoreApplication.translate("Labels", "import profile"),
        "video_channel": QCoreApplication.translate("Labels", "video channel"),
    }
    return names.get(what.lower(), what)
