# moved to bankcrm_cli.services.customers.history; the lead removes this shim after merging
from bankcrm_cli.services.customers.history import *  # noqa: F403
