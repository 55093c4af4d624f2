"""The words of the admin commands (db, backup, restore, users) and of the errors users meet
most (no store, no such customer, complaint, template or follow-up, dates out of range), zh
and en.

Part of the catalogue (domain/catalogue.py merges it). Each error stays one line saying what is
wrong and what to do; the `crm: error:` before it is the program's mark, the same in both
languages, for scripts and logs.
"""

from __future__ import annotations

MESSAGE_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    # crm db status|upgrade
    "adm.store": {"zh": "数据库：{url}", "en": "store: {url}"},
    "adm.schema": {
        "zh": "结构版本：{current}（本程序：{head}）",
        "en": "schema: {current} (this crm: {head})",
    },
    "adm.none": {"zh": "无", "en": "none"},
    "adm.empty": {"zh": "空", "en": "empty"},
    "adm.up_to_date": {"zh": "已是最新", "en": "up to date"},
    "adm.pending": {
        "zh": "待执行的迁移：{names}；请运行 `crm db upgrade`",
        "en": "pending migrations: {names}; run `crm db upgrade`",
    },
    "adm.already": {"zh": "结构已是 {head}", "en": "schema already at {head}"},
    "adm.upgraded": {
        "zh": "结构已从 {before} 升级到 {after}",
        "en": "schema upgraded from {before} to {after}",
    },
    "adm.rm_codes": {
        "zh": "客户经理代码已统一写法（rm001 → RM001）：{customers} 位客户，{rms} 位客户经理",
        "en": "RM codes put in their one form (rm001 → RM001): {customers} customers, {rms} RMs",
    },
    # crm backup|restore
    "adm.backed_up": {
        "zh": "已将 {source} 备份到 {target}：结构 {schema}，{customers} 位客户，"
        "{holdings} 笔持有产品，{bytes} 字节",
        "en": "backed up {source} to {target}: schema {schema}, {customers} customers, "
        "{holdings} holdings, {bytes} bytes",
    },
    "adm.restored": {
        "zh": "已用 {source} 恢复 {target}：结构 {schema}，{customers} 位客户，"
        "{holdings} 笔持有产品",
        "en": "restored {target} from {source}: schema {schema}, {customers} customers, "
        "{holdings} holdings",
    },
    "adm.restored_old": {
        "zh": "备份的结构较旧：使用前请先运行 `crm db upgrade`",
        "en": "the backup has an older schema: run `crm db upgrade` before using it",
    },
    "err.backup_missing": {"zh": "{path}：没有这个文件", "en": "{path}: no such file"},
    "err.backup_folder": {
        "zh": "{path} 是文件夹；请给出备份文件",
        "en": "{path} is a folder; give the backup file",
    },
    "err.backup_not_sqlite": {
        "zh": "{path} 不是 crm 数据库（不是 SQLite 数据库文件）",
        "en": "{path} is not a crm store (not a SQLite database file)",
    },
    "err.backup_damaged": {"zh": "{path} 已损坏：{problem}", "en": "{path} is damaged: {problem}"},
    "err.backup_tables": {
        "zh": "{path} 不是 crm 数据库（缺少表 {tables}）",
        "en": "{path} is not a crm store (it has no {tables} table)",
    },
    "err.backup_version": {
        "zh": "{path} 的结构版本为 {version}，本程序不认识（本程序支持 {first} 至 {head}）；"
        "请用写入它的 crm 版本",
        "en": "{path} has schema version {version}, which this crm does not know "
        "(it knows {first} to {head}); use the crm that wrote it",
    },
    "err.copy_check": {
        "zh": "{source} 的副本未通过检查（{problem}）；请重试",
        "en": "the copy of {source} failed its check ({problem}); try again",
    },
    "err.backup_is_store": {
        "zh": "备份不能是数据库本身；请换一个文件名",
        "en": "the backup cannot be the store itself; give another file name",
    },
    "err.exists_force": {
        "zh": "{path} 已存在；加 --force 才会替换",
        "en": "{path} already exists; add --force to replace it",
    },
    "err.restore_is_store": {
        "zh": "备份就是数据库本身；无需恢复",
        "en": "the backup is the store itself; nothing to restore",
    },
    "err.store_is_folder": {
        "zh": "数据库 {store} 是文件夹；请用 --db 给出文件路径",
        "en": "the store {store} is a folder; give a file path with --db",
    },
    "err.store_exists": {
        "zh": "{store} 已有数据库；加 --force 才会替换（请先备份：crm backup PATH）",
        "en": "a store already exists at {store}; add --force to replace it "
        "(keep a copy first: crm backup PATH)",
    },
    "err.no_store": {
        "zh": "{where}还没有数据库：用 `crm sample load`、导入（`crm import customers FILE`）"
        "或 `crm db upgrade` 建立一个，或用 --db/CRM_DB 指向你的数据库",
        "en": "there is no store {where} yet: make one with `crm sample load`, an import "
        "(`crm import customers FILE`) or `crm db upgrade`, or point --db/CRM_DB at yours",
    },
    "err.no_store.at": {"zh": "{path} ", "en": "at {path}"},
    "err.no_store.in": {"zh": "{url} 中", "en": "in {url}"},
    "err.running": {
        "zh": "`{command}` 已在此数据库上运行{who}，占用 {path}。不会再启动一次：请等它结束",
        "en": "`{command}` is already running on this store{who}; it holds {path}. "
        "Not starting a second run: wait for it to finish",
    },
    "err.running.pid": {"zh": "（进程 {pid}）", "en": " (process {pid})"},
    # crm config show: its frame (each setting's meaning is setting.<key>, catalogue_settings.py)
    "cfg.title": {"zh": "crm 设置", "en": "crm settings"},
    "cfg.key": {"zh": "键", "en": "key"},
    "cfg.value": {"zh": "值", "en": "value"},
    "cfg.source": {"zh": "来源", "en": "source"},
    "cfg.environment": {"zh": "环境变量", "en": "environment"},
    "cfg.meaning": {"zh": "含义", "en": "meaning"},
    "cfg.file": {"zh": "设置文件：{path}", "en": "settings file: {path}"},
    "cfg.hidden": {"zh": "（已设置，隐藏）", "en": "(set, hidden)"},
    "cfg.source.default": {"zh": "默认", "en": "default"},
    "cfg.source.option": {"zh": "选项", "en": "option"},
    "cfg.source.found": {"zh": "已找到", "en": "found"},
    # users
    "adm.user.role": {"zh": "{login} 现为 {role}", "en": "{login} is now {role}"},
    "adm.user.disabled": {"zh": "{login} 已停用（NOLOGIN）", "en": "{login} disabled (NOLOGIN)"},
    "adm.user.reassigned": {
        "zh": "{count} 位客户已从 {source} 转给 {target}",
        "en": (
            "{count} customer moved from {source} to {target}",
            "{count} customers moved from {source} to {target}",
        ),
    },
    # dates and numbers given on the command line
    "err.not_a_date": {
        "zh": "{option} {text} 不是日期；请用 YYYY-MM-DD",
        "en": "{option} {text} is not a date; use YYYY-MM-DD",
    },
    "err.not_a_moment": {
        "zh": "{option} {text} 不是日期时间；请用 'YYYY-MM-DD HH:MM'",
        "en": "{option} {text} is not a date/time; use 'YYYY-MM-DD HH:MM'",
    },
    "err.future": {"zh": "{option} {text} 是将来的时间", "en": "{option} {text} is in the future"},
    "err.out_of_range": {
        "zh": "{what} {day} 超出支持的日期范围（{range}）",
        "en": "{what} {day} is outside the supported dates, {range}",
    },
    "err.range": {"zh": "{first} 至 {last}", "en": "{first} to {last}"},
    "err.days": {
        "zh": "{what} 须在 1 至 {most} 天之间",
        "en": "{what} must be between 1 and {most} days",
    },
    "err.days_past": {
        "zh": "{what}：自 {first} 起 {days} 天超过 {last}，即支持的最后一天（{range}）",
        "en": "{what}: {days} days from {first} run past {last}, the last supported date ({range})",
    },
    "err.time_zone": {
        "zh": "未知时区 {zone}；请把 CRM_TIMEZONE 设为如 Asia/Shanghai",
        "en": "unknown time zone {zone}; set CRM_TIMEZONE to e.g. Asia/Shanghai",
    },
    "err.xlsx_terminal": {
        "zh": "--format xlsx 输出的是工作簿：请重定向，例如 > list.xlsx",
        "en": "--format xlsx writes a workbook: redirect it, e.g. > list.xlsx",
    },
    # what is not there
    "err.no_customer": {
        "zh": "没有客户 {id}；可用 `crm customers search` 查找",
        "en": "no customer {id}; find one with `crm customers search`",
    },
    "err.no_complaint": {
        "zh": "没有投诉 {id}；见 `crm complaints list`",
        "en": "no complaint {id}; see `crm complaints list`",
    },
    "err.no_template": {
        "zh": "没有名为 {name} 的模板；见 `crm templates list`",
        "en": "no template named {name}; see `crm templates list`",
    },
    "err.unknown_rm": {
        "zh": "未知的客户经理 {code}：代码见 `crm rms list`",
        "en": "unknown RM {code}: see `crm rms list` for the codes",
    },
    "err.no_rm": {
        "zh": "没有客户经理 {code}；请先导入客户经理（crm rms import）",
        "en": "no RM {code}; import the RMs first (crm rms import)",
    },
    "err.no_followup": {"zh": "没有跟进 {id}：{why}", "en": "no follow-up {id}: {why}"},
    "err.no_followup.subject": {
        "zh": "库中没有{what} {key}（见 `crm followups today`）",
        "en": "no {what} {key} in the store (see `crm followups today`)",
    },
    "err.followup.what.birthday": {"zh": "客户", "en": "customer"},
    "err.followup.what.maturity": {"zh": "账号", "en": "account"},
    "err.followup.what.callback": {"zh": "联系记录", "en": "contact"},
    "err.followup.what.complaint": {"zh": "投诉", "en": "complaint"},
    "err.followup.what.campaign": {"zh": "营销名单成员", "en": "campaign member"},
    "err.followup.not_birthday": {
        "zh": "客户 {key} 的生日不在 {on}",
        "en": "customer {key}'s birthday is not on {on}",
    },
    "err.followup.not_maturity": {
        "zh": "账号 {key} 的到期日是 {day}，不是 {on}",
        "en": "account {key} matures on {day}, not {on}",
    },
    "err.followup.no_date": {"zh": "无日期", "en": "no date"},
    "err.followup.no_callback": {
        "zh": "联系记录 {key} 没有要求回访",
        "en": "contact {key} asked for no call-back",
    },
    "err.followup.complaint_done": {
        "zh": "投诉办结才算完成：crm complaints resolve {key} --resolution TEXT",
        "en": "a complaint is done when it is resolved: crm complaints resolve {key} "
        "--resolution TEXT",
    },
    # customer merge
    "err.merge.same": {
        "zh": "KEEP 和 OTHER 都是 {id}：请给出两位不同的客户",
        "en": "KEEP and OTHER are both {id}: name two different customers",
    },
    "err.merge.already": {
        "zh": "{other} 已并入 {into}；如有误，先用 `crm customers unmerge {other}` 撤销",
        "en": "{other} was already merged into {into}; "
        "undo that first with `crm customers unmerge {other}` if it was wrong",
    },
    "err.merge.one": {
        "zh": "{keep} 已并入 {other}：两者已是同一客户",
        "en": "{keep} was merged into {other}: they are one customer already",
    },
    "err.merge.different": {
        "zh": "{keep} 和 {other} 看起来是不同的人（{why}）；请用 `crm customers show` 比较，"
        "确属同一人才加 --force",
        "en": "{keep} and {other} look like different people ({why}); compare them with "
        "`crm customers show`, and add --force only if they are one person",
    },
    "err.unmerge.own": {
        "zh": "{id} 是独立的客户，不是被合并掉的客户号",
        "en": "{id} is a customer of its own, not a merged-away number",
    },
    "err.unmerge.not_merged": {
        "zh": "{id} 不是被合并的客户号；见 `crm customers search`",
        "en": "{id} is not a merged customer number; see `crm customers search`",
    },
    # complaints
    "err.cp.empty": {
        "zh": "--category 和 --summary 不能为空",
        "en": "--category and --summary must not be empty",
    },
    "err.cp.resolution": {
        "zh": "办结需要 --resolution TEXT：告知客户的内容",
        "en": "resolve needs --resolution TEXT: what the customer was told",
    },
    "err.cp.reason": {"zh": "重开需要 --reason TEXT", "en": "reopen needs --reason TEXT"},
    "err.cp.level": {
        "zh": "延期需要 --level complex|especially-complex",
        "en": "extend needs --level complex|especially-complex",
    },
    "err.one_of": {
        "zh": "{option} 须为以下之一：{choices}",
        "en": "{option} must be one of {choices}",
    },
    # templates
    "err.tpl.folder": {
        "zh": "模板文件夹 {path} 不存在",
        "en": "template folder {path} does not exist",
    },
    "err.tpl.bad_name": {
        "zh": "{name} 不是模板名称；见 `crm templates list`",
        "en": "{name} is not a template name; see `crm templates list`",
    },
    "err.tpl.no_channel": {
        "zh": "没有名为 {name} 的{channel}模板{hint}；{channel}模板有：{known}",
        "en": "no {channel} template named {name}{hint}; {channel} templates: {known}",
    },
    "err.tpl.elsewhere": {
        "zh": "（它有这些渠道：{channels}）",
        "en": " (it exists for: {channels})",
    },
    "err.tpl.for": {"zh": "（{channel}）", "en": " for {channel}"},
    "err.no_template.for": {
        "zh": "没有名为 {name}{what} 的模板；见 `crm templates list`",
        "en": "no template named {name}{what}; see `crm templates list`",
    },
    # reports and mail merge options
    "err.since_after": {
        "zh": "--since {since} 晚于 --date {day}",
        "en": "--since {since} is after --date {day}",
    },
    "err.unknown_report": {
        "zh": "未知报告 {kind}；报告有：{kinds}",
        "en": "unknown report {kind}; reports: {kinds}",
    },
    "err.unknown_format": {
        "zh": "未知格式 {fmt}；可用：{formats}",
        "en": "unknown format {fmt}; use one of {formats}",
    },
    "err.customers_file": {
        "zh": "无法读取 --customers 文件 {path}：{why}",
        "en": "cannot read --customers file {path}: {why}",
    },
    "err.customers_none": {
        "zh": "--customers 没有给出任何客户",
        "en": "--customers names no customer",
    },
    "err.set_pair": {
        "zh": "--set {pair}：请用 KEY=VALUE，KEY 为简单名称",
        "en": "--set {pair}: use KEY=VALUE with KEY a plain name",
    },
    "err.email_none": {"zh": "--email 没有给出地址", "en": "--email names no address"},
    "err.fax_format": {
        "zh": "--fax-format 须为 pdf 或 tiff",
        "en": "--fax-format must be pdf or tiff",
    },
    "err.run_length": {
        "zh": "--run 须为 1 至 200 个字符",
        "en": "--run must be 1 to 200 characters",
    },
    "err.recipients": {
        "zh": "请给出 --followups KIND、--customers IDS、--segment TIER 或 --campaign NAME 之一",
        "en": "give one of --followups KIND, --customers IDS, --segment TIER or --campaign NAME",
    },
    "err.no_tier": {
        "zh": "没有等级 {tier}；等级有：{tiers}",
        "en": "no tier {tier}; tiers: {tiers}",
    },
    "err.needs_params": {
        "zh": "模板 {name} 需要 {missing}：请加 {example}",
        "en": "template {name} needs {missing}: add {example}",
    },
    # the store
    "err.db_url": {
        "zh": "--db/CRM_DB {db} 不是有效的数据库 URL",
        "en": "--db/CRM_DB {db} is not a valid database URL",
    },
    "err.store_read": {
        "zh": "无法读取数据库 {path}：{why}",
        "en": "cannot read the store {path}: {why}",
    },
    "err.store_not_sqlite": {
        "zh": "{path} 不是 crm 数据库（不是 SQLite 数据库）；请检查 --db 或 CRM_DB",
        "en": "{path} is not a crm store (not a SQLite database); check --db or CRM_DB",
    },
    "err.store_create": {
        "zh": "无法在 {path} 建立数据库：{why}",
        "en": "cannot create the store at {path}: {why}",
    },
    "err.store_folder_db": {
        "zh": "数据库 {path} 是文件夹；请用 --db 给出文件路径或 URL",
        "en": "the store {path} is a folder; give a file path or URL with --db",
    },
    "err.db_url_use": {
        "zh": "无法使用数据库 URL {url}：{why}",
        "en": "cannot use database URL {url}: {why}",
    },
    "err.store_unusable": {
        "zh": "{path} 不是可用的 crm 数据库：{why}",
        "en": "{path} is not a usable crm store: {why}",
    },
    "err.schema_none": {
        "zh": "此数据库有表但没有 bankcrm 结构版本；请让 --db 指向 bankcrm 数据库或空数据库",
        "en": "this database has tables but no bankcrm schema version; "
        "point --db at a bankcrm store or an empty database",
    },
    "err.schema_old": {
        "zh": "数据库结构为版本 {current}，本程序需要 {head}；请先把数据库文件复制到安全处，"
        "再运行 `crm db upgrade`",
        "en": "the store's schema is at version {current}, this crm needs {head}; "
        "copy the store file somewhere safe, then run `crm db upgrade`",
    },
    # settings
    "err.set.bool": {"zh": "{name}={raw} 不是 true/false", "en": "{name}={raw} is not true/false"},
    "err.set.int": {"zh": "{name}={raw} 不是整数", "en": "{name}={raw} is not a whole number"},
    "err.set.whole": {
        "zh": "{where} 中的 {key} 须为整数，而不是 {value}",
        "en": "{key} in {where} must be a whole number, not {value}",
    },
    "err.set.type": {
        "zh": "{where} 中的 {key} 须为 {type}，而不是 {value}",
        "en": "{key} in {where} must be {type}, not {value}",
    },
    "err.set.choice": {"zh": "{key} 须为 {choices}", "en": "{key} must be {choices}"},
    "err.set.positive": {"zh": "{key} 须为正数", "en": "{key} must be a positive number"},
    "err.set.port": {
        "zh": "smtp.port 须在 0 至 65535 之间",
        "en": "smtp.port must be between 0 and 65535",
    },
    "err.set.negative": {"zh": "{key} 不能为负数", "en": "{key} must not be negative"},
    "err.set.read": {
        "zh": "无法读取设置文件 {path}：{why}",
        "en": "cannot read settings file {path}: {why}",
    },
    "err.set.unknown": {
        "zh": "设置文件 {path} 有未知的键：{keys}；已知的键见 `crm config show`",
        "en": "settings file {path} has unknown keys: {keys}; "
        "see `crm config show` for the known ones",
    },
    "err.set.secret": {
        "zh": "设置文件 {path} 含有密钥但他人可读；请运行 chmod 600 {path}",
        "en": "settings file {path} holds a secret but others can read it; run chmod 600 {path}",
    },
    # users
    "err.user.person": {
        "zh": "请给出此登录名对应的人：--rm CODE 或 --staff ID（二选一）",
        "en": "give the person the login is: --rm CODE or --staff ID (one of them)",
    },
    "adm.user.created": {
        "zh": "已创建登录名 {login}：{role} {person}{branch}",
        "en": "created login {login}: {role} {person}{branch}",
    },
    "adm.user.adopted": {
        "zh": "已接管登录名 {login}：{role} {person}{branch}",
        "en": "adopted login {login}: {role} {person}{branch}",
    },
    "adm.user.branch": {"zh": "（{branch}）", "en": " ({branch})"},
    "adm.user.password": {
        "zh": "请为其设置密码（psql：\\password LOGIN）或使用本行的统一登录",
        "en": "set its password (psql: \\password LOGIN) or your bank's sign-on for it",
    },
}
