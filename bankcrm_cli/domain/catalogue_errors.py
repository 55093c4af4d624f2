"""Error messages of complaint handling, staff and store administration, in zh and en.

Merged into `domain/catalogue.CATALOGUE`; the `crm: error:` mark before them never changes.
"""

from __future__ import annotations

ERROR_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    # complaint rules (domain/complaints.py)
    "cx.days": {"zh": "{days} 天", "en": ("{days} day", "{days} days")},
    "cx.business_days": {
        "zh": "{days} 个工作日",
        "en": ("{days} business day", "{days} business days"),
    },
    "cx.level.complex": {"zh": "复杂（complex）", "en": "complex"},
    "cx.level.especially-complex": {
        "zh": "特别复杂（especially-complex）",
        "en": "especially-complex",
    },
    "cx.rule.cn-nfra": {"zh": "cn-nfra", "en": "cn-nfra"},
    "cx.rule.uk-fca": {"zh": "uk-fca 一般", "en": "uk-fca standard"},
    "cx.rule.uk-fca-ps": {"zh": "uk-fca 支付服务", "en": "uk-fca payment-services"},
    "cx.rule.us-cfpb": {"zh": "us-cfpb", "en": "us-cfpb"},
    "cx.unknown_policy": {
        "zh": "没有投诉规则 {policy}；可用：{choices}",
        "en": "unknown complaint policy {policy}; use one of {choices}",
    },
    "cx.unknown_level": {
        "zh": "没有延期级别 {level}；可用：{choices}",
        "en": "unknown extension level {level}; use one of {choices}",
    },
    "cx.give_level": {
        "zh": "请给出延期级别：{choices} 之一",
        "en": "give an extension level: one of {choices}",
    },
    "cx.no_extension": {
        "zh": "{rule} 规则下的投诉不能延期",
        "en": "{rule} complaints have no extension",
    },
    "cx.extend_only_to": {
        "zh": "{rule} 规则下的投诉最多延期至{level}（{period}）",
        "en": "{rule} complaints extend only to {level} ({period})",
    },
    "cx.already_extended_more": {
        "zh": "已延期至{current}；如需更多时间，请延期至{longer}（共 {period}）",
        "en": "already extended to {current}; extend to {longer} ({period} in all) if more "
        "time is needed",
    },
    "cx.already_extended_longest": {
        "zh": "已延期至{current}，这是 {rule} 规则下最长的延期；请办结投诉",
        "en": "already extended to {current}, the longest extension for {rule} complaints; "
        "resolve the complaint",
    },
    "cx.doing.ack": {"zh": "确认", "en": "acknowledging it"},
    "cx.doing.progress": {"zh": "记录处理进展", "en": "recording progress"},
    "cx.doing.extend": {"zh": "延长时限", "en": "extending its deadline"},
    "cx.doing.resolve": {"zh": "再次办结", "en": "resolving it again"},
    "cx.resolved_reopen_first": {
        "zh": "投诉已办结；{doing}前请先重开",
        "en": "complaint is already resolved; reopen it before {doing}",
    },
    "cx.closed_reopen_first": {
        "zh": "投诉已结案；{doing}前请先重开",
        "en": "complaint is closed; reopen it before {doing}",
    },
    "cx.nothing_to_ack": {
        "zh": "投诉已是{status}状态，无需确认",
        "en": "complaint is already {status}; there is nothing to acknowledge",
    },
    "cx.already_closed": {"zh": "投诉已结案", "en": "complaint is already closed"},
    "cx.not_resolved": {
        "zh": "投诉尚未办结；请先办结再结案",
        "en": "complaint is not resolved yet; resolve it before closing",
    },
    "cx.still_open": {
        "zh": "投诉仍是{status}状态；只有已办结或已结案的投诉可以重开",
        "en": "complaint is still {status}; only a resolved or closed complaint can be reopened",
    },
    "cx.resolved_before_received": {
        "zh": "办结日期 {resolved} 早于投诉受理日（{received}）；请给出受理日当天或之后的日期",
        "en": "resolution date {resolved} is before the complaint was received ({received}); "
        "give a resolution date on or after receipt",
    },
}
ERROR_ENTRIES.update(
    {
        # complaint handling (services/contacts/complaints.py)
        "cx.needs_approver": {
            "zh": "{policy} 规则下延期至{level}须经上级批准：请加 --approved-by 姓名",
            "en": "an {level} extension under {policy} needs senior sign-off: "
            "add --approved-by NAME",
        },
        "cx.resolution_before_received": {
            "zh": "办结日期 {resolved} 早于投诉受理日（{received}）；请检查 --at",
            "en": "the resolution date {resolved} is before the complaint was received "
            "({received}); check --at",
        },
        "cx.due_within": {
            "zh": "--due-within 须在 0 至 {days} 天之间",
            "en": "--due-within must be between 0 and {days} days",
        },
        # staff and the team store (services/admin/identity.py, customers/reassign.py)
        "staff.sqlite": {
            "zh": "{what}：角色与登录是 PostgreSQL 团队库的功能；SQLite 库是个人文件，"
            "由其 0600 权限保护（见 docs/security.md）",
            "en": "{what}: roles and logins are a PostgreSQL feature; a SQLite store is one "
            "person's file, protected by its 0600 mode (see docs/security.md)",
        },
        "staff.no_roles": {
            "zh": "{what}：此库尚无团队角色；请运行 `crm db upgrade`",
            "en": "{what}: this store has no team roles yet; run `crm db upgrade`",
        },
        "staff.role": {
            "zh": "--role {role}：须为 {choices} 之一",
            "en": "--role {role}: one of {choices}",
        },
        "staff.branch_needed": {
            "zh": "--role branch_manager 需要 --branch（其管理的支行）",
            "en": "--role branch_manager needs --branch (the branch they manage)",
        },
        "reassign.same": {
            "zh": "--from 与 --to 是同一位客户经理",
            "en": "--from and --to name the same RM",
        },
        "reassign.not_in_book": {
            "zh": "{rm} 名下没有客户 {customer}；未作任何转移",
            "en": "no customer {customer} in {rm}'s book; nothing moved",
        },
        "unmerge.conflicts": {
            "zh": "无法将 {other} 从 {keep} 拆出：{shown}",
            "en": "cannot unmerge {other} from {keep}: {shown}",
        },
        "unmerge.more": {"zh": "；另有 {count} 处", "en": "; and {count} more"},
    }
)
# Why an unmerge cannot go ahead (services/customers/customer_unmerge.py).
ERROR_ENTRIES.update(
    {
        "unmerge.c.merged_on": {
            "zh": "{keep} 此后又并入了 {later}；请先拆出 {keep}",
            "en": "{keep} was itself merged into {later} since; unmerge {keep} first",
        },
        "unmerge.c.alias": {
            "zh": "别名 {other} 已不再由这次合并指向 {keep}",
            "en": "the alias {other} no longer names {keep} by this merge",
        },
        "unmerge.c.number_reused": {
            "zh": "客户号 {other} 已被重新使用",
            "en": "customer number {other} is in use again",
        },
        "unmerge.c.keep_gone": {"zh": "{keep} 已不存在", "en": "{keep} no longer exists"},
        "unmerge.c.field": {
            "zh": "{keep} 的{field}在合并后已改动",
            "en": "{keep}'s {field} has changed since the merge",
        },
        "unmerge.c.deleted": {
            "zh": "{row} 在合并后已删除",
            "en": "{row} was deleted since the merge",
        },
        "unmerge.c.moved": {
            "zh": "{row} 在合并后已转到 {owner}",
            "en": "{row} has moved to {owner} since the merge",
        },
        "unmerge.c.followup": {
            "zh": "待办状态 {id} 在合并后已改动",
            "en": "follow-up state {id} has changed since the merge",
        },
        "unmerge.c.delivery": {
            "zh": "发送编号 {id} 在合并后已被重新使用",
            "en": "delivery number {id} has been reused since the merge",
        },
        "unmerge.c.alias_moved": {
            "zh": "别名 {number} 已不再指向 {keep}",
            "en": "the alias {number} no longer names {keep}",
        },
        "unmerge.row.holdings": {"zh": "持有产品 {id}", "en": "holding {id}"},
        "unmerge.row.contacts": {"zh": "联系记录 {id}", "en": "contact {id}"},
        "unmerge.row.complaints": {"zh": "投诉 {id}", "en": "complaint {id}"},
        "unmerge.row.deliveries": {"zh": "发送 {id}", "en": "delivery {id}"},
        "unmerge.row.campaign_members": {
            "zh": "营销名单资格 {id}",
            "en": "campaign membership {id}",
        },
        "unmerge.row.campaign_steps": {"zh": "营销记录 {id}", "en": "campaign step {id}"},
    }
)
ERROR_ENTRIES.update(
    {
        "err.schema_newer": {
            "zh": "此库的结构版本 {current} 比本 crm 所知的（{head}）更新；请升级 bankcrm",
            "en": "the store's schema version {current} is newer than this crm knows ({head}); "
            "upgrade bankcrm",
        },
        "err.report_no_sender": {
            "zh": "没有发件地址：请设置 CRM_MAIL_FROM（如 'CRM <crm@bank.example>'）",
            "en": "no sender address: set CRM_MAIL_FROM (e.g. 'CRM <crm@bank.example>')",
        },
        "err.report_refused": {
            "zh": "SMTP 服务器拒收了报表：{why}",
            "en": "the SMTP server refused the report: {why}",
        },
    }
)
# Where a command may write (io/outputs.py): the guard's reasons and refusals.
ERROR_ENTRIES.update(
    {
        "out.the_store": {"zh": "是本库", "en": "is the store"},
        "out.store_file": {"zh": "是本库的文件", "en": "is a file of the store"},
        "out.lock_folder": {"zh": "在本库的锁文件夹中", "en": "is in the store's lock folder"},
        "out.lock_file": {"zh": "是本库的锁文件", "en": "is a lock file of the store"},
        "out.input": {
            "zh": "是本命令的输入（{what}）",
            "en": "is an input of this command ({what})",
        },
        "out.inside_input": {
            "zh": "在本命令的输入（{what}）之中",
            "en": "is inside an input of this command ({what})",
        },
        "out.what.import_file": {"zh": "导入文件", "en": "the import file"},
        "out.what.map_file": {"zh": "--map 文件", "en": "the --map file"},
        "out.what.customers_file": {"zh": "--customers 文件", "en": "the --customers file"},
        "out.what.template_folder": {"zh": "模板文件夹", "en": "the template folder"},
        "out.kind.folder": {"zh": "文件夹", "en": "a folder"},
        "out.kind.fifo": {"zh": "命名管道（FIFO）", "en": "a FIFO (named pipe)"},
        "out.kind.device": {"zh": "设备", "en": "a device"},
        "out.kind.socket": {"zh": "套接字", "en": "a socket"},
        "out.kind.other": {"zh": "非普通文件", "en": "not a regular file"},
        "out.is": {"zh": "{path} {why}", "en": "{path} {why}"},
        "out.is_kind": {"zh": "{path} 是{kind}", "en": "{path} is {kind}"},
        "out.input_not_file": {
            "zh": "{what} {path} 是{kind}，不是文件；请给出普通文件",
            "en": "{what} {path} is {kind}, not a file; give a regular file",
        },
        "out.not_regular": {
            "zh": "{path} 是{kind}，不是普通文件",
            "en": "{path} is {kind}, not a regular file",
        },
        "out.not_folder_kind": {
            "zh": "{path} 是{kind}，不是文件夹",
            "en": "{path} is {kind}, not a folder",
        },
        "out.refuse_file": {
            "zh": "{why}：不会覆盖它；请换一个文件名",
            "en": "{why}: not writing over it; give another file name",
        },
        "out.refuse_folder": {
            "zh": "{why}：不会写入那里；请换一个文件夹",
            "en": "{why}: not writing there; give another folder",
        },
        "out.broken_link": {
            "zh": "{path} 是失效的符号链接；请删除它或换一个路径",
            "en": "{path} is a broken symbolic link; remove it or give another path",
        },
        "out.not_folder": {
            "zh": "{path} 不是文件夹；请换一个路径",
            "en": "{path} is not a folder; give another path",
        },
        "out.cannot_mkdir": {
            "zh": "无法建立文件夹 {path}：{why}",
            "en": "cannot make the folder {path}: {why}",
        },
        "out.lock_link": {
            "zh": "锁文件 {path} 是符号链接，crm 不跟随；请删除它后重试",
            "en": "the lock file {path} is a symbolic link, which crm does not follow; "
            "remove it and run again",
        },
        "out.lock_open": {
            "zh": "无法打开锁文件 {path}：{why}",
            "en": "cannot open the lock file {path}: {why}",
        },
        "out.lock_kind": {
            "zh": "锁文件 {path} 是{kind}；请删除它后重试",
            "en": "the lock file {path} is {kind}; remove it and run again",
        },
        "out.stat": {"zh": "{path}：{why}", "en": "{path}: {why}"},
    }
)
# Mail merge's refusals (services/mailmerge/, render/smtp.py) and the campaign call's done.
ERROR_ENTRIES.update(
    {
        "mm.out_not_folder": {
            "zh": "--out {out} 不是文件夹：请为邮件指定一个文件夹",
            "en": "--out {out} is not a folder: name a folder for the messages",
        },
        "mm.out_other_run": {
            "zh": "另一次发送（{run}，{channel}）的文件",
            "en": "files of another run ({run}, {channel})",
        },
        "mm.out_other_files": {"zh": "其他文件", "en": "other files"},
        "mm.out_taken": {
            "zh": "--out {out} 已有{whose}：请指定新的或空的文件夹",
            "en": "--out {out} already holds {whose}: name a new or empty folder",
        },
        "mm.out_all_taken": {
            "zh": "{out} 及其旁边 {tries} 个编号文件夹都已占用：请给出 --out",
            "en": "{out} and {tries} numbered folders beside it are taken: give --out",
        },
        "mm.no_customers": {
            "zh": "没有客户 {shown}；未生成也未发送任何内容"
            "（用 `crm customers search` 核对客户号）",
            "en": "no customer {shown}; nothing was rendered or sent "
            "(check the numbers with `crm customers search`)",
        },
        "mm.and_more": {"zh": "等（另有 {count} 个）", "en": " and {count} more"},
        "mm.no_sender": {
            "zh": "没有发件地址：请设置 CRM_MAIL_FROM（如 '示例银行 <service@bank.example>'）",
            "en": "no sender address: set CRM_MAIL_FROM (e.g. '示例银行 <service@bank.example>')",
        },
        "mm.no_fax_gateway": {
            "zh": "没有传真网关：请设置 mailmerge.fax_gateway（CRM_MAILMERGE_FAX_GATEWAY），"
            "如 {fax}@fax.example.com",
            "en": "no fax gateway: set mailmerge.fax_gateway (CRM_MAILMERGE_FAX_GATEWAY), "
            "e.g. {fax}@fax.example.com",
        },
        "mm.bad_setting": {"zh": "{key}：{why}", "en": "{key}: {why}"},
        "mm.unsubscribe_ascii": {
            "zh": "mail.unsubscribe {address}：请使用 ASCII 地址",
            "en": "mail.unsubscribe {address}: use an ASCII address",
        },
        "mm.unsubscribe_url": {
            "zh": "mail.unsubscribe_url {url}：请给出不含空格的 http(s) 网址",
            "en": "mail.unsubscribe_url {url}: give an http(s) URL without spaces",
        },
        "smtp.no_server": {
            "zh": "未设置 SMTP 服务器：请设置 CRM_SMTP_HOST（及 CRM_SMTP_PORT、CRM_SMTP_USER、"
            "CRM_SMTP_PASSWORD、CRM_SMTP_TLS），或在设置文件中写 smtp.host",
            "en": "no SMTP server is set: set CRM_SMTP_HOST (and CRM_SMTP_PORT, CRM_SMTP_USER, "
            "CRM_SMTP_PASSWORD, CRM_SMTP_TLS) or smtp.host in the settings file",
        },
        # a template the bank wrote that cannot be used (render/templating.py)
        "tpl.err.read": {
            "zh": "无法读取模板 {path}：{why}",
            "en": "cannot read template {path}: {why}",
        },
        "tpl.err.where": {"zh": "模板 {path}", "en": "template {path}"},
        "tpl.err.label": {"zh": "模板 {name}（{channel}）", "en": "template {name} ({channel})"},
        "tpl.err.label_for": {
            "zh": "模板 {name}（{channel}），客户 {customer}",
            "en": "template {name} ({channel}) for customer {customer}",
        },
        "tpl.err.template": {"zh": "模板", "en": "template"},
        "tpl.err.failed": {"zh": "{label}：{why}", "en": "{label}: {why}"},
        "tpl.err.no_front_matter": {
            "zh": "{where} 没有 front matter：请以 ---、purpose: ...、--- 开头",
            "en": "{where} has no front matter: start it with ---, purpose: ..., ---",
        },
        "tpl.err.front_lines": {
            "zh": "{where}：front matter 须为 key: value 的行",
            "en": "{where}: front matter must be key: value lines",
        },
        "tpl.err.purpose": {
            "zh": "{where}：front matter 须写明 purpose: marketing 或 service",
            "en": "{where}: front matter needs purpose: marketing or service",
        },
        "tpl.err.subject": {
            "zh": "{where}：电子邮件模板须在 front matter 中写明 subject",
            "en": "{where}: an e-mail template needs a subject in its front matter",
        },
        "tpl.err.requires": {
            "zh": "{where}：requires 中的 {unknown} 未知（可用：{known}）",
            "en": "{where}: requires {unknown} not known (known: {known})",
        },
        "tpl.err.params": {
            "zh": "{where}：params 须为 key: value 的行",
            "en": "{where}: params must be key: value lines",
        },
        "tpl.err.followups": {
            "zh": "{where}：followups 须为以下之一：{kinds}",
            "en": "{where}: followups must be one of {kinds}",
        },
        "tpl.err.front_size": {
            "zh": "{where}：front matter 超过 {limit} 个字符；请只写几行",
            "en": "{where}: front matter is over {limit} characters; keep it to a few lines",
        },
        "tpl.err.alias": {
            "zh": "第 {line} 行：front matter 中不允许锚点和别名（& 和 *）；请把每个值写出来",
            "en": "line {line}: anchors and aliases (& and *) are not allowed in front matter; "
            "write each value out",
        },
        "tpl.err.yaml": {
            "zh": "{where}：front matter 不是有效的 YAML：{detail}",
            "en": "{where}: front matter is not valid YAML: {detail}",
        },
        "tpl.err.compile_time": {
            "zh": "{label}：编译超过 {seconds} 秒（设置 mailmerge.render_seconds）",
            "en": "{label}: compiling took over {seconds} s (setting mailmerge.render_seconds)",
        },
        "tpl.err.render_time": {
            "zh": "{label}：生成超过 {seconds} 秒（设置 mailmerge.render_seconds）",
            "en": "{label}: rendering took over {seconds} s (setting mailmerge.render_seconds)",
        },
        "tpl.err.output_size": {
            "zh": "{label}：输出超过 {limit} 个字符（设置 mailmerge.max_output）",
            "en": "{label}: output passed {limit} characters (setting mailmerge.max_output)",
        },
        "tpl.err.syntax": {
            "zh": "{file} 第 {line} 行：{message}",
            "en": "{file} line {line}: {message}",
        },
        "tpl.err.recursion": {"zh": "模板无休止地递归", "en": "the template recurses without end"},
        "tpl.err.too_large": {
            "zh": "{operator} 的结果对模板而言过大",
            "en": "the result of {operator} would be too large for a template",
        },
        # the CJK font letters and faxes embed (render/fonts.py)
        "font.err.none": {
            "zh": "没有可嵌入 PDF 的中文字体{detail}：{fix}",
            "en": "no CJK font that can be embedded in PDFs{detail}: {fix}",
        },
        "font.err.fix": {
            "zh": "请把 mailmerge.font 设为一种 TrueType 中文字体，或重新安装 crm 以恢复其自带字体"
            "（bankcrm_cli/fonts/wqy-microhei.ttc）",
            "en": "set mailmerge.font to a TrueType CJK font, or reinstall crm to bring back its "
            "own (bankcrm_cli/fonts/wqy-microhei.ttc)",
        },
        "font.err.not_used": {
            "zh": "mailmerge.font {font} 未采用：{why}",
            "en": "mailmerge.font {font} not used: {why}",
        },
        "font.err.bad": {
            "zh": "字体 {path} #{index}：{why}；{fix}",
            "en": "font {path} #{index}: {why}; {fix}",
        },
        # a follow-up's message previewed, a campaign call, a call logged, a snooze
        "mm.err.no_kind_template": {
            "zh": "没有为{label}编写的模板（见 crm templates）",
            "en": "no template is written for {label} (see crm templates)",
        },
        "camp.err.not_a_call": {
            "zh": "{item} 不是营销电话",
            "en": "{item} is not a campaign call",
        },
        "camp.err.no_member": {
            "zh": "没有营销活动成员 {key}（见 `crm followups today`）",
            "en": "no campaign member {key} (see `crm followups today`)",
        },
        "call.err.how_it_went": {
            "zh": "请说明结果：--outcome reached|no-answer|…（或 --response）",
            "en": "say how it went: --outcome reached|no-answer|… (or --response)",
        },
        "work.err.no_terminal": {
            "zh": "crm work 需要终端（标准输入和标准输出）；在脚本中查看当天清单请用 "
            "`crm followups today`",
            "en": "crm work needs a terminal (stdin and stdout); "
            "for the day's list in a script use `crm followups today`",
        },
        "in.worker_stopped": {
            "zh": "读取 {path} 意外中止；没有导入任何内容",
            "en": "reading {path} stopped unexpectedly; nothing was imported",
        },
        "mm.render_worker_stopped": {
            "zh": "生成邮件意外中止；没有发送任何内容",
            "en": "rendering the messages stopped unexpectedly; nothing was sent",
        },
        "work.err.until_needed": {
            "zh": "--until：请给出重新显示的日期（YYYY-MM-DD）",
            "en": "--until: give the day it returns (YYYY-MM-DD)",
        },
    }
)
