"""Chinese `--help` of the day's work: follow-ups, calls, complaints, campaigns, mail merge and
the workbench (catalogue_help.py)."""

from __future__ import annotations

from bankcrm_cli.domain.catalogue_help_shared import (
    ACTING,
    AT,
    BRANCH,
    CAMPAIGN_NAME,
    COMPLAINT_ID,
    DAY,
    KINDS,
    REVEAL,
    RM,
    TABLE_FORMAT,
    TEMPLATES,
)

DAILY_HELP: dict[str, str] = {
    "help.work": (
        "在一个界面里处理当天的待办：左边是清单，右边是客户"
        "，每个操作一个按键。\n"
        "\n"
        "示例：crm work --rm RM001"
    ),
    "help.work.--date": DAY,
    "help.work.--rm": RM,
    "help.work.--branch": BRANCH,
    "help.log-call": (
        "记录一次电话或面访；--next 安排回访，接通的联系会了"
        "结未完成的回访。\n"
        "\n"
        "示例：crm log-call 0000000042 --outcome reached --"
        'note "到期续存意向" --next 2026-12-10\n'
        "\n"
        "营销活动电话：crm log-call 0000000042 --campaign 稳"
        "健基金首发 --response interested"
    ),
    "help.log-call.customer_id": "客户号。",
    "help.log-call.--outcome": "联系结果（与 --response 同用时为 reached）。",
    "help.log-call.--channel": "联系方式。",
    "help.log-call.--note": "沟通内容。",
    "help.log-call.--at": AT,
    "help.log-call.--next": "在该日回访。",
    "help.log-call.--next-note": "回访要点。",
    "help.log-call.--campaign": "这是该营销活动的电话（见 --response）。",
    "help.log-call.--response": "客户的答复（与 --campaign 同用）。",
    "help.log-call.--as": ACTING,
    "help.mailmerge": (
        "按模板为每位收件客户生成信函、邮件或传真；加 --sen"
        "d 则每份只发送一次。\n"
        "\n"
        "先全部生成并写入 --out，再开始发送；模板出错则整批"
        "停止，一份也不发。营销类模板会跳过拒绝该渠道营销的"
        "客户。同一命令再次运行时，只发给尚未发送的客户（按"
        " --run 标签计）。\n"
        "\n"
        "示例：\n"
        "\n"
        "\b\n"
        "  crm mailmerge birthday-greeting --channel email "
        "--followups birthday\n"
        "  crm mailmerge maturity-reminder --channel letter"
        " --followups maturity --send\n"
        "  crm mailmerge product-offer --channel email --se"
        "gment 白金 --rm RM001 --limit 50 --send\n"
        "  crm mailmerge complaint-acknowledgement --channe"
        "l letter --customers C0001,C0002"
    ),
    "help.mailmerge.template": ("模板名，如 birthday-greeting（见 `crm templates list`）。"),
    "help.mailmerge.--channel": "渠道：信函、邮件或传真。",
    "help.mailmerge.--followups": "收件客户：--date 当天该类待办的客户。",
    "help.mailmerge.--date": DAY,
    "help.mailmerge.--customers": "收件客户：客户号，或 @FILE（每行一个客户号）。",
    "help.mailmerge.--segment": "收件客户：某一客户等级，如 白金。",
    "help.mailmerge.--rm": RM,
    "help.mailmerge.--out": (
        "存放生成结果的目录，须为新建或空目录（默认 ./mailmerge/<template>-<channel>-<date>/）。"
    ),
    "help.mailmerge.--limit": "最多 N 份（其余留待再次运行）。",
    "help.mailmerge.--send": "发出邮件和传真，信函记为已寄出。默认：只预览。",
    "help.mailmerge.--campaign": (
        "收件客户：该营销活动中不在对照组的成员（与 --custo"
        "mers 同用时取其中这些客户）；发送后记为已联系。"
    ),
    "help.mailmerge.--run": (
        "发送批次标签（默认 <template>-<channel>-<date>，或"
        " --campaign 的活动名）；同一标签下每位客户只发送一"
        "次。"
    ),
    "help.mailmerge.--fax-format": "传真文件格式：PDF 或 TIFF G3。",
    "help.mailmerge.--rate": "每分钟最多 N 份。",
    "help.mailmerge.--connections": ("同时使用的 SMTP 连接数（每个连接在本次运行中重复使用）。"),
    "help.mailmerge.--set": ("模板参数（params.KEY），如 --set venue=总行大厦三楼。"),
    "help.mailmerge.--templates": TEMPLATES,
    "help.mailmerge.--retry-interrupted": "重发中断时未确认的消息（客户可能收到两次）。",
    "help.mailmerge.--format": "汇总：text 为文字，json 为一个 JSON 对象。",
    "help.mailmerge.--as": ACTING,
    "help.followups": ("今天及之后要做的事：生日、到期、回访、投诉时限、营销电话。"),
    "help.followups today": (
        "列出今天到期的待办（工作日当天，含其后的非工作日）"
        "。\n"
        "\n"
        "示例：crm followups today --rm RM001 --format json"
    ),
    "help.followups today.--date": DAY,
    "help.followups today.--rm": RM,
    "help.followups today.--branch": BRANCH,
    "help.followups today.--kind": KINDS,
    "help.followups today.--format": (
        "table 供人阅读；json/csv 供脚本使用；xlsx 为电子表格；ics 供日历使用。"
    ),
    "help.followups today.--reveal": REVEAL,
    "help.followups upcoming": (
        "列出未来 N 天内到期的待办，按日期分组。\n"
        "\n"
        "示例：crm followups upcoming --days 14 --kind matu"
        "rity"
    ),
    "help.followups upcoming.--days": "自 --date 起往后看多少天。",
    "help.followups upcoming.--date": DAY,
    "help.followups upcoming.--rm": RM,
    "help.followups upcoming.--branch": BRANCH,
    "help.followups upcoming.--kind": KINDS,
    "help.followups upcoming.--format": (
        "table 供人阅读；json/csv 供脚本使用；xlsx 为电子表格；ics 供日历使用。"
    ),
    "help.followups upcoming.--reveal": REVEAL,
    "help.followups done": (
        "将一项待办标记为已完成，此后不再显示。\n"
        "\n"
        "示例：crm followups done maturity:6222000000000000"
        '001:2026-12-05 --note "续存三年"'
    ),
    "help.followups done.item_id": "待办编号（见 --format json）。",
    "help.followups done.--note": "做了什么。",
    "help.followups done.--as": ACTING,
    "help.followups snooze": (
        "推迟一项待办至某日，届时重新显示。\n"
        "\n"
        "示例：crm followups snooze birthday:0000000042:202"
        "6-12-05 --until 2026-12-04"
    ),
    "help.followups snooze.item_id": "待办编号（见 --format json）。",
    "help.followups snooze.--until": "重新显示的日期。",
    "help.followups snooze.--note": "原因。",
    "help.followups snooze.--as": ACTING,
    "help.calls": "联系记录：电话和面访。",
    "help.calls list": (
        "列出已记录的联系，最新的在前。\n"
        "\n"
        "示例：crm calls list --rm RM006 --by RM001 --since"
        " 2026-11-01 --format csv"
    ),
    "help.calls list.--customer": "只看该客户。",
    "help.calls list.--rm": RM,
    "help.calls list.--by": "只看 WHO 记录的。",
    "help.calls list.--since": "自该日起。",
    "help.calls list.--format": TABLE_FORMAT,
    "help.complaints": "投诉：在时限内受理、处理和结案。",
    "help.complaints open": (
        "登记一件投诉；显示其编号和处理时限。\n"
        "\n"
        "示例：crm complaints open 0000000042 --category 收"
        '费 --summary "年费未提前告知"'
    ),
    "help.complaints open.customer_id": "投诉的客户。",
    "help.complaints open.--category": "如 服务态度、收费、理财销售、系统故障。",
    "help.complaints open.--summary": "投诉内容。",
    "help.complaints open.--channel": "投诉渠道。",
    "help.complaints open.--received": AT,
    "help.complaints open.--policy": "时限规则（默认：设置中的规则，cn-nfra）。",
    "help.complaints open.--payment-services": "支付服务类投诉（uk-fca）。",
    "help.complaints open.--as": ACTING,
    "help.complaints ack": ("向投诉人确认已受理。\n\n示例：crm complaints ack 12"),
    "help.complaints ack.complaint_id": COMPLAINT_ID,
    "help.complaints ack.--as": ACTING,
    "help.complaints progress": (
        '记录投诉的处理进展。\n\n示例：crm complaints progress 12 --note "已调取录音"'
    ),
    "help.complaints progress.complaint_id": COMPLAINT_ID,
    "help.complaints progress.--note": "做了什么。",
    "help.complaints progress.--as": ACTING,
    "help.complaints extend": (
        "复杂案件按规则允许的范围延长处理时限。\n"
        "\n"
        "示例：crm complaints extend 12 --level complex --r"
        'eason "需第三方机构核实"'
    ),
    "help.complaints extend.complaint_id": COMPLAINT_ID,
    "help.complaints extend.--level": "案件的复杂程度。",
    "help.complaints extend.--reason": "需要延期的原因。",
    "help.complaints extend.--approved-by": (
        "上级审批人（cn-nfra 的 especially-complex 级别须填）。"
    ),
    "help.complaints extend.--as": ACTING,
    "help.complaints resolve": (
        "办结投诉；超过时限办结的，永久记为超时。\n"
        "\n"
        '示例：crm complaints resolve 12 --resolution "退还'
        '年费" --root-cause 告知不足'
    ),
    "help.complaints resolve.complaint_id": COMPLAINT_ID,
    "help.complaints resolve.--resolution": "告知投诉人的处理意见。",
    "help.complaints resolve.--root-cause": "发生的根因，用于预防。",
    "help.complaints resolve.--at": AT,
    "help.complaints resolve.--as": ACTING,
    "help.complaints close": ("对已办结的投诉结案（归档）。\n\n示例：crm complaints close 12"),
    "help.complaints close.complaint_id": COMPLAINT_ID,
    "help.complaints close.--as": ACTING,
    "help.complaints reopen": (
        "重新打开已办结或已结案的投诉。\n"
        "\n"
        '示例：crm complaints reopen 12 --reason "客户不认可'
        '处理结果"'
    ),
    "help.complaints reopen.complaint_id": COMPLAINT_ID,
    "help.complaints reopen.--reason": "重新打开的原因。",
    "help.complaints reopen.--as": ACTING,
    "help.complaints list": (
        "按处理时限列出投诉。\n\n示例：crm complaints list --due-within 2 --format json"
    ),
    "help.complaints list.--status": "只看该状态。",
    "help.complaints list.--overdue": "只看已逾期未办结的。",
    "help.complaints list.--due-within": "只看 DAYS 天内到期（或已逾期）的未办结投诉。",
    "help.complaints list.--date": "截至该日。",
    "help.complaints list.--rm": RM,
    "help.complaints list.--format": TABLE_FORMAT,
    "help.complaints show": (
        "显示一件投诉及其全部处理记录。\n\n示例：crm complaints show 12 --format json"
    ),
    "help.complaints show.complaint_id": COMPLAINT_ID,
    "help.complaints show.--format": "table、json 或 csv（处理记录，每次变更一行）。",
    "help.complaints stats": (
        "按类别和根因统计件数，办结天数中位数，超时率。\n"
        "\n"
        "示例：crm complaints stats --since 2026-01-01"
    ),
    "help.complaints stats.--since": "自该日起受理的。",
    "help.complaints stats.--format": TABLE_FORMAT,
    "help.campaigns": ("营销活动：联系谁、客户怎么答复、带来了什么（设对照组）。"),
    "help.campaigns create": (
        "新建营销活动，自带抽取对照组用的密钥。\n"
        "\n"
        "示例：crm campaigns create 稳健基金首发 --title 保"
        "本基金首发电话营销 --product-type fund --channel p"
        "hone --start 2026-05-15 --window 30 --holdout 10"
    ),
    "help.campaigns create.name": CAMPAIGN_NAME,
    "help.campaigns create.--title": "活动推介的内容，供人阅读。",
    "help.campaigns create.--purpose": (
        "marketing（营销）遵从客户的拒绝营销；service（服务）不受此限。"
    ),
    "help.campaigns create.--product-type": "开立该类产品即算转化（可重复）。",
    "help.campaigns create.--start": "电话自该日开始。",
    "help.campaigns create.--end": "电话到该日为止。",
    "help.campaigns create.--window": "首次联系后多少天内开立才算转化。",
    "help.campaigns create.--holdout": "目标客户中不联系的比例，百分数（0-50）。",
    "help.campaigns create.--channel": "联系成员的渠道。",
    "help.campaigns create.--capacity": "座位数（活动类）。",
    "help.campaigns create.--event-date": "活动举办日期。",
    "help.campaigns create.--calls-per-day": (
        "每位客户经理每天在 `followups today` 中的营销电话数。"
    ),
    "help.campaigns create.--as": ACTING,
    "help.campaigns list": ("列出营销活动，最新的在前。\n\n示例：crm campaigns list --active"),
    "help.campaigns list.--active": "只看未结束的活动。",
    "help.campaigns list.--format": TABLE_FORMAT,
    "help.campaigns show": (
        "显示营销活动的设置和成员人数。\n\n示例：crm campaigns show 稳健基金首发"
    ),
    "help.campaigns show.name": CAMPAIGN_NAME,
    "help.campaigns show.--format": TABLE_FORMAT,
    "help.campaigns close": (
        "结束营销活动：不再加入目标客户、打电话、发信或报名"
        "；报表保留。\n"
        "\n"
        "示例：crm campaigns close 稳健基金首发"
    ),
    "help.campaigns close.name": CAMPAIGN_NAME,
    "help.campaigns close.--as": ACTING,
    "help.campaigns target": (
        "加入同时符合所有筛选条件的客户；每位客户只抽签一次"
        "，决定是否进入对照组。\n"
        "\n"
        "示例：crm campaigns target 稳健基金首发 --segment "
        "白金 --lacks fund --dry-run"
    ),
    "help.campaigns target.name": CAMPAIGN_NAME,
    "help.campaigns target.--segment": "某一客户等级，如 白金。",
    "help.campaigns target.--rm": RM,
    "help.campaigns target.--branch": BRANCH,
    "help.campaigns target.--holds": "持有该类产品。",
    "help.campaigns target.--lacks": "未持有该类产品。",
    "help.campaigns target.--maturing-within": "有持有产品在 DAYS 天内到期。",
    "help.campaigns target.--maturing-type": "……且为该产品类型。",
    "help.campaigns target.--opportunities": "在 `crm opportunities` 中属于该类机会（可重复）。",
    "help.campaigns target.--customers": "这些客户。",
    "help.campaigns target.--dry-run": "只计数，不加入任何人。",
    "help.campaigns target.--as": ACTING,
    "help.campaigns members": (
        "列出营销活动的成员：是否对照组、状态、答复、转化。"
        "\n"
        "\n"
        "示例：crm campaigns members 稳健基金首发 --rm RM00"
        "1 --format csv"
    ),
    "help.campaigns members.name": CAMPAIGN_NAME,
    "help.campaigns members.--rm": RM,
    "help.campaigns members.--status": (
        "targeted（入选）、contacted（已联系）、某种答复、converted（已转化）、holdout（对照组）。"
    ),
    "help.campaigns members.--format": TABLE_FORMAT,
    "help.campaigns rsvp": (
        "记录客户对活动邀请的答复；超过 --capacity 的按先后"
        "进入候补名单。\n"
        "\n"
        "示例：crm campaigns rsvp 外汇讲座 0000000042 --acc"
        "epted"
    ),
    "help.campaigns rsvp.name": CAMPAIGN_NAME,
    "help.campaigns rsvp.--accepted": "对邀请的答复。",
    "help.campaigns rsvp.--as": ACTING,
    "help.campaigns attend": (
        "记录出席活动的客户（已接受邀请但未记录出席的即为缺"
        "席）。\n"
        "\n"
        "示例：crm campaigns attend 外汇讲座 0000000042 000"
        "0000043"
    ),
    "help.campaigns attend.name": CAMPAIGN_NAME,
    "help.campaigns attend.customer_ids": "出席的客户。",
    "help.campaigns attend.--file": "每行一个客户号的文件。",
    "help.campaigns attend.--as": ACTING,
    "help.campaigns report": (
        "营销活动报表：触达、答复、转化，以及相对对照组的提"
        "升（同 `crm report campaign NAME`）。\n"
        "\n"
        "示例：crm campaigns report 稳健基金首发 --format j"
        "son"
    ),
    "help.campaigns report.name": CAMPAIGN_NAME,
    "help.campaigns report.--format": "md、html、csv 或 json。",
}
