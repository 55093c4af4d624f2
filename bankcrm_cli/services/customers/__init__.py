# `services.customers` was one module: moved to bankcrm_cli.services.customers.profile; the lead
# removes this shim after merging (merge_recipients and cli/rms import these two from here).
from bankcrm_cli.services.customers.profile import cents_to_decimal, list_rms  # noqa: F401
