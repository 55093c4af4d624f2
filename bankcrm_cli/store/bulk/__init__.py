"""Bulk reads and writes of whole batches of rows: one interface, one backend per database."""

from __future__ import annotations

from bankcrm_cli.store.bulk.base import BulkLoader, Stamp
from bankcrm_cli.store.bulk.factory import bulk_loader
from bankcrm_cli.store.bulk.storage_form import storage_converter, uses_storage_form

__all__ = ["BulkLoader", "Stamp", "bulk_loader", "storage_converter", "uses_storage_form"]
