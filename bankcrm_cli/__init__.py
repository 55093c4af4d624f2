"""bankcrm: a command-line CRM for bank relationship managers."""

__version__ = "0.1.0"
