"""Chinese `--help` of the records, reports and administration: imports, customers, users,
RMs, templates, reports, analytics, the store (catalogue_help.py)."""

from __future__ import annotations

from bankcrm_cli.domain.catalogue_help_shared import (
    ACTING,
    BRANCH,
    CAMPAIGN_NAME,
    DAY,
    IMPORT_DRY_RUN,
    IMPORT_ENCODING,
    IMPORT_FILE,
    IMPORT_MAP,
    IMPORT_REJECTS,
    IMPORT_STRICT,
    IMPORT_SUMMARY,
    KINDS,
    REPORT_DAY,
    REPORT_EMAIL,
    REPORT_FORMAT,
    REPORT_OUT,
    REVEAL,
    RM,
    TABLE_FORMAT,
    TEMPLATES,
)

ADMIN_HELP: dict[str, str] = {
    "help.segments": (
        "按客户等级统计客户（各等级资产余额），或列出每位客"
        "户的等级和 RFM 评分。\n"
        "\n"
        "客户等级取最近 segments.downgrade_months 个月内的最"
        "高资产余额：升级立即生效，降级须满这段时间。RFM：R"
        " 为最近一次活动距今多久，F 为近一年的事件次数，M 为"
        "客户等级；各为 1（弱）到 5。\n"
        "\n"
        "示例：crm segments --customers --rm RM001 --format"
        " csv > segments.csv"
    ),
    "help.segments.--date": DAY,
    "help.segments.--rm": RM,
    "help.segments.--branch": BRANCH,
    "help.segments.--customers": ("每位客户一行：所属等级、资产余额对应的等级、RFM 评分。"),
    "help.segments.--format": TABLE_FORMAT,
    "help.churn": (
        "有流失风险的客户，附原因和分数（0-100）。\n"
        "\n"
        "信号：资产余额在 churn.drop_days 天内下降 churn.dr"
        "op_pct % 或以上（按持有产品历史）；到期支取而未续存"
        "；超过该等级的联系周期未接通；churn.inactive_days "
        "天无任何活动。\n"
        "\n"
        "示例：crm churn --top 50 --rm RM001 --format json"
    ),
    "help.churn.--date": DAY,
    "help.churn.--top": "列出多少位客户，分数高的在前。",
    "help.churn.--rm": RM,
    "help.churn.--branch": BRANCH,
    "help.churn.--format": TABLE_FORMAT,
    "help.opportunities": (
        "客户经理可跟进的交叉销售和升级销售机会。\n"
        "\n"
        "未持有理财产品的客户在 opportunities.days 天内到期"
        "的存款；到期的零存整取，可推荐保险；资产余额接近下"
        "一等级的客户。同时显示客户拒绝营销的渠道。\n"
        "\n"
        "示例：crm opportunities --rm RM001 --kind next_tie"
        "r"
    ),
    "help.opportunities.--date": DAY,
    "help.opportunities.--rm": RM,
    "help.opportunities.--branch": BRANCH,
    "help.opportunities.--kind": KINDS,
    "help.opportunities.--format": TABLE_FORMAT,
    "help.audit": (
        "谁在何时查看了哪位客户的完整证件号码或手机号（合规"
        "；PostgreSQL）。\n"
        "\n"
        "示例：crm audit --since 2026-12-01 --customer 0000"
        "000109"
    ),
    "help.audit.--since": "自该日起。",
    "help.audit.--who": "只看此人。",
    "help.audit.--customer": "只看该客户。",
    "help.audit.--format": TABLE_FORMAT,
    "help.backup": (
        "把数据库复制到 PATH，内容为同一时刻的一致状态，其他"
        "人可照常工作。\n"
        "\n"
        "仅限 SQLite 数据库；PostgreSQL 数据库则显示应使用的"
        " pg_dump 命令。\n"
        "\n"
        "示例：crm backup ~/backups/crm-$(date +%F).sqlite3"
    ),
    "help.backup.path": "要写入的备份文件（权限 0600）。",
    "help.backup.--force": "覆盖已有文件。",
    "help.backup.--format": "输出：一行文字，或一个 JSON 对象。",
    "help.restore": (
        "以 PATH 处的备份作为数据库；已有数据库只有加 --for"
        "ce 才会被替换。\n"
        "\n"
        "请先停止在此数据库上运行的其他 crm 命令。仅限 SQLi"
        "te 数据库；PostgreSQL 数据库则显示应使用的 pg_rest"
        "ore 命令。\n"
        "\n"
        "示例：crm restore ~/backups/crm-2026-12-01.sqlite3"
        " --force"
    ),
    "help.restore.path": "由 `crm backup` 生成的备份。",
    "help.restore.--force": "替换现有数据库（请先备份）。",
    "help.restore.--format": "输出：一行文字，或一个 JSON 对象。",
    "help.import": ("从核心系统导出的文件导入客户和持有产品（CSV/TSV、XLSX、JSON、JSONL）。"),
    "help.import customers": (
        "导入或更新客户；按客户号匹配行。\n"
        "\n"
        "示例：crm import customers 客户信息.csv --rejects "
        "bad.csv --format json"
    ),
    "help.import customers.file": IMPORT_FILE,
    "help.import customers.--encoding": IMPORT_ENCODING,
    "help.import customers.--map": IMPORT_MAP,
    "help.import customers.--rejects": IMPORT_REJECTS,
    "help.import customers.--dry-run": IMPORT_DRY_RUN,
    "help.import customers.--strict": IMPORT_STRICT,
    "help.import customers.--format": IMPORT_SUMMARY,
    "help.import customers.--as": ACTING,
    "help.import holdings": (
        "导入或更新持有产品（账户和产品）；按账号匹配行。\n"
        "\n"
        "示例：crm import holdings holdings.xlsx --dry-run"
    ),
    "help.import holdings.file": IMPORT_FILE,
    "help.import holdings.--encoding": IMPORT_ENCODING,
    "help.import holdings.--map": IMPORT_MAP,
    "help.import holdings.--rejects": IMPORT_REJECTS,
    "help.import holdings.--dry-run": IMPORT_DRY_RUN,
    "help.import holdings.--strict": IMPORT_STRICT,
    "help.import holdings.--format": IMPORT_SUMMARY,
    "help.import holdings.--as": ACTING,
    "help.templates": "邮件合并模板：列出、查看和检查。",
    "help.templates list": (
        "列出所有模板：名称、渠道及来源。\n\n示例：crm templates list --format json"
    ),
    "help.templates list.--templates": TEMPLATES,
    "help.templates list.--format": TABLE_FORMAT,
    "help.templates show": (
        "显示模板源文本（含开头的元数据），每个已有的渠道各"
        "一份。\n"
        "\n"
        "示例：crm templates show birthday-greeting --chann"
        "el email"
    ),
    "help.templates show.name": "模板名。",
    "help.templates show.--channel": (
        "letter（信函）、email（邮件）或 fax（传真）（默认：全部）。"
    ),
    "help.templates show.--templates": TEMPLATES,
    "help.templates check": (
        "用示例银行的客户生成模板；报告未定义的名称和错误。"
        "\n"
        "\n"
        "不会动你的数据库：示例银行装入一个临时数据库。某一"
        "渠道生成失败时退出码为 2。\n"
        "\n"
        "示例：crm templates check product-offer --template"
        "s ./my-templates"
    ),
    "help.templates check.name": "模板名。",
    "help.templates check.--templates": TEMPLATES,
    "help.templates check.--format": TABLE_FORMAT,
    "help.report": ("晨间报表，可由 cron 定时运行：日报、周报、投诉、客户资产、营销活动。"),
    "help.report daily": (
        "晨间日报：当天待办（按类别和客户经理）；投诉（未办"
        "结、2 天内到期、已逾期、超时）；昨天各客户经理的联"
        "系；未来 30 天的到期；新增和变更的客户；流失风险前"
        " 20 名。\n"
        "\n"
        "示例：crm report daily --format html --out reports"
        "/daily.html"
    ),
    "help.report daily.--date": REPORT_DAY,
    "help.report daily.--rm": RM,
    "help.report daily.--branch": BRANCH,
    "help.report daily.--format": REPORT_FORMAT,
    "help.report daily.--out": REPORT_OUT,
    "help.report daily.--email": REPORT_EMAIL,
    "help.report weekly": (
        "--date 之前 7 天与再前一周对比：联系、投诉、到期、"
        "客户、流失；下周的待办；客户经理工作排名（联系数、"
        "接通率、按时完成的待办）。\n"
        "\n"
        "示例：crm report weekly --date 2026-12-07 --format"
        " html --out reports/weekly.html"
    ),
    "help.report weekly.--date": REPORT_DAY,
    "help.report weekly.--rm": RM,
    "help.report weekly.--branch": BRANCH,
    "help.report weekly.--format": REPORT_FORMAT,
    "help.report weekly.--out": REPORT_OUT,
    "help.report weekly.--email": REPORT_EMAIL,
    "help.report complaints": (
        "面向监管的投诉视图，统计期内受理的投诉：受理数、办"
        "结数、时限内办结率、办结天数中位数，按类别和渠道分"
        "列，并列出超时案件。\n"
        "\n"
        "示例：crm report complaints --since 2026-10-01 --f"
        "ormat csv --out complaints-q4.csv"
    ),
    "help.report complaints.--date": REPORT_DAY,
    "help.report complaints.--since": "统计期的第一天（默认：--date 所在季度的第一天）。",
    "help.report complaints.--rm": RM,
    "help.report complaints.--branch": BRANCH,
    "help.report complaints.--format": REPORT_FORMAT,
    "help.report complaints.--out": REPORT_OUT,
    "help.report complaints.--email": REPORT_EMAIL,
    "help.report portfolio": (
        "按客户经理：各等级客户数、资产余额、持有产品结构、"
        "未来到期、流失风险。\n"
        "\n"
        "示例：crm report portfolio --branch 朝阳支行 --for"
        "mat html --out portfolio.html"
    ),
    "help.report portfolio.--date": REPORT_DAY,
    "help.report portfolio.--rm": RM,
    "help.report portfolio.--branch": BRANCH,
    "help.report portfolio.--format": REPORT_FORMAT,
    "help.report portfolio.--out": REPORT_OUT,
    "help.report portfolio.--email": REPORT_EMAIL,
    "help.report campaign": (
        "一个营销活动：目标客户、对照组、各渠道已联系数、答"
        "复、报名，各组的转化，提升及其 95 % 区间，新增资产"
        "，以及按客户经理的评估。\n"
        "\n"
        "示例：crm report campaign 稳健基金首发 --format js"
        "on --out fund.json"
    ),
    "help.report campaign.name": CAMPAIGN_NAME,
    "help.report campaign.--date": REPORT_DAY,
    "help.report campaign.--format": REPORT_FORMAT,
    "help.report campaign.--out": REPORT_OUT,
    "help.customers": ("查看客户：列表、搜索、单个客户的资料；查找并合并重复客户。"),
    "help.customers list": (
        "按客户号顺序列出客户。\n"
        "\n"
        "示例：crm customers list --rm RM001 --format csv >"
        " my-customers.csv"
    ),
    "help.customers list.--rm": RM,
    "help.customers list.--branch": "只看该网点的客户。",
    "help.customers list.--limit": (
        "最多列出这么多位（默认：表格 100 位，json/csv 全部；0 = 全部）。"
    ),
    "help.customers list.--format": TABLE_FORMAT,
    "help.customers list.--reveal": REVEAL,
    "help.customers search": (
        "按姓名、客户号，或手机号、证件号码末 4 位查找客户。"
        "\n"
        "\n"
        "示例：crm customers search 欧阳   |   crm customer"
        "s search 8000   （手机号末 4 位）"
    ),
    "help.customers search.text": (
        "姓名的一部分、客户号的开头，或手机号、证件号码末 4 位（更多位数须加 --reveal）。"
    ),
    "help.customers search.--limit": "最多这么多条结果（0 = 全部）。",
    "help.customers search.--format": TABLE_FORMAT,
    "help.customers search.--reveal": REVEAL,
    "help.customers show": (
        "显示一位客户的资料、持有产品、别名和往来记录（别名"
        "显示其合并后的客户）。\n"
        "\n"
        "示例：crm customers show C00000042 --format json"
    ),
    "help.customers show.customer_id": "客户号。",
    "help.customers show.--format": "table 供人阅读，json 供脚本使用。",
    "help.customers show.--reveal": REVEAL,
    "help.customers duplicates": (
        "列出可能是同一人的客户记录对，附依据。\n"
        "\n"
        "示例：crm customers duplicates --min-score 0.9 --f"
        "ormat json"
    ),
    "help.customers duplicates.--min-score": (
        "列出的最低分数：确定 1.0，很可能 0.95，可能 = 姓名相似度（两字姓名错一个字得 0.5）。"
    ),
    "help.customers duplicates.--format": TABLE_FORMAT,
    "help.customers merge": (
        "合并同一人的两条记录：OTHER 的持有产品、联系、投诉"
        "、发送记录和待办状态转到 KEEP，KEEP 的空白字段由 O"
        "THER 补齐，营销同意按渠道取最严格的答复，OTHER 的客"
        "户号成为 KEEP 的别名（写该客户号的导入和命令都会落"
        "到 KEEP）。可用 `crm customers unmerge OTHER` 撤销"
        "。\n"
        "\n"
        "示例：crm customers merge C00000042 C00000917 --dr"
        'y-run --reason "same ID, two branches"'
    ),
    "help.customers merge.keep": "保留的客户号。",
    "help.customers merge.other": ("并入 KEEP 的客户号：其记录删除，客户号成为 KEEP 的别名。"),
    "help.customers merge.--dry-run": "显示将会发生的全部变化，不作任何改动。",
    "help.customers merge.--reason": "原因：记入两位客户的往来记录。",
    "help.customers merge.--force": (
        "即使两条记录看来是不同的人（证件号码、出生日期或性别不同）也合并。"
    ),
    "help.customers merge.--format": "table 供人阅读，json 供脚本使用。",
    "help.customers merge.--as": ACTING,
    "help.customers unmerge": (
        "原样撤销一次合并：OTHER 的记录、数据行和待办状态恢"
        "复，KEEP 的字段恢复合并前的值。若此后有变动会被撤销"
        "覆盖，则拒绝并指出冲突；合并后新增到 KEEP 的数据行"
        "仍留在 KEEP。\n"
        "\n"
        '示例：crm customers unmerge C00000917 --reason "di'
        'fferent people after all"'
    ),
    "help.customers unmerge.other": "要恢复的、已被合并的客户号。",
    "help.customers unmerge.--dry-run": "显示将会发生的全部变化，不作任何改动。",
    "help.customers unmerge.--reason": "原因：记入两位客户的往来记录。",
    "help.customers unmerge.--format": "table 供人阅读，json 供脚本使用。",
    "help.customers unmerge.--as": ACTING,
    "help.customers reassign": (
        "把 FROM 的客户（全部或指定的）移交给 TO；访问权限随"
        "即变更。\n"
        "\n"
        "示例：crm customers reassign --from RM006 --to RM0"
        "01 --customers 0000000109"
    ),
    "help.customers reassign.--from": "移出客户的客户经理。",
    "help.customers reassign.--to": "接手客户的客户经理。",
    "help.customers reassign.--customers": "只移交这些客户（可重复）。",
    "help.customers reassign.--json": "以 JSON 显示移交了哪些客户。",
    "help.users": ("PostgreSQL 团队数据库的员工登录名及其角色（由管理员运行）。"),
    "help.users add": (
        "让 LOGIN 以 ROLE 角色成为数据库用户：新建 PostgreS"
        "QL 登录名，或沿用已有的。\n"
        "\n"
        "示例：crm users add wang_li --rm RM001 --role rm"
    ),
    "help.users add.login": "PostgreSQL 登录名（不存在则新建）。",
    "help.users add.--role": (
        "rm、branch_manager、head_office、compliance 或 admin（见 docs/security.md）。"
    ),
    "help.users add.--rm": "该登录名对应的客户经理。",
    "help.users add.--staff": "非客户经理登录名的员工编号。",
    "help.users add.--branch": "所属网点（网点负责人）。",
    "help.users list": (
        "数据库的员工登录名、角色，以及能否登录。\n\n示例：crm users list --format json"
    ),
    "help.users list.--format": TABLE_FORMAT,
    "help.users set-role": (
        "给 LOGIN 换一个角色（及网点）；从其下一条语句起生效"
        "。\n"
        "\n"
        "示例：crm users set-role wang_li --role branch_man"
        "ager --branch 朝阳支行"
    ),
    "help.users set-role.login": "数据库的一个用户。",
    "help.users set-role.--role": (
        "rm、branch_manager、head_office、compliance 或 admin（见 docs/security.md）。"
    ),
    "help.users set-role.--branch": "所属网点（网点负责人）。",
    "help.users disable": (
        "停用 LOGIN：收回其角色，不能再登录（NOLOGIN）；历史"
        "记录保留。\n"
        "\n"
        "示例：crm users disable wang_li"
    ),
    "help.users disable.login": "数据库的一个用户。",
    "help.rms": "客户经理：导入、列出。",
    "help.rms import": (
        "导入或更新客户经理（rm_code、姓名、手机、邮箱、网点"
        "）。\n"
        "\n"
        "示例：crm rms import 客户经理.csv"
    ),
    "help.rms import.file": IMPORT_FILE,
    "help.rms import.--encoding": IMPORT_ENCODING,
    "help.rms import.--map": IMPORT_MAP,
    "help.rms import.--rejects": IMPORT_REJECTS,
    "help.rms import.--dry-run": IMPORT_DRY_RUN,
    "help.rms import.--strict": IMPORT_STRICT,
    "help.rms import.--format": IMPORT_SUMMARY,
    "help.rms import.--as": ACTING,
    "help.rms list": ("列出客户经理。\n\n示例：crm rms list --format json"),
    "help.rms list.--format": TABLE_FORMAT,
    "help.db": "数据库：结构版本和升级。",
    "help.db status": (
        "显示正在使用哪个数据库，其结构是否为最新。\n\n示例：crm --db team.sqlite3 db status"
    ),
    "help.db upgrade": ("把数据库结构升级到本版 crm 所需（可重复运行）。\n\n示例：crm db upgrade"),
    "help.cron": "由 cron 无人值守地运行 crm。",
    "help.cron example": (
        "显示带注释的 crontab：夜间导入、日报和周报，并按当"
        "前 crm 填好 cron 所需的设置（CRM_DB、CRM_TIMEZONE "
        "等）。\n"
        "\n"
        "示例：crm cron example > bankcrm.cron"
    ),
    "help.config": "设置：查看当前生效的设置。",
    "help.config show": (
        "显示生效的设置（隐去密码等机密）及每项的来源。\n"
        "\n"
        "示例：CRM_TIMEZONE=Asia/Hong_Kong crm config show"
    ),
    "help.config show.--format": TABLE_FORMAT,
    "help.sample": "crm 自带的示例银行。",
    "help.sample load": (
        "把示例银行（客户经理、客户、持有产品、两个营销活动"
        "及其后开立的持有产品）装入数据库；可重复运行。\n"
        "\n"
        "示例：crm --db demo.sqlite3 sample load"
    ),
    "help.sample load.--as": ACTING,
}
