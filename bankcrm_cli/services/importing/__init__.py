"""Importing bank export files: what is asked and what was done (request.py), the run
(run.py), reading (reading.py, in a worker process for large files: worker.py, messages.py),
validating (validating.py), writing (writer.py), merged customer numbers (aliases.py) and lunar
keys (lunar_keys.py)."""

from __future__ import annotations

from bankcrm_cli.services.importing.request import ImportRequest, ImportResult, ProgressCallback
from bankcrm_cli.services.importing.run import run_import

__all__ = ["ImportRequest", "ImportResult", "ProgressCallback", "run_import"]
