"""One mail-merge run: what was asked, each message written out, and how the run went."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bankcrm_cli.services.mailmerge.recipients import RecipientSource

ALREADY_SENT = "already sent"
INTERRUPTED = "interrupted while sending: it may have arrived; check, then add --retry-interrupted"
FAX_FORMATS = ("pdf", "tiff")

# A stage's name and size → the function to call once per item done.
Progress = Callable[[str, int], Callable[[], None]]


def no_progress(stage: str, total: int) -> Callable[[], None]:
    return lambda: None


@dataclass(frozen=True)
class MergeRequest:
    template: str
    channel: str
    source: RecipientSource
    day: date
    today: date
    rm_code: str | None = None
    limit: int | None = None
    out: Path | None = None
    send: bool = False
    # The delivery run's label (`--run`): each customer gets a message once per label.
    campaign: str | None = None
    # The campaign (`crm campaigns`) whose members are written to (`--campaign`).
    crm_campaign: str | None = None
    fax_format: str = "pdf"
    rate: float | None = None
    # SMTP sessions sending at once: while one waits for the server, another sends.
    connections: int = 2
    params: Mapping[str, str] = field(default_factory=dict)
    retry_interrupted: bool = False
    templates_dir: Path | None = None

    def campaign_name(self) -> str:
        return self.campaign or f"{self.template}-{self.channel}-{self.day.isoformat()}"

    def out_dir(self) -> Path:
        """--out, else `mailmerge/<template>-<channel>-<date>` (see `claim_output_folder`)."""
        return (
            self.out or Path("mailmerge") / f"{self.template}-{self.channel}-{self.day.isoformat()}"
        )


@dataclass(frozen=True)
class Skip:
    customer_id: str
    reason: str


@dataclass(frozen=True)
class Failure:
    customer_id: str
    error: str


@dataclass(frozen=True)
class RenderedMessage:
    """One message written to the output folder, ready to go."""

    customer_id: str
    address: str
    file: str
    subject: str
    message_id: str | None
    attachment: str | None = None


@dataclass
class MergeResult:
    campaign: str
    template: str
    channel: str
    purpose: str
    out: Path
    send: bool
    rendered: int = 0
    sent: int = 0
    skipped: list[Skip] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    batch: str | None = None
    pages: int = 0
    # Set when the run stopped part-way (e.g. the SMTP server went away).
    stopped: str | None = None
