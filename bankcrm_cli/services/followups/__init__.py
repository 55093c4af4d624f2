"""Follow-ups: today's list (`today`), the days ahead (`upcoming`), done and snoozed
(`actions`), the items (`items`) and the settings that shape them (`rules`).

The public names are re-exported here: `from bankcrm_cli.services.followups import ...`.
`record_action` is loaded when first asked for: it writes through SQLAlchemy, which
`crm followups today` on a SQLite store does not load (store/reads.py).
"""

from typing import TYPE_CHECKING

from bankcrm_cli.domain.followups import FollowupRules
from bankcrm_cli.services.followups.items import FollowupItem
from bankcrm_cli.services.followups.today import FollowupDay, followups_on
from bankcrm_cli.services.followups.upcoming import upcoming

if TYPE_CHECKING:
    from bankcrm_cli.services.followups.actions import record_action

__all__ = [
    "FollowupDay",
    "FollowupItem",
    "FollowupRules",
    "followups_on",
    "record_action",
    "upcoming",
]


def __getattr__(name: str):
    if name == "record_action":
        from bankcrm_cli.services.followups.actions import record_action

        return record_action
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
