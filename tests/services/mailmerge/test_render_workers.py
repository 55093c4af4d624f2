"""Rendering in forked workers gives back what rendering in order here gives: the messages in
order, the first failure in order, and one error when a worker dies."""

from __future__ import annotations

import os

import pytest

from bankcrm_cli.domain.errors import CrmError
from bankcrm_cli.render.templating import TemplateFailed
from bankcrm_cli.services.mailmerge.render_workers import render_in_workers, shares

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def test_shares_cover_every_recipient_once_in_order():
    assert shares(10, 3) == [(0, 4), (4, 7), (7, 10)]
    assert shares(2, 2) == [(0, 1), (1, 2)]


def test_messages_come_back_in_order_with_one_tick_each():
    ticks = []
    got = render_in_workers(
        lambda i: f"message {i} from {os.getpid()}", 1000, 3, lambda: ticks.append(1)
    )
    assert [m.split(" from ")[0] for m in got] == [f"message {i}" for i in range(1000)]
    assert len({m.split(" from ")[1] for m in got}) == 3
    assert str(os.getpid()) not in {m.split(" from ")[1] for m in got}
    assert len(ticks) == 1000


def test_the_first_failure_in_order_is_raised_even_when_a_later_one_comes_first():
    import time

    def render(i: int) -> str:
        if i == 500:  # the second share fails at once
            raise TemplateFailed("recipient 500")
        if i == 490:  # the first share fails late
            time.sleep(0.3)
            raise TemplateFailed("recipient 490")
        return str(i)

    with pytest.raises(TemplateFailed, match="recipient 490"):
        render_in_workers(render, 1000, 2, lambda: None)


def test_a_worker_that_dies_is_one_error_not_a_wait(english):
    def render(i: int) -> str:
        if i == 700:
            os._exit(3)
        return str(i)

    with pytest.raises(CrmError, match="rendering the messages stopped unexpectedly"):
        render_in_workers(render, 1000, 2, lambda: None)
