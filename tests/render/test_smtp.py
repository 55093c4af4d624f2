"""Sending over SMTP to a real aiosmtpd server on loopback, with and without PIPELINING
(RFC 2920): the same messages arrive, the same refusals are reported, a dropped connection is
re-opened once, and only a server that offers PIPELINING gets the envelope in one write."""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from conftest import SmtpSink

from bankcrm_cli.render.smtp import Mailer, RecipientRefused, SmtpSettings, SmtpUnavailable

SENDER = "service@bank.example"


class Server(SmtpSink):
    """conftest's sink, also keeping each chunk read from the wire and each message's
    recipients, and able to refuse a message at its end or drop the connection."""

    def __init__(self, *, pipelining: bool) -> None:
        super().__init__()
        self.pipelining = pipelining
        self.chunks: list[bytes] = []
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse_data: set[str] = set()  # recipients whose message is refused at its end
        self.drop_at_mail: set[int] = set()  # the n-th MAIL (from 1) closes the connection
        self.down = False  # every new command closes the connection
        self.mails = 0
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        if self.down:
            server.transport.close()
        return await super().handle_EHLO(server, session, envelope, hostname, responses)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.mails += 1
        if self.down or self.mails in self.drop_at_mail:
            server.transport.close()
            await asyncio.sleep(0.05)
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.refuse_data:
            return "554 5.6.0 message refused"
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def envelope_in_one_chunk(self) -> bool:
        """Whether MAIL, RCPT and DATA ever reached the server in one read."""
        return any(b"mail FROM" in c and b"rcpt TO" in c and b"data\r\n" in c for c in self.chunks)


class _RecordingController(Controller):
    def factory(self):
        chunks = self.handler.chunks

        class Recording(SMTP):
            def data_received(self, data: bytes) -> None:
                chunks.append(bytes(data))
                super().data_received(data)

        return Recording(self.handler, **self.SMTP_kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=[True, False], ids=["pipelining", "one-command-at-a-time"])
def server(request):
    handler = Server(pipelining=request.param)
    port = _free_port()
    controller = _RecordingController(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.settings = SmtpSettings("127.0.0.1", port, None, None, "none", 10.0)
    try:
        yield handler
    finally:
        controller.stop()


def _message(n: int, body: str = "你好") -> bytes:
    import base64

    text = base64.b64encode(f"{body} {n}".encode()).decode()
    return (
        f"From: {SENDER}\r\nTo: c{n}@example.com\r\nSubject: n{n}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n'
        f"\r\n{text}\r\n"
    ).encode("ascii")


def _send_all(server: Server, count: int) -> dict[int, str]:
    """Send `count` messages on one Mailer; what failed, by message number."""
    failed: dict[int, str] = {}
    with Mailer(server.settings) as mailer:
        for n in range(count):
            try:
                mailer.send(SENDER, [f"c{n}@example.com"], _message(n))
            except RecipientRefused as exc:
                failed[n] = str(exc)
    return failed


def test_the_envelope_goes_in_one_write_only_to_a_server_that_offers_pipelining(server):
    assert _send_all(server, 3) == {}
    assert server.messages == [([f"c{n}@example.com"], _message(n)) for n in range(3)]
    assert server.envelope_in_one_chunk() is server.pipelining


def test_a_refused_recipient_mid_run_fails_alone_and_the_run_goes_on(server):
    server.refuse = {"c1@example.com"}
    server.refuse_data = {"c3@example.com"}
    failed = _send_all(server, 5)
    assert failed == {
        1: "c1@example.com: 550 5.1.1 mailbox unavailable",
        3: "554 5.6.0 message refused",
    }
    assert [rcpts for rcpts, _ in server.messages] == [
        ["c0@example.com"],
        ["c2@example.com"],
        ["c4@example.com"],
    ]
    assert server.connections == 1  # each refusal left the connection usable


def test_a_connection_dropped_mid_run_is_reopened_and_each_message_arrives_once(server):
    server.drop_at_mail = {3}
    assert _send_all(server, 5) == {}
    assert [rcpts for rcpts, _ in server.messages] == [[f"c{n}@example.com"] for n in range(5)]
    assert server.connections == 2


def test_a_server_gone_for_good_stops_the_run_as_unavailable(server):
    with Mailer(server.settings) as mailer:
        mailer.send(SENDER, ["c0@example.com"], _message(0))
        server.down = True
        with pytest.raises(SmtpUnavailable):
            mailer.send(SENDER, ["c1@example.com"], _message(1))
    assert len(server.messages) == 1


def test_lines_starting_with_a_dot_arrive_as_written(server):
    data = b"Subject: dots\r\n\r\n.\r\n..two\r\n.three\r\nend"
    with Mailer(server.settings) as mailer:
        mailer.send(SENDER, ["c0@example.com"], data)
    assert server.messages[0][1] == data + b"\r\n"
