"""The forms behind the action keys, each saving through its command's service with the same
validation and messages (`crm log-call`, `crm followups done|snooze`, `crm complaints open`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bankcrm_cli.domain.catalogue import t, t_or
from bankcrm_cli.domain.followups import FollowupId, FollowupKind
from bankcrm_cli.tui.forms import Field, FormScreen
from bankcrm_cli.tui.session import CallForm

if TYPE_CHECKING:
    from textual.app import App as WorkApp  # the workbench (tui/app.py), which imports this

    from bankcrm_cli.services.followups import FollowupItem


def _name_of(app: WorkApp, customer_id: str) -> str:
    item = app.current
    return item.name if item is not None and item.customer_id == customer_id else ""


def _campaign_call(app: WorkApp, customer_id: str) -> FollowupItem | None:
    """The selected item, when it is this customer's campaign call."""
    item = app.current
    if item is not None and item.kind == "campaign" and item.customer_id == customer_id:
        return item
    return None


def call_form(app: WorkApp, customer_id: str) -> FormScreen:
    """c: channel phone and outcome reached preselected, the cursor in the note; for a
    campaign call, the member's answer too."""
    from bankcrm_cli.domain.campaigns import CALL_RESPONSES
    from bankcrm_cli.services.contacts.calls import CHANNELS, OUTCOMES

    channels = [(t_or("channel", c), c) for c in CHANNELS]
    outcomes = [(t_or("outcome", o), o) for o in OUTCOMES]
    fields = [
        Field("channel", t("work.form.channel"), "phone", channels),
        Field("outcome", t("work.form.outcome"), "reached", outcomes),
        Field("note", t("work.form.note")),
        Field("next_date", t("work.form.next")),
    ]
    campaign_call = _campaign_call(app, customer_id)
    if campaign_call is not None:
        answers = [(t_or("response", r), r) for r in CALL_RESPONSES]
        fields.append(Field("response", t("work.form.response"), choices=answers))

    def save(values: dict[str, str]) -> str:
        form = CallForm(
            channel=values["channel"],
            outcome=values["outcome"],
            note=values["note"],
            next_date=values["next_date"],
            campaign=app.session.campaign_of(campaign_call.id) if campaign_call else None,
            response=values.get("response", ""),
        )
        contact_id = app.session.log_call(customer_id, form)
        day = form.next_date.strip()
        if day:
            callback = FollowupId(FollowupKind.callback, str(contact_id))
            return t("calls.logged_callback", id=contact_id, callback=callback, day=day)
        return t("calls.logged", id=contact_id)

    title = t("work.form.call", name=_name_of(app, customer_id), id=customer_id)
    return FormScreen(title, fields, save, focus="note")


def done_form(app: WorkApp, item: FollowupItem) -> FormScreen:
    """d: done, with an optional note."""

    def save(values: dict[str, str]) -> str:
        return t("fu.done", id=app.session.done(item.id, values["note"]))

    fields = [Field("note", t("work.form.note"))]
    return FormScreen(t("work.form.done", id=item.id), fields, save, focus="note")


def snooze_form(app: WorkApp, item: FollowupItem) -> FormScreen:
    """s: until a date, by default the next working day."""

    def save(values: dict[str, str]) -> str:
        until = app.session.snooze(item.id, values["until"], values["note"])
        return t("fu.snoozed", day=until, id=item.id)

    fields = [
        Field("until", t("work.form.until"), app.session.next_working_day().isoformat()),
        Field("note", t("work.form.note")),
    ]
    return FormScreen(t("work.form.snooze", id=item.id), fields, save, focus="until")


def complaint_form(app: WorkApp, customer_id: str) -> FormScreen:
    """o: a complaint received now, on the deadline rules of the settings."""
    from bankcrm_cli.services.contacts.complaints import CHANNELS

    fields = [
        Field("category", t("work.form.category")),
        Field("summary", t("work.form.summary")),
        Field(
            "channel", t("work.form.channel"), "phone", [(t_or("channel", c), c) for c in CHANNELS]
        ),
    ]

    def save(values: dict[str, str]) -> str:
        complaint_id, due = app.session.open_complaint(
            customer_id, values["category"], values["summary"], values["channel"]
        )
        return t("cp.opened", id=complaint_id, due=due)

    title = t("work.form.complaint", name=_name_of(app, customer_id), id=customer_id)
    return FormScreen(title, fields, save, focus="category")
