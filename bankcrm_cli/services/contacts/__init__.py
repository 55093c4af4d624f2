"""The contact log (`calls`) and complaints (`complaints`).

The contact log's functions are re-exported here: `services.contacts.log_call(...)`. They are
loaded at their first use, so that the package's light modules (`complaint_views`, read by the
workbench's first screen) come without SQLAlchemy.
"""

from typing import Any

__all__ = [
    "CHANNELS",
    "OUTCOMES",
    "ContactView",
    "close_callbacks",
    "list_calls",
    "log_call",
    "require_customer",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bankcrm_cli.services.contacts import calls

        return getattr(calls, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
