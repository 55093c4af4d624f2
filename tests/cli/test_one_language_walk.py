"""One language per output, walked over the commands a user reads: each runs on the sample bank
with ui.language zh and en; a Chinese output holds no English word that is not an id, a code,
a unit or a name the bank chose, and an English output no Chinese that does not come from the
store (names, addresses, branches, product names, the bank's own name)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Crm

from tests.cli.language_checks import CJK_RUN, english_words

MOMENT = "2026-12-04 01:30:00+00:00"
# A campaign of the walk's own, one per language; 0000000112 refused phone and SMS marketing.
CAMPAIGN = "fx-deposit-{language}"
TARGETS = "0000000109,0000000110,0000000111,0000000112,0000000113"
COMMANDS = [
    "followups today",
    "followups upcoming --days 14",
    "customers list --rm RM001",
    "customers show 0000000109",
    "customers duplicates --min-score 0.5",
    "customers merge 0000000008 0000000009 --dry-run --force",
    "rms list",
    "segments",
    "segments --customers --rm RM002",
    "churn --top 20",
    "opportunities",
    "calls list",
    "complaints list",
    "complaints show 1",
    "complaints stats",
    "templates list",
    "report daily",
    "report daily --rm RM006",
    "report daily --format html",
    "report weekly",
    "report weekly --format html",
    "report complaints --since 2026-10-01",
    "report complaints --since 2026-10-01 --format html",
    "report portfolio",
    "report portfolio --format html",
    "mailmerge birthday-greeting --followups birthday --out {folder}/mm-{language}",
    "mailmerge maturity-reminder -c letter --followups maturity --out {folder}/ml-{language}",
    # campaigns: the sample's reports, then one made, worked and closed in each language
    "campaigns report 稳健基金首发",
    "campaigns report 外汇讲座 --format html",
    "report campaign 外汇讲座",
    f"campaigns create {CAMPAIGN} --title 外币存款推介 --product-type large_cd --channel phone "
    "--channel sms --holdout 0 --capacity 1 --event-date 2026-12-20",
    f"campaigns target {CAMPAIGN} --customers {TARGETS} --dry-run",
    f"campaigns target {CAMPAIGN} --customers {TARGETS}",
    f"campaigns rsvp {CAMPAIGN} 0000000109 --accepted",
    f"campaigns rsvp {CAMPAIGN} 0000000110 --accepted",
    f"campaigns rsvp {CAMPAIGN} 0000000109 --declined",
    f"campaigns attend {CAMPAIGN} 0000000110",
    f"log-call 0000000111 --campaign {CAMPAIGN} --response interested",
    "followups today --kind campaign",
    f"campaigns members {CAMPAIGN}",
    f"campaigns show {CAMPAIGN}",
    f"campaigns close {CAMPAIGN}",
    "campaigns list",
]


def _store_words(folder: Path) -> str:
    """Everything Chinese the store holds or the bank chose: the sample bank's files and
    campaigns, what the walk itself recorded, the built-in templates' descriptions, the bank's
    name."""
    from bankcrm_cli.resources import sample_data_dir
    from bankcrm_cli.services.campaigns.sample import CAMPAIGNS

    texts = [p.read_text(encoding="utf-8-sig") for p in sample_data_dir().glob("*.csv")]
    texts += [f"{c.spec.name} {c.spec.title}" for c in CAMPAIGNS]
    recorded = "收费 年费 续存 示例银行 尊敬的陈先生 外币存款推介"
    return "\n".join([*texts, recorded, (folder / "templates.json").read_text()])


@pytest.fixture(scope="module")
def walk_bank(tmp_path_factory) -> tuple[Crm, Path]:
    import time_machine

    folder = tmp_path_factory.mktemp("walk")
    crm = Crm(folder / "crm.sqlite3")
    with pytest.MonkeyPatch.context() as env, time_machine.travel(MOMENT, tick=False):
        _environment(env, folder)
        assert crm("sample", "load").exit_code == 0
        for step in (
            ("log-call", "0000000109", "--outcome", "reached", "--next", "2026-12-08"),
            ("complaints", "open", "0000000109", "--category", "收费", "--summary", "年费",
             "--received", "2026-12-03 15:00"),
        ):  # fmt: skip
            assert crm(*step).exit_code == 0
        templates = crm("templates", "list", "--format", "json")
        (folder / "templates.json").write_text(templates.stdout, encoding="utf-8")
    return crm, folder


def _environment(env: pytest.MonkeyPatch, folder: Path) -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env.setenv(name, str(folder / name.lower()))
    env.setenv("CRM_CONFIG", str(folder / "crm.toml"))
    env.setenv("CRM_TIMEZONE", "Asia/Shanghai")
    env.setenv("CRM_USER", "RM001")


def _run(walk_bank, monkeypatch: pytest.MonkeyPatch, command: str, language: str) -> str:
    import shlex

    import time_machine

    crm, folder = walk_bank
    _environment(monkeypatch, folder)
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    args = shlex.split(command.format(folder=folder, language=language))
    with time_machine.travel(MOMENT, tick=False):
        result = crm(*args)
    assert result.exit_code == 0, result.output
    return (result.stdout + result.stderr).replace(str(folder), "")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_chinese_output_has_no_english_words(walk_bank, monkeypatch, command: str) -> None:
    text = _run(walk_bank, monkeypatch, command, "zh")
    templates = json.loads((walk_bank[1] / "templates.json").read_text(encoding="utf-8"))
    descriptions = " ".join(x["description"] for x in templates)
    assert english_words(text, descriptions) == [], command


@pytest.mark.parametrize("command", COMMANDS)
def test_an_english_output_has_no_chinese_but_the_stores(walk_bank, monkeypatch, command) -> None:
    text = _run(walk_bank, monkeypatch, command, "en")
    store = _store_words(walk_bank[1])
    foreign = [w for w in CJK_RUN.findall(text) if w not in store]
    assert foreign == [], command


def test_the_walk_catches_the_mixing_of_issue_17() -> None:
    """The examples of item 22 are all caught: English in Chinese, Chinese labels in English."""
    assert english_words("定期存款 ¥50,000.00 matures 2026-12-08, auto-rollover: no")
    assert english_words("回访（上次联系：phone/reached）")
    assert english_words("到期未续存 paid_out")
    assert english_words("  1 customers share an ID number")
    assert english_words("客户等级 Tiers on 2026-12-04")
    assert not english_words("RM001 孙琪怡 ¥14,392,203.87 CNY `crm rms import FILE`")
    assert CJK_RUN.findall("Tiers on 2026-12-04 客户等级") == ["客户等级"]


def test_english_plurals_come_from_the_catalogue() -> None:
    from bankcrm_cli.domain.catalogue import t, use_language

    try:
        use_language("en")
        assert t("rep.mat.count", count=1) == "1 maturity"
        assert t("rep.mat.count", count=2) == "2 maturities"
        assert t("merge.row.holdings", count=1, ids="A") == "1 holding (A)"
        assert t("merge.row.holdings", count=3, ids="A, B, C") == "3 holdings (A, B, C)"
        assert t("seg.caption", count=1).startswith("downgrade after 1 month ")
    finally:
        use_language(None)


# A failing import in each language: a file without its key column, and rows the rules reject.
IMPORT_FILES = {
    "no-key.csv": "姓名,手机号码\n张三,13800138000\n",
    "bad-rows.csv": (
        "客户号,姓名,证件号码,手机号码,出生日期,邮编\n"
        "0000009001,张三,11010519491231002X,13800138000,,100000\n"
        "0000009002,李四,110105198503071234,,,\n"
        "0000009003,王五,,12345,,\n"
        "0000009004,赵六,,,1985-13-45,\n"
        "0000009005,,,,,\n"
        "0000009001,孙七,,,,\n"
        "0000009006,周八,,,,1000\n"
    ),
}


def _import(tmp_path: Path, monkeypatch, language: str, name: str):
    """`crm import customers` of one of IMPORT_FILES into an empty store; the result, and the
    reasons of the rejects file (each split into its field and its words)."""
    import csv

    _environment(monkeypatch, tmp_path)
    monkeypatch.setenv("CRM_UI_LANGUAGE", language)
    f = tmp_path / name
    f.write_text(IMPORT_FILES[name], encoding="utf-8")
    result = Crm(tmp_path / "crm.sqlite3")("import", "customers", str(f))
    rejects = f.with_suffix(".rejects.csv")
    reasons = []
    if rejects.exists():
        with rejects.open(encoding="utf-8-sig", newline="") as handle:
            reasons = [row["reject_reason"].split(": ", 1) for row in csv.DictReader(handle)]
    return result, (result.stdout + result.stderr).replace(str(tmp_path), ""), reasons


def _field_names() -> tuple[str, str]:
    """The customers' canonical field names and their built-in header aliases: what an error
    about a missing column lists, in either language, to map with --map."""
    from bankcrm_cli.domain.fields import ALIASES_BY_KIND, FIELDS_BY_KIND

    aliases = [a for names in ALIASES_BY_KIND["customers"].values() for a in names]
    return " ".join(FIELDS_BY_KIND["customers"]), " ".join(aliases)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_failing_import_speaks_one_language(tmp_path, monkeypatch, language) -> None:
    fields, aliases = _field_names()
    result, text, _ = _import(tmp_path, monkeypatch, language, "no-key.csv")
    assert result.exit_code == 2 and text.startswith("crm: error: no-key.csv ")
    text = text.removeprefix("crm: error: no-key.csv ")  # the mark is the same in both
    if language == "zh":
        assert "customer_id" in text and english_words(text, fields) == [], text
    else:
        assert [w for w in CJK_RUN.findall(text) if w not in aliases] == [], text

    result, text, reasons = _import(tmp_path, monkeypatch, language, "bad-rows.csv")
    assert result.exit_code == 0, text
    # The field a reason names is the canonical one in both languages (scripts sort by it).
    assert [field for field, _ in reasons] == [
        "id_number",
        "phone",
        "birth_date",
        "name",
        "customer_id",
        "postal_code",
    ]
    words = " ".join(why for _, why in reasons)
    if language == "zh":
        assert "校验位应为 0" in words and "与第 2 行重复" in words
        # The file's name, format and encoding (bad-rows.csv, csv, utf-8) are codes.
        assert english_words(text.replace("（csv, utf-8）", ""), "csv") == [], text
        assert english_words(words) == [], words
    else:
        assert "check digit should be 0" in words and "duplicate of line 2" in words
        assert CJK_RUN.findall(text + words) == [], (text, words)
