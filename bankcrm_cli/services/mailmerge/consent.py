"""Who may be written to on which channel: marketing consent, and an address to write to."""

from __future__ import annotations

from typing import Any

CONSENT_FIELDS = {"email": "consent_email", "letter": "consent_mail", "fax": "consent_fax"}
CONSENT_WORDS = {"email": "e-mail", "letter": "mail", "fax": "fax"}
ADDRESS_FIELDS = {"email": "email", "fax": "fax", "letter": "address"}
NO_ADDRESS = {"email": "no e-mail", "fax": "no fax number", "letter": "no address"}


def channel_refusal(
    customer: Any, channel: str, *, marketing: bool, require_consent: bool
) -> str | None:
    """Why `customer` may not be written to on `channel`, or None when they may.

    Marketing needs consent: a recorded no always stops it, a missing answer only when
    `require_consent` (setting mailmerge.require_consent). Service messages need no consent.
    """
    if marketing:
        consent = getattr(customer, CONSENT_FIELDS[channel])
        word = CONSENT_WORDS[channel]
        if consent is False:
            return f"opted out of {word} marketing"
        if consent is None and require_consent:
            return f"no {word} marketing consent on record"
    if not getattr(customer, ADDRESS_FIELDS[channel]):
        return NO_ADDRESS[channel]
    return None
