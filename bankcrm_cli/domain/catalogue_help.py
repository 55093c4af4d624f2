"""The Chinese of `crm … -h`: the commands' descriptions and examples, their options' and
arguments' help (cli/help.py writes them, with Click's own words in Chinese).

The English is the commands' own text, in the code (docstrings, `help=`, `epilog=`); here is
only the Chinese, keyed by the command as typed after `crm` (`help.followups today`; `crm`
itself is `help.crm`), its epilog (`help.crm.epilog`) and its parameters: an option by its
long name (`help.followups today.--date`), an argument by its name as the help shows it
(`help.followups done.item_id`). Read only when help is shown: no other command loads it.
Option names, command names, codes, format names, setting keys, environment variables and the
`crm …` examples stay as they are typed.
"""

from __future__ import annotations

from bankcrm_cli.domain.catalogue_help_admin import ADMIN_HELP
from bankcrm_cli.domain.catalogue_help_daily import DAILY_HELP

HELP_ZH: dict[str, str] = {
    "help.crm": "银行客户经理的 CRM：客户、持有产品和每天的工作。",
    "help.crm.epilog": (
        "退出码：0 完成；1 被拒绝或未找到；2 用法错误或输入无法使用。\n"
        "\n"
        "示例：\n"
        "\n"
        "  crm sample load && crm followups today\n"
        "\n"
        "  crm --db team.sqlite3 import customers export.csv --dry-run"
    ),
    "help.crm.--db": (
        "使用的数据库：SQLite 文件或 SQLAlchemy URL（默认：$CRM_DB，其次设"
        "置文件，否则为用户数据目录中的 crm.sqlite3）。"
    ),
    "help.crm.--version": "显示版本号。",
}
for _part in (DAILY_HELP, ADMIN_HELP):
    assert not _part.keys() & HELP_ZH.keys(), _part.keys() & HELP_ZH.keys()
    HELP_ZH.update(_part)
