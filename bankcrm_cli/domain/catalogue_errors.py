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
