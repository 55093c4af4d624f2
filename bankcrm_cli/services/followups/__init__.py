"""Follow-ups: today's list (`today`), the days ahead (`upcoming`), done and snoozed
(`actions`), the items (`items`) and the settings that shape them (`rules`).

The public names are re-exported here: `from bankcrm_cli.services.followups import ...`.
"""

from bankcrm_cli.domain.followups import FollowupRules
from bankcrm_cli.services.followups.actions import record_action
from bankcrm_cli.services.followups.items import FollowupItem
from bankcrm_cli.services.followups.today import FollowupDay, followups_on
from bankcrm_cli.services.followups.upcoming import upcoming

__all__ = [
    "FollowupDay",
    "FollowupItem",
    "FollowupRules",
    "followups_on",
    "record_action",
    "upcoming",
]
