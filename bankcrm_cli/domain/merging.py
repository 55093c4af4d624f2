# moved to bankcrm_cli.domain.customer_merge; the lead removes this shim after merging
from bankcrm_cli.domain.customer_merge import *  # noqa: F403
