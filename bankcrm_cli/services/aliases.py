# moved to bankcrm_cli.services.customers.aliases; the lead removes this shim after merging
from bankcrm_cli.services.customers.aliases import *  # noqa: F403
