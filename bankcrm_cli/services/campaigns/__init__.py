"""Campaigns: create and close them, target customers, record outreach, report the uplift."""
