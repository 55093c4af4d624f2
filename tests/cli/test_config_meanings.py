"""`crm config show` says what every setting means, in the language asked for."""

from __future__ import annotations

import re

import pytest

from bankcrm_cli.settings import DEFAULTS

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_setting_has_a_meaning_in_each_language(crm, monkeypatch, language):
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    shown = crm("config", "show", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    import csv
    import io

    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(shown.stdout.lstrip("\ufeff")))}
    assert set(DEFAULTS) <= set(rows)
    for key in DEFAULTS:
        words = rows[key]["meaning"]
        assert words, key
        if language == "en":
            assert not CJK.search(words), (key, words)
        else:
            assert CJK.search(words), (key, words)
