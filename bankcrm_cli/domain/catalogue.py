"""The words crm prints, in one language per output: Chinese (`zh`, the default) or English.

`t(key, **values)` gives the text of `key` in the language in use, with `{values}` filled in.
An English entry may be a pair (one, other): `count` picks the form, so that "1 customer
shares" and "2 customers share" both read right. Chinese has one form. The language is set
once per command from the `ui.language` setting (`CRM_UI_LANGUAGE`); values from the store
(names, notes, categories, branch names) are never translated.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from bankcrm_cli.domain.catalogue_analytics import ANALYTICS_ENTRIES
from bankcrm_cli.domain.catalogue_campaigns import CAMPAIGN_ENTRIES
from bankcrm_cli.domain.catalogue_errors import ERROR_ENTRIES
from bankcrm_cli.domain.catalogue_input import INPUT_ENTRIES
from bankcrm_cli.domain.catalogue_messages import MESSAGE_ENTRIES
from bankcrm_cli.domain.catalogue_reports import REPORT_ENTRIES
from bankcrm_cli.domain.catalogue_settings import SETTING_ENTRIES
from bankcrm_cli.domain.catalogue_usage import USAGE_ENTRIES
from bankcrm_cli.domain.catalogue_work import WORKBENCH

LANGUAGES = ("zh", "en")
_language: ContextVar[str] = ContextVar("crm_ui_language", default="zh")

Entry = dict[str, "str | tuple[str, str]"]

CATALOGUE: dict[str, Entry] = {
    # follow-ups
    "fu.heading": {
        "zh": "待办 {day}（含 {span}）",
        "en": "Follow-ups for {day} (covers {span})",
    },
    "fu.heading.window": {
        "zh": "待办 {start} 起 {count} 天",
        "en": ("Follow-ups due {start} + {count} day", "Follow-ups due {start} + {count} days"),
    },
    "fu.kind.birthday": {"zh": "生日", "en": "Birthdays"},
    "fu.kind.maturity": {"zh": "到期", "en": "Maturities"},
    "fu.kind.callback": {"zh": "回访", "en": "Call-backs"},
    "fu.kind.complaint": {"zh": "投诉时限", "en": "Complaint deadlines"},
    "fu.kind.campaign": {"zh": "营销电话", "en": "Campaign calls"},
    "fu.col.date": {"zh": "日期", "en": "Due"},
    "fu.col.customer": {"zh": "客户 / 手机", "en": "Customer / mobile"},
    "fu.col.tier": {"zh": "等级", "en": "Tier"},
    "fu.col.id": {"zh": "编号 / 要点", "en": "Id / what"},
    "fu.overdue": {"zh": "逾期", "en": "overdue"},
    "fu.refused": {"zh": "拒绝营销 ✗ {channels}", "en": "no marketing ✗ {channels}"},
    "fu.nothing": {
        "zh": "无待办：此期间没有生日、到期、回访或投诉时限",
        "en": "nothing due: no birthdays, maturities, call-backs or complaint deadlines",
    },
    "fu.birthday": {
        "zh": "生日 {on}，{age} 岁",
        "en": ("birthday {on}, {age} year old", "birthday {on}, {age} years old"),
    },
    "fu.lunar_birthday": {
        "zh": "农历生日 {on}，{age} 岁",
        "en": ("lunar birthday {on}, {age} year old", "lunar birthday {on}, {age} years old"),
    },
    "fu.maturity": {
        "zh": "{product}{name} {amount} {on} 到期，自动转存：{rollover}",
        "en": "{product}{name} {amount} matures {on}, auto-rollover: {rollover}",
    },
    "fu.callback": {
        "zh": "回访（上次联系：{outcome}）",
        "en": "call back (last contact: {outcome})",
    },
    "fu.complaint": {
        "zh": "投诉 #{id} {category}：{summary} — 时限 {due}（{policy}，{status}）",
        "en": "complaint #{id} {category}: {summary} — deadline {due} ({policy}, {status})",
    },
    "fu.done": {"zh": "已完成：{id}", "en": "done: {id}"},
    "fu.snoozed": {"zh": "已推迟至 {day}：{id}", "en": "snoozed until {day}: {id}"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "unknown": {"zh": "未知", "en": "unknown"},
    # channels of marketing consent and of contacts
    "channel.email": {"zh": "邮件", "en": "e-mail"},
    "channel.sms": {"zh": "短信", "en": "SMS"},
    "channel.phone": {"zh": "电话", "en": "phone"},
    "channel.mail": {"zh": "信函", "en": "mail"},
    "channel.fax": {"zh": "传真", "en": "fax"},
    "channel.visit": {"zh": "面访", "en": "visit"},
    "channel.wechat": {"zh": "微信", "en": "WeChat"},
    "channel.counter": {"zh": "柜台", "en": "counter"},
    "channel.letter": {"zh": "信函", "en": "letter"},
    "channel.online": {"zh": "网上", "en": "online"},
    "channel.regulator": {"zh": "监管转办", "en": "regulator"},
    "outcome.reached": {"zh": "接通", "en": "reached"},
    "outcome.no-answer": {"zh": "未接", "en": "no answer"},
    "outcome.busy": {"zh": "占线", "en": "busy"},
    "outcome.wrong-number": {"zh": "号码错误", "en": "wrong number"},
    "outcome.declined": {"zh": "拒绝", "en": "declined"},
    "outcome.left-message": {"zh": "已留言", "en": "left a message"},
    # products (PRODUCT_LABELS in domain/products.py are the Chinese ones)
    "product.time_deposit": {"zh": "定期存款", "en": "time deposit"},
    "product.installment_savings": {"zh": "零存整取", "en": "installment savings"},
    "product.large_cd": {"zh": "大额存单", "en": "large CD"},
    "product.wealth": {"zh": "理财", "en": "wealth product"},
    "product.fund": {"zh": "基金", "en": "fund"},
    "product.insurance": {"zh": "保险", "en": "insurance"},
    "product.loan": {"zh": "贷款", "en": "loan"},
    "product.current": {"zh": "活期", "en": "current account"},
    "product.other": {"zh": "产品", "en": "product"},
    # customers
    "cust.col.id": {"zh": "客户号", "en": "Customer"},
    "cust.col.name": {"zh": "姓名", "en": "Name"},
    "cust.col.gender": {"zh": "性别", "en": "Sex"},
    "cust.col.phone": {"zh": "手机", "en": "Mobile"},
    "cust.col.branch": {"zh": "网点", "en": "Branch"},
    "cust.col.rm": {"zh": "经理", "en": "RM"},
    "cust.col.aum": {"zh": "资产余额", "en": "AUM"},
    "gender.M": {"zh": "男", "en": "male"},
    "gender.F": {"zh": "女", "en": "female"},
    "cust.title.list": {"zh": "客户", "en": "Customers"},
    "cust.title.search": {"zh": "搜索 {text}", "en": "Search {text}"},
    "cust.shown_of": {
        "zh": "显示 {shown} / {count} 位客户；--limit 0 显示全部",
        "en": (
            "{shown} of {count} customer shown; --limit 0 shows all",
            "{shown} of {count} customers shown; --limit 0 shows all",
        ),
    },
    "cust.no_match": {"zh": "没有符合 {filters} 的客户", "en": "no customer matches {filters}"},
    "cust.none_yet": {
        "zh": "尚无客户：用 `crm import customers FILE` 导入",
        "en": "no customers yet: import some with `crm import customers FILE`",
    },
    "cust.nobody": {"zh": "没有匹配 {text} 的客户", "en": "nobody matches {text}"},
    "cust.merged_into": {
        "zh": "{old} 已并入 {new}：显示 {new}",
        "en": "{old} was merged into {new}: showing {new}",
    },
    "show.id": {"zh": "客户号", "en": "Customer"},
    "show.name": {"zh": "姓名", "en": "Name"},
    "show.id_number": {"zh": "证件号码", "en": "ID number"},
    "show.gender": {"zh": "性别", "en": "Sex"},
    "show.birth_date": {"zh": "出生日期", "en": "Born"},
    "show.lunar": {"zh": "（农历生日）", "en": " (lunar birthday)"},
    "show.phone": {"zh": "手机", "en": "Mobile"},
    "show.email": {"zh": "邮箱", "en": "E-mail"},
    "show.fax": {"zh": "传真", "en": "Fax"},
    "show.address": {"zh": "地址", "en": "Address"},
    "show.branch": {"zh": "网点", "en": "Branch"},
    "show.rm": {"zh": "客户经理", "en": "RM"},
    "show.aum": {"zh": "资产余额", "en": "AUM"},
    "show.consent": {"zh": "营销同意", "en": "Marketing consent"},
    "show.aliases": {"zh": "别名", "en": "Aliases"},
    "consent.yes": {"zh": "同意", "en": "yes"},
    "consent.no": {"zh": "拒绝", "en": "NO"},
    "consent.unknown": {"zh": "未知", "en": "?"},
    "hold.title": {"zh": "持有产品", "en": "Holdings"},
    "hold.account": {"zh": "账号", "en": "Account"},
    "hold.product": {"zh": "产品 / 名称", "en": "Product / name"},
    "hold.amount": {"zh": "金额", "en": "Amount"},
    "hold.currency": {"zh": "币种", "en": "Cur."},
    "hold.dates": {"zh": "起息日 / 到期日", "en": "Opened / matures"},
    "hold.rollover": {"zh": "自动转存", "en": "Rolls over"},
    "hold.none": {"zh": "无持有产品", "en": "no holdings recorded"},
    "tl.title": {"zh": "往来记录（最新在前）", "en": "Timeline (newest first)"},
    "tl.at": {"zh": "时间", "en": "At"},
    "tl.kind": {"zh": "类别", "en": "Kind"},
    "tl.id": {"zh": "编号", "en": "Id"},
    "tl.action": {"zh": "动作", "en": "Action"},
    "tl.actor": {"zh": "经办", "en": "By"},
    "tl.note": {"zh": "说明", "en": "Note"},
    "entity.contact": {"zh": "联系", "en": "contact"},
    "entity.complaint": {"zh": "投诉", "en": "complaint"},
    "entity.delivery": {"zh": "发送", "en": "delivery"},
    "entity.followup": {"zh": "跟进", "en": "follow-up"},
    "entity.customer": {"zh": "客户", "en": "customer"},
    "entity.campaign": {"zh": "营销", "en": "campaign"},
    # calls
    "calls.title": {"zh": "联系记录", "en": "Contacts"},
    "calls.at": {"zh": "时间", "en": "At"},
    "calls.channel": {"zh": "方式", "en": "How"},
    "calls.outcome": {"zh": "结果", "en": "Outcome"},
    "calls.note": {"zh": "备注", "en": "Note"},
    "calls.callback": {"zh": "回访", "en": "Call-back"},
    "calls.by": {"zh": "经办", "en": "By"},
    "calls.none": {"zh": "尚无联系记录", "en": "no contacts logged"},
    "calls.logged": {"zh": "已记录联系 {id}", "en": "contact {id} logged"},
    "calls.logged_callback": {
        "zh": "已记录联系 {id}；回访 {callback} 定于 {day}",
        "en": "contact {id} logged; call-back {callback} on {day}",
    },
    # complaints
    "cp.title": {"zh": "投诉（截至 {day}）", "en": "Complaints as of {day}"},
    "cp.category": {"zh": "类别", "en": "Category"},
    "cp.status": {"zh": "状态", "en": "Status"},
    "cp.received": {"zh": "受理", "en": "Received"},
    "cp.due": {"zh": "时限", "en": "Deadline"},
    "cp.overdue": {"zh": "逾期", "en": "Overdue"},
    "cp.breached": {"zh": "超时办结", "en": "Breached"},
    "cp.overdue_mark": {"zh": "逾期", "en": "overdue"},
    "cp.breached_mark": {"zh": "超时", "en": "breached"},
    "cp.none": {"zh": "没有符合条件的投诉", "en": "no complaints match"},
    "status.open": {"zh": "待处理", "en": "open"},
    "status.acknowledged": {"zh": "已确认", "en": "acknowledged"},
    "status.in_progress": {"zh": "处理中", "en": "in progress"},
    "status.resolved": {"zh": "已办结", "en": "resolved"},
    "status.closed": {"zh": "已结案", "en": "closed"},
    "cp.opened": {
        "zh": "已受理投诉 {id}；时限 {due}",
        "en": "complaint {id} opened; deadline {due}",
    },
    "cp.moved": {
        "zh": "投诉 {id}：{status}，时限 {due}{late}",
        "en": "complaint {id}: {status}, deadline {due}{late}",
    },
    "cp.late": {"zh": "（已超时）", "en": " (breached)"},
    "cp.show.head": {
        "zh": "投诉 #{id}  {name} ({customer})  {category}",
        "en": "Complaint #{id}  {name} ({customer})  {category}",
    },
    "cp.show.status": {
        "zh": "  状态 {status}；受理 {received}；时限 {due}（{policy}{level}）{flags}",
        "en": "  status {status}; received {received}; deadline {due} ({policy}{level}){flags}",
    },
    "cp.show.overdue": {"zh": "；逾期", "en": "; OVERDUE"},
    "cp.show.breached": {"zh": "；超时", "en": "; BREACHED"},
    "cp.show.resolution": {"zh": "  办结意见：{text}", "en": "  resolution: {text}"},
    "cp.history": {"zh": "处理记录", "en": "History"},
    "cp.history.change": {"zh": "变更", "en": "Changes"},
    "cp.stats": {
        "zh": "受理 {received}，办结 {resolved}，超时 {breached}（超时率 {rate}），"
        "办结天数中位数 {median}",
        "en": (
            "received {received}, resolved {resolved}, breached {breached} "
            "(breach rate {rate}), median handling days {median}"
        ),
    },
    "cp.stats.category": {"zh": "按类别", "en": "By category"},
    "cp.stats.root": {"zh": "按根因", "en": "By root cause"},
    "cp.stats.channel": {"zh": "按渠道", "en": "By channel"},
    "cp.stats.count": {"zh": "件数", "en": "count"},
    "n/a": {"zh": "无", "en": "n/a"},
    # imports
    "imp.read": {
        "zh": "{file}（{format}{encoding}）：读取 {count} 行",
        "en": (
            "{file} ({format}{encoding}): {count} row read",
            "{file} ({format}{encoding}): {count} rows read",
        ),
    },
    "imp.counts": {
        "zh": "  新增 {inserted}，更新 {updated}，未变 {unchanged}，拒收 {rejected}",
        "en": "  inserted {inserted}, updated {updated}, unchanged {unchanged}, "
        "rejected {rejected}",
    },
    "imp.rejects": {
        "zh": "  拒收的行及原因见 {path}",
        "en": "  rejected rows, with the reason, are in {path}",
    },
    "imp.unknown_columns": {
        "zh": "  未导入的列：{columns}",
        "en": "  columns not imported: {columns}",
    },
    "imp.duplicates": {
        "zh": "  {count} 位客户与另一客户号共用证件号码：见 `crm customers duplicates`",
        "en": (
            "  {count} customer shares an ID number with another customer number: "
            "see `crm customers duplicates`",
            "  {count} customers share an ID number with another customer number: "
            "see `crm customers duplicates`",
        ),
    },
    "imp.merged": {
        "zh": "  {count} 行写的是已合并的客户号：已计入合并后的客户",
        "en": (
            "  {count} row named a merged customer number: it went to the customer that was "
            "merged into",
            "  {count} rows named merged customer numbers: they went to the customers those "
            "were merged into",
        ),
    },
    "imp.unknown_rms": {
        "zh": (
            "  {count} 位客户的客户经理代码不在经理名单中（{codes}）：{what}；"
            "请先用 `crm rms import FILE` 导入这些客户经理"
        ),
        "en": (
            "  {count} customer names an RM code no RM has ({codes}): {what}; "
            "import those RMs with `crm rms import FILE`",
            "  {count} customers name RM codes no RM has ({codes}): {what}; "
            "import those RMs with `crm rms import FILE`",
        ),
    },
    "cust.search_tail_note": {
        "zh": (
            "提示：手机号和证件号只按末 {digits} 位（掩码显示的部分）搜索；"
            "加 --reveal 可搜完整号码（会留痕）"
        ),
        "en": (
            "note: phones and ID numbers are searched by their last {digits} digits only, what "
            "the mask shows; add --reveal to search whole numbers (it is recorded)"
        ),
    },
    "imp.unknown_rms.rejected": {"zh": "已拒收", "en": "rejected"},
    "imp.unknown_rms.kept": {"zh": "已照此导入", "en": "imported with them"},
    "imp.more": {"zh": "等，另有 {count} 个", "en": " and {count} more"},
    "imp.currency": {
        "zh": "  {count} 笔持有产品未写币种：按人民币（CNY）计",
        "en": (
            "  {count} holding had no currency: taken as CNY",
            "  {count} holdings had no currency: taken as CNY",
        ),
    },
    "imp.dry_run": {"zh": "  试运行：未写入任何数据", "en": "  dry run: nothing was written"},
    "imp.strict": {
        "zh": "  --strict：有拒收的行，因此未写入任何数据",
        "en": "  --strict: rows were rejected, so nothing was written",
    },
    # what happened, in a history
    "action.logged": {"zh": "记录", "en": "logged"},
    "action.done": {"zh": "完成", "en": "done"},
    "action.snooze": {"zh": "推迟", "en": "snoozed"},
    "action.merge": {"zh": "合并", "en": "merged"},
    "action.unmerge": {"zh": "拆分", "en": "unmerged"},
    "action.unmerged": {"zh": "拆分", "en": "unmerged"},
    "action.reveal": {"zh": "查看明文", "en": "revealed"},
    "action.sent": {"zh": "已发送", "en": "sent"},
    "action.open": {"zh": "受理", "en": "opened"},
    "action.ack": {"zh": "确认", "en": "acknowledged"},
    "action.progress": {"zh": "处理", "en": "in progress"},
    "action.extend": {"zh": "延期", "en": "extended"},
    "action.resolve": {"zh": "办结", "en": "resolved"},
    "action.close": {"zh": "结案", "en": "closed"},
    "action.reopen": {"zh": "重开", "en": "reopened"},
    "action.targeted": {"zh": "入选", "en": "targeted"},
    "action.contacted": {"zh": "已联系", "en": "contacted"},
    "action.interested": {"zh": "有意向", "en": "interested"},
    "action.declined": {"zh": "婉拒", "en": "declined"},
    "action.accepted": {"zh": "接受", "en": "accepted"},
    "action.callback": {"zh": "待回电", "en": "call back"},
    "action.attended": {"zh": "出席", "en": "attended"},
    "action.no-show": {"zh": "缺席", "en": "no-show"},
    "action.waiting": {"zh": "候补", "en": "waiting list"},
    "action.seat": {"zh": "候补转正", "en": "given a seat"},
    "camp.holdout_note": {"zh": "对照组，不联系", "en": "holdout, not contacted"},
    "camp.by_channel": {"zh": "（{channel}）", "en": " by {channel}"},
    "field.status": {"zh": "状态", "en": "status"},
    "field.due_date": {"zh": "时限", "en": "deadline"},
    "field.policy": {"zh": "规则", "en": "policy"},
    "field.level": {"zh": "级别", "en": "level"},
    "field.resolution": {"zh": "办结意见", "en": "resolution"},
    "field.root_cause": {"zh": "根因", "en": "root cause"},
    "field.approver": {"zh": "批准人", "en": "approver"},
    "field.resolved_at": {"zh": "办结时间", "en": "resolved at"},
    "field.closed_at": {"zh": "结案时间", "en": "closed at"},
    # tiers (the store's and settings' names are the Chinese ones)
    "tier.普通": {"zh": "普通", "en": "mass"},
    "tier.金卡": {"zh": "金卡", "en": "gold"},
    "tier.白金": {"zh": "白金", "en": "platinum"},
    "tier.钻石": {"zh": "钻石", "en": "diamond"},
    "tier.私人银行": {"zh": "私人银行", "en": "private"},
    # churn
    "churn.aum_drop": {"zh": "资产下降", "en": "AUM drop"},
    "churn.paid_out": {"zh": "到期支取", "en": "paid out"},
    "churn.no_contact": {"zh": "久未联系", "en": "no contact"},
    "churn.inactive": {"zh": "不活跃", "en": "inactive"},
    "churn.why.aum_drop": {
        "zh": "资产 {days} 天内下降 {drop}（{before} → {after}）",
        "en": "AUM down {drop} in {days} days ({before} → {after})",
    },
    "churn.why.paid_out": {
        "zh": "{count} 笔到期未续存（最近 {latest}）",
        "en": (
            "{count} maturity not rolled over (latest {latest})",
            "{count} maturities not rolled over (latest {latest})",
        ),
    },
    "churn.why.last_reached": {"zh": "上次接通 {day}", "en": "last reached {day}"},
    "churn.why.never_reached": {"zh": "自 {day} 起从未接通", "en": "never reached since {day}"},
    "churn.why.no_contact": {
        "zh": "{silence} 天未联系，应每 {cadence} 天联系（{since}）",
        "en": "no contact for {silence} days, cadence {cadence} ({since})",
    },
    "churn.why.inactive": {
        "zh": "{days} 天无任何活动（无接通联系、无开户或变动、无投诉）",
        "en": (
            "no activity in {days} days "
            "(no contact reached, holding opened or changed, or complaint)"
        ),
    },
    "churn.title": {
        "zh": "流失风险 {day}：{count} 位客户（{reasons}）",
        "en": (
            "Churn risk on {day}: {count} customer ({reasons})",
            "Churn risk on {day}: {count} customers ({reasons})",
        ),
    },
    "churn.none": {"zh": "没有客户出现流失信号", "en": "no customer shows a churn signal"},
    "none": {"zh": "无", "en": "none"},
    "col.customer": {"zh": "客户", "en": "Customer"},
    "col.tier": {"zh": "等级", "en": "Tier"},
    "col.score": {"zh": "分数", "en": "Score"},
    "col.reasons": {"zh": "原因", "en": "Reasons"},
}
# The reports', the analytics views', the campaigns', the workbench's, the admin and error
# messages', the import files', the settings' and the command line's usage errors' words live in
# modules of their own (one catalogue, several files, none over the size limit).
_PARTS = (
    REPORT_ENTRIES,
    ANALYTICS_ENTRIES,
    MESSAGE_ENTRIES,
    CAMPAIGN_ENTRIES,
    ERROR_ENTRIES,
    WORKBENCH,
    INPUT_ENTRIES,
    SETTING_ENTRIES,
    USAGE_ENTRIES,
)
for _part in _PARTS:
    assert not _part.keys() & CATALOGUE.keys(), _part.keys() & CATALOGUE.keys()
    CATALOGUE.update(_part)


def use_language(code: str | None) -> None:
    """Print in `code` (zh or en) from now on; None: the default, zh."""
    _language.set(code if code in LANGUAGES else "zh")


def language() -> str:
    return _language.get()


def t(key: str, /, **values: Any) -> str:
    """The text of `key` in the language in use, `{values}` filled in; `count` picks the
    English plural form."""
    entry = CATALOGUE[key]
    text = entry.get(_language.get()) or entry["zh"]
    if isinstance(text, tuple):
        text = text[0] if values.get("count") == 1 else text[1]
    return text.format(**values) if values else text


def in_every_language(key: str, /, **values: Any) -> str:
    """The text of `key` in every language, Chinese first, on one line: for a message given
    before the language is known (an unusable `ui.language` itself)."""
    return " / ".join(_in(language_code, key, values) for language_code in LANGUAGES)


def _in(code: str, key: str, values: dict[str, Any]) -> str:
    token = _language.set(code)
    try:
        return t(key, **values)
    finally:
        _language.reset(token)


def t_or(prefix: str, code: str | None, /) -> str:
    """The label of a code (`status.open`, `channel.phone`), or the code itself when the
    catalogue has none (a value the bank chose)."""
    if code is None:
        return ""
    key = f"{prefix}.{code}"
    return t(key) if key in CATALOGUE else code
