"""Customers: profiles, aliases, the timeline and history, duplicates, customer merge."""
