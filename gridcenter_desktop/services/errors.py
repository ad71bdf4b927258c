"""Errors services raise. Each carries a machine-readable code and the field or rule it is
about; the UI turns them into translated text, the CLI prints them as one line."""

from __future__ import annotations

from datetime import datetime


class ServiceError(Exception):
    code: str = "error"


class ValidationError(ServiceError):
    """Input refused; ``field`` names the input at fault (e.g. "title", "reporter_phone")."""

    code = "invalid"

    def __init__(self, field: str, rule: str, message: str | None = None) -> None:
        super().__init__(message or f"{field}: {rule}")
        self.field = field
        self.rule = rule


class NotFoundError(ServiceError):
    code = "not_found"

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} not found: {key!r}")
        self.what = what
        self.key = key


class PermissionDeniedError(ServiceError):
    code = "forbidden"

    def __init__(self, action: str, role: str) -> None:
        # str() of a StrEnum member is its value: "operator", not "<UserRole.OPERATOR: ...>".
        super().__init__(f"role {str(role)!r} may not {str(action)}")
        self.action = action
        self.role = role


class TransitionError(ServiceError):
    """The ticket's status does not allow this action."""

    code = "transition"

    def __init__(self, action: str, status: str) -> None:
        super().__init__(f"cannot {action} a ticket that is {status}")
        self.action = action
        self.status = status


class ConflictError(ServiceError):
    """Someone else changed the ticket since the caller read it (optimistic locking)."""

    code = "conflict"

    def __init__(
        self,
        ticket_code: str,
        expected_version: int,
        current_version: int,
        changed_by: str | None,
        changed_at: datetime | None,
    ) -> None:
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else "?"
        super().__init__(
            f"ticket {ticket_code} was changed by {changed_by or 'another user'} at {when}"
            f" (version {current_version}, you had {expected_version})"
        )
        self.ticket_code = ticket_code
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
