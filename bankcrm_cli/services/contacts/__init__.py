"""The contact log (`calls`) and complaints (`complaints`).

The contact log's functions are re-exported here: `services.contacts.log_call(...)`.
"""

from bankcrm_cli.services.contacts.calls import (
    CHANNELS,
    OUTCOMES,
    ContactView,
    close_callbacks,
    list_calls,
    log_call,
    require_customer,
)

__all__ = [
    "CHANNELS",
    "OUTCOMES",
    "ContactView",
    "close_callbacks",
    "list_calls",
    "log_call",
    "require_customer",
]
