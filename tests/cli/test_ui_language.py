"""One language per output: Chinese by default, English with ui.language = en (CRM_UI_LANGUAGE),
with English plurals right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Crm, write

from bankcrm_cli.domain.catalogue import CATALOGUE, t, use_language

MOMENT = "2026-12-04 01:30:00+00:00"
# The everyday commands of the README whose every label comes from the catalogue.
EVERYDAY = [
    "followups today",
    "followups upcoming --days 14",
    "customers list --rm RM001",
    "customers search 张",
    "customers show 0000000109",
    "calls list",
    "complaints list",
    "complaints show 1",
    "complaints stats",
    "churn --top 5",
]
# English words that must not appear in a Chinese output (labels, not data or codes).
ENGLISH_LABELS = re.compile(
    r"\b(matures|auto-rollover|reached|paid_out|paid out|customers? shares?|Birthdays|"
    r"Maturities|Complaints|Contacts|Holdings|Timeline|History|status|deadline|received|"
    r"logged|opened|snoozed|done|inserted|rows read|yes|no|overdue|phone|counter|"
    r"acknowledged|not rolled over|nothing due)\b"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def lang_bank(module_store_url: str, tmp_path_factory) -> tuple[Crm, Path]:
    import time_machine

    folder = tmp_path_factory.mktemp("lang")
    crm = Crm(module_store_url)
    with pytest.MonkeyPatch.context() as env, time_machine.travel(MOMENT, tick=False):
        _environment(env, folder)
        assert crm("sample", "load").exit_code == 0
        for step in (
            ("log-call", "0000000109", "--outcome", "reached", "--next", "2026-12-08"),
            ("complaints", "open", "0000000109", "--category", "收费", "--summary", "年费",
             "--received", "2026-12-03 15:00"),
        ):  # fmt: skip
            assert crm(*step).exit_code == 0
    return crm, folder


def _environment(env: pytest.MonkeyPatch, folder: Path) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env.setenv(name, str(folder / name.lower()))
    env.setenv("CRM_CONFIG", str(folder / "crm.toml"))
    env.setenv("CRM_TIMEZONE", "Asia/Shanghai")


@pytest.fixture
def bank(lang_bank, monkeypatch: pytest.MonkeyPatch):
    import time_machine

    crm, folder = lang_bank
    _environment(monkeypatch, folder)
    with time_machine.travel(MOMENT, tick=False):
        yield crm


def _labels(text: str) -> str:
    """The output without what comes from the store: ids, codes, dates, follow-up ids."""
    text = re.sub(r"\b(birthday|maturity|callback|complaint):[\w:-]+", "", text)
    return re.sub(r"\b(RM\d+|cn-nfra|CNY|AUM|RM)\b", "", text)


@pytest.mark.parametrize("command", EVERYDAY)
def test_chinese_output_has_no_english_labels(bank, command: str) -> None:
    result = bank(*command.split())
    assert result.exit_code == 0, result.output
    found = ENGLISH_LABELS.findall(_labels(result.stdout))
    assert found == [], f"{command}: English in the Chinese output"


@pytest.mark.parametrize("command", EVERYDAY)
def test_english_output_has_no_chinese_labels(
    bank, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", "en")
    result = bank(*command.split())
    assert result.exit_code == 0, result.output
    # What is left in Chinese comes from the store: names, branches, product names, notes.
    json_text = bank(*command.split(), "--format", "json").stdout if "stats" not in command else ""
    for line in result.stdout.splitlines():
        for word in re.findall(r"[\u4e00-\u9fff][\u4e00-\u9fff·]*", line):
            assert word in json_text or word in _STORE_WORDS, (command, word, line)


# Chinese values kept as the bank wrote them (categories, tiers stored by name, salutations).
_STORE_WORDS = {"收费", "年费", "尊敬的陈先生"}


def test_plurals_are_right_in_english_and_absent_in_chinese() -> None:
    try:
        use_language("en")
        assert t("imp.duplicates", count=1).startswith("  1 customer shares")
        assert t("imp.duplicates", count=2).startswith("  2 customers share")
        assert t("churn.why.paid_out", count=1, latest="2026-11-23").startswith("1 maturity ")
        assert t("churn.why.paid_out", count=3, latest="2026-11-23").startswith("3 maturities ")
        use_language("zh")
        assert t("imp.duplicates", count=1).startswith("  1 位客户")
    finally:
        use_language(None)


def test_every_entry_has_both_languages_and_the_same_fields() -> None:
    for key, entry in CATALOGUE.items():
        assert set(entry) == {"zh", "en"}, key
        forms = [entry["zh"], *([entry["en"]] if isinstance(entry["en"], str) else entry["en"])]
        fields = [set(re.findall(r"{(\w+)}", form)) for form in forms]
        assert all(f <= fields[0] | {"count"} and fields[0] <= f | {"count"} for f in fields), key


def test_an_import_summary_follows_the_language(crm, tmp_path: Path, monkeypatch) -> None:
    rows = "customer_id,name,id_number\nA1,王芳,11010519491231002X\nA2,王芳,11010519491231002X\n"
    write(tmp_path / "c.csv", rows)
    assert crm("db", "upgrade").exit_code == 0  # a dry run reads a store, it makes none
    monkeypatch.setenv("CRM_UI_LANGUAGE", "en")
    english = crm("import", "customers", str(tmp_path / "c.csv"), "--dry-run")
    assert "2 rows read" in english.stdout
    monkeypatch.setenv("CRM_UI_LANGUAGE", "zh")
    chinese = crm("import", "customers", str(tmp_path / "c.csv"), "--dry-run")
    assert "读取 2 行" in chinese.stdout and not re.search(r"rows read|inserted", chinese.stdout)


def test_an_unknown_language_is_refused_in_one_line(crm, monkeypatch) -> None:
    monkeypatch.setenv("CRM_UI_LANGUAGE", "fr")
    result = crm("customers", "list")
    assert result.exit_code == 2
    # The language asked for is the one in question: the line says it in both, Chinese first.
    assert result.stderr.splitlines() == [
        "crm: error: ui.language（CRM_UI_LANGUAGE）须为 zh 或 en / "
        "ui.language (CRM_UI_LANGUAGE) must be zh or en"
    ]
