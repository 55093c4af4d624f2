"""Errors a user can cause; the CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations


class CrmError(Exception):
    """A user-facing error: the message says what is wrong and what to do."""

    exit_code = 1


class NotFound(CrmError):
    """Something named on the command line does not exist (exit 1)."""

    exit_code = 1


class Refused(CrmError):
    """A legal request the rules refuse (exit 1)."""

    exit_code = 1


class UsageError(CrmError):
    """Bad options or unusable input (exit 2)."""

    exit_code = 2


class UnusableInput(UsageError):
    """An input file that cannot be read as asked: missing, undecodable, lacking key columns."""


class SchemaOutOfDate(CrmError):
    """The store's schema is not this program's: refused until `crm db upgrade` (exit 1)."""

    exit_code = 1


class RowRejected(ValueError):
    """One input row is invalid; the message is `field: what is wrong`."""
