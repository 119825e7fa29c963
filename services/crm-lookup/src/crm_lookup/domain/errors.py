"""Why a request about customers is refused, naming the field at fault; a refused request
changes nothing."""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Invalid(Refused):
    """The value is malformed (HTTP 422, gRPC INVALID_ARGUMENT)."""


class NotFound(Refused):
    """No such customer in the tenant (HTTP 404, gRPC NOT_FOUND); also what a tenant hears
    about another tenant's customer."""

    def __init__(self, tenant_id: str, customer_id: str) -> None:
        super().__init__("customer_id", f"no customer {customer_id!r} in tenant {tenant_id!r}")


class Conflict(Refused):
    """The request contradicts the store's state (HTTP 409)."""


class AccountTaken(Conflict):
    """An account number names one customer of a tenant."""

    def __init__(self, account_number: str, owner: str) -> None:
        super().__init__(
            "account_numbers", f"{account_number!r} already belongs to customer {owner!r}"
        )
        self.account_number = account_number


class ImportConflict(Conflict):
    """A write gave an account number of the file to another customer while it was being
    imported (the check and the insert are apart): the whole import was rolled back."""

    def __init__(self) -> None:
        super().__init__(
            "account_numbers",
            "an account number of the file was given to another customer while importing; "
            "nothing was imported, retry",
        )
