"""The words of campaigns (`crm campaigns …`, the campaign report, the campaigns section of the
daily and weekly reports, campaign errors), zh and en.

Part of the catalogue (domain/catalogue.py merges it). JSON and CSV keep the codes (purpose,
status, channel); these entries are what a table, a message or a report shows for them.
"""

from __future__ import annotations

CAMPAIGN_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    # codes shown as words
    "camp.state.active": {"zh": "进行中", "en": "active"},
    "camp.state.closed": {"zh": "已结束", "en": "closed"},
    "camp.member.targeted": {"zh": "待联系", "en": "targeted"},
    "camp.member.contacted": {"zh": "已联系", "en": "contacted"},
    "camp.member.interested": {"zh": "有意向", "en": "interested"},
    "camp.member.declined": {"zh": "婉拒", "en": "declined"},
    "camp.member.accepted": {"zh": "接受", "en": "accepted"},
    "camp.member.callback": {"zh": "待回电", "en": "call back"},
    "camp.member.attended": {"zh": "出席", "en": "attended"},
    "camp.member.no-show": {"zh": "缺席", "en": "no-show"},
    "camp.member.converted": {"zh": "已转化", "en": "converted"},
    "camp.member.waiting": {"zh": "候补", "en": "waiting"},
    "camp.channel.other": {"zh": "其他", "en": "other"},
    "camp.join": {"zh": "、", "en": ", "},
    # crm campaigns create | close | list | show
    "camp.created": {
        "zh": "已创建营销活动 {name}（对照组 {pct} %）",
        "en": "campaign {name} created ({pct} % holdout)",
    },
    "camp.closed": {"zh": "营销活动 {name} 已结束", "en": "campaign {name} closed"},
    "camp.list.title": {"zh": "营销活动", "en": "Campaigns"},
    "camp.list.none": {
        "zh": "尚无营销活动：用 `crm campaigns create NAME --title …` 创建",
        "en": "no campaigns yet: `crm campaigns create NAME --title …`",
    },
    "camp.col.name": {"zh": "名称", "en": "Name"},
    "camp.col.title": {"zh": "标题", "en": "Title"},
    "camp.col.purpose": {"zh": "目的", "en": "Purpose"},
    "camp.col.channels": {"zh": "渠道", "en": "Channels"},
    "camp.col.start": {"zh": "开始", "en": "Start"},
    "camp.col.status": {"zh": "状态", "en": "Status"},
    "camp.col.members": {"zh": "成员", "en": "Members"},
    "camp.col.holdout": {"zh": "对照组", "en": "Holdout"},
    "camp.col.field": {"zh": "项目", "en": "Field"},
    "camp.col.value": {"zh": "内容", "en": "Value"},
    "camp.field.name": {"zh": "名称", "en": "name"},
    "camp.field.title": {"zh": "标题", "en": "title"},
    "camp.field.purpose": {"zh": "目的", "en": "purpose"},
    "camp.field.product_types": {"zh": "转化产品", "en": "product types"},
    "camp.field.channels": {"zh": "渠道", "en": "channels"},
    "camp.field.start": {"zh": "开始日期", "en": "start"},
    "camp.field.end": {"zh": "结束日期", "en": "end"},
    "camp.field.window_days": {"zh": "观察期（天）", "en": "window (days)"},
    "camp.field.holdout_pct": {"zh": "对照组比例（%）", "en": "holdout (%)"},
    "camp.field.capacity": {"zh": "座位数", "en": "seats"},
    "camp.field.event_date": {"zh": "活动日期", "en": "event date"},
    "camp.field.calls_per_day": {"zh": "每位经理每日电话数", "en": "calls a day per RM"},
    "camp.field.status": {"zh": "状态", "en": "status"},
    "camp.field.members": {"zh": "成员", "en": "members"},
    "camp.field.holdout_members": {"zh": "对照组成员", "en": "holdout members"},
    # crm campaigns target
    "camp.target.head": {
        "zh": "营销活动 {name}：选中 {chosen} 位，其中 {count} 位已是成员",
        "en": (
            "campaign {name}: {chosen} chosen, {count} already a member",
            "campaign {name}: {chosen} chosen, {count} already members",
        ),
    },
    "camp.target.would_add": {"zh": "  将加入：{count}", "en": "  would add: {count}"},
    "camp.target.added": {
        "zh": "  已加入：{count}（其中 {holdout} 位抽入对照组）",
        "en": "  added: {count} ({holdout} drawn into the holdout)",
    },
    "camp.target.skipped": {
        "zh": "  跳过（{reason}）：{count}",
        "en": "  skipped ({reason}): {count}",
    },
    "camp.target.more": {"zh": "    …另有 {count} 位", "en": "    … and {count} more"},
    "camp.target.first_rows": {"zh": "  前几行：", "en": "  first rows:"},
    "camp.skip.refused_all": {
        "zh": "拒绝了本活动的全部渠道：{channels}",
        "en": "refused every channel of the campaign ({channels})",
    },
    # crm campaigns members
    "camp.members.title": {"zh": "{name} 成员", "en": "{name} members"},
    "camp.members.count": {"zh": "共 {count} 位成员", "en": ("{count} member", "{count} members")},
    "camp.col.customer": {"zh": "客户号", "en": "Customer"},
    "camp.col.customer_name": {"zh": "姓名", "en": "Name"},
    "camp.col.rm": {"zh": "客户经理", "en": "RM"},
    "camp.col.first_contact": {"zh": "首次接触", "en": "First contact"},
    "camp.col.response": {"zh": "回应", "en": "Response"},
    "camp.col.converted": {"zh": "转化", "en": "Converted"},
    # crm campaigns rsvp | attend
    "camp.rsvp.accepted": {"zh": "{customer} 已获座位", "en": "{customer} has a seat"},
    "camp.rsvp.waiting": {
        "zh": "{customer} 已列入候补名单",
        "en": "{customer} is on the waiting list",
    },
    "camp.rsvp.declined": {"zh": "{customer} 已婉拒", "en": "{customer} declined"},
    "camp.rsvp.promoted": {
        "zh": "；{customer} 从候补名单转入空出的座位",
        "en": "; {customer} moves from the waiting list to the freed seat",
    },
    "camp.attended": {
        "zh": "{name}：{count} 位记为出席",
        "en": ("{count} marked as attended in {name}", "{count} marked as attended in {name}"),
    },
    "camp.sample": {"zh": "示例营销活动：{names}", "en": "sample campaigns: {names}"},
    "camp.fu.detail": {
        "zh": "营销活动 {title}：致电后记录 `crm log-call {customer} --campaign {campaign} "
        "--response …`",
        "en": "campaign {title}: call, then `crm log-call {customer} --campaign {campaign} "
        "--response …`",
    },
    # the uplift
    "camp.method": {
        "zh": "Newcombe 混合得分法，基于两个 Wilson 区间",
        "en": "Newcombe hybrid score (from two Wilson intervals), 95 %",
    },
    "camp.why.no_contacted": {
        "zh": "无法计算：没有已接触的成员",
        "en": "not meaningful: no contacted members",
    },
    "camp.why.no_holdout": {"zh": "无法计算：没有对照组", "en": "not meaningful: no holdout"},
    "camp.why.few": {
        "zh": "区间无意义：{group}的转化不足 {least} 个",
        "en": "interval not meaningful: fewer than {least} conversions in the {group}",
    },
    "camp.group.contacted": {"zh": "已接触组", "en": "contacted group"},
    "camp.group.holdout": {"zh": "对照组", "en": "holdout"},
    # the campaign report
    "camp.rep.title": {"zh": "营销活动报告：{name}", "en": "Campaign report: {name}"},
    "camp.rep.settings": {
        "zh": "{title}（{purpose}；转化产品 {products}；渠道 {channels}；观察期 {count} 天；"
        "对照组 {holdout} %；{status}）",
        "en": (
            "{title} ({purpose}; products {products}; channels {channels}; window {count} day; "
            "holdout {holdout} %; {status})",
            "{title} ({purpose}; products {products}; channels {channels}; window {count} days; "
            "holdout {holdout} %; {status})",
        ),
    },
    "camp.rep.targeted": {
        "zh": "目标客户：{targeted}（对照组 {holdout}）",
        "en": "targeted: {targeted} (holdout {holdout})",
    },
    "camp.rep.contacted": {"zh": "已接触：{count}", "en": "contacted: {count}"},
    "camp.rep.reached": {"zh": "接通：{count}", "en": "reached: {count}"},
    "camp.rep.responses": {"zh": "回应：", "en": "responses: "},
    "camp.rep.dash": {"zh": " — ", "en": " — "},
    "camp.rep.item": {"zh": "{what} {count}", "en": "{what} {count}"},
    "camp.rep.event": {"zh": "活动：", "en": "event: "},
    "camp.rep.event_on": {"zh": "活动（{day}）：", "en": "event on {day}: "},
    "camp.rep.seats": {
        "zh": "接受 {accepted}（共 {capacity} 个座位）",
        "en": "accepted {accepted} of {capacity} seats",
    },
    "camp.rep.accepted": {"zh": "接受 {accepted}", "en": "accepted {accepted}"},
    "camp.rep.event_rest": {
        "zh": "候补 {waiting}，婉拒 {declined}，出席 {attended}，缺席 {no_show}",
        "en": "waiting {waiting}, declined {declined}, attended {attended}, no-show {no_show}",
    },
    "camp.rep.uplift_head": {"zh": "转化与提升", "en": "Conversions and uplift"},
    "camp.rep.group": {"zh": "组", "en": "Group"},
    "camp.rep.members": {"zh": "成员", "en": "Members"},
    "camp.rep.converted": {"zh": "转化", "en": "Converted"},
    "camp.rep.rate": {"zh": "转化率", "en": "Rate"},
    "camp.rep.row.contacted": {"zh": "已接触组", "en": "contacted"},
    "camp.rep.row.holdout": {"zh": "对照组", "en": "holdout"},
    "camp.rep.uplift": {"zh": "提升：{uplift}", "en": "uplift: {uplift}"},
    "camp.rep.uplift_card": {"zh": "提升", "en": "Uplift"},
    "camp.rep.ci": {
        "zh": "（95 % 置信区间 {low} 至 {high}，{method}）",
        "en": " (95 % CI {low} to {high}, {method})",
    },
    "camp.rep.new_aum": {
        "zh": "转化成员新增资产：{amount}（对照组 {holdout}）",
        "en": "new AUM from converted members: {amount} (holdout {holdout})",
    },
    "camp.rep.merged": {
        "zh": "客户合并后同时在两组的客户（保留已接触一侧）：{count}",
        "en": "customers in both groups after a customer merge (the contacted side kept): {count}",
    },
    "camp.rep.by_rm": {"zh": "客户经理考评", "en": "By RM"},
    "camp.rep.contacts_made": {"zh": "联系次数", "en": "Contacts made"},
    "camp.rep.contacted_col": {"zh": "已接触", "en": "Contacted"},
    "camp.rep.reached_col": {"zh": "接通", "en": "Reached"},
    "camp.rep.conversion_rate": {"zh": "转化率", "en": "Conversion rate"},
    "camp.rep.holdout_rate": {"zh": "对照组转化率", "en": "Holdout rate"},
    "camp.rep.targeted_card": {"zh": "目标客户", "en": "Targeted"},
    "camp.rep.holdout_card": {"zh": "对照组", "en": "Holdout"},
    # the campaigns section of the daily and weekly reports
    "camp.sec.title": {"zh": "营销活动", "en": "Campaigns"},
    "camp.sec.campaign": {"zh": "活动", "en": "Campaign"},
    "camp.sec.calls_today": {"zh": "今日电话", "en": "Calls today"},
    "camp.sec.converted_holdout": {"zh": "对照组转化", "en": "Holdout converted"},
    "camp.sec.none": {"zh": "没有进行中的营销活动。", "en": "No active campaign."},
    # errors
    "camp.err.none": {
        "zh": "没有营销活动 {name}；见 `crm campaigns list`",
        "en": "no campaign {name}; see `crm campaigns list`",
    },
    "camp.err.name": {
        "zh": "营销活动名称为 1 至 200 个字符，不含逗号",
        "en": "a campaign name is 1 to 200 characters, without commas",
    },
    "camp.err.channels": {
        "zh": "--channel 须为以下一个或多个：{choices}",
        "en": "--channel must be one or more of {choices}",
    },
    "camp.err.product_type": {
        "zh": "--product-type 给出一个产品类型，例如 fund",
        "en": "--product-type names one product type, e.g. fund",
    },
    "camp.err.needs_product": {
        "zh": "营销类活动需要 --product-type（开立哪类产品算转化）",
        "en": "a marketing campaign needs --product-type (what counts as a conversion)",
    },
    "camp.err.window": {
        "zh": "--window 须为 1 至 {most} 天",
        "en": "--window must be 1 to {most} days",
    },
    "camp.err.end_before_start": {
        "zh": "--end {end} 早于 --start {start}",
        "en": "--end {end} is before --start {start}",
    },
    "camp.err.at_least_one": {"zh": "{option} 至少为 1", "en": "{option} must be at least 1"},
    "camp.err.exists": {
        "zh": "营销活动 {name} 已存在；请另取一个名称",
        "en": "a campaign {name} exists already; choose another name",
    },
    "camp.err.closed_already": {
        "zh": "营销活动 {name} 已经结束",
        "en": "campaign {name} is closed already",
    },
    "camp.err.closed": {
        "zh": "营销活动 {name} 已结束；其成员不能再变动",
        "en": "campaign {name} is closed; its members can no longer be changed",
    },
    "camp.err.move": {
        "zh": "状态为“{status}”的成员不能变为“{to}”",
        "en": "a member who is {status} cannot become {to}",
    },
    "camp.err.holdout_pct": {
        "zh": "--holdout {pct} 须为 0 至 50（占目标客户的百分比）",
        "en": "--holdout {pct} must be from 0 to 50 (per cent of the targets)",
    },
    "camp.err.holdout": {
        "zh": "客户 {customer} 在营销活动 {name} 的对照组中：通过本活动联系会破坏其衡量",
        "en": "customer {customer} is in the holdout of campaign {name}: contacting them "
        "through the campaign would spoil its measure",
    },
    "camp.err.not_member": {
        "zh": "客户 {customer} 不是营销活动 {name} 的成员；"
        "可用 `crm campaigns target {name} --customers {customer}` 加入",
        "en": "customer {customer} is not a member of campaign {name}; "
        "add them with `crm campaigns target {name} --customers {customer}`",
    },
    "camp.err.goes_by": {
        "zh": "营销活动 {name} 的渠道是 {channels}，不含 {channel}",
        "en": "campaign {name} goes by {channels}, not {channel}",
    },
    "camp.err.no_tier": {
        "zh": "没有等级 {tier}；等级有：{tiers}",
        "en": "no tier {tier}; tiers: {tiers}",
    },
    "camp.err.maturing_within": {
        "zh": "--maturing-within 须为 0 天或以上",
        "en": "--maturing-within must be 0 or more days",
    },
    "camp.err.no_customers": {
        "zh": "没有客户 {ids}{more}；未加入任何人（可用 `crm customers search` 核对号码）",
        "en": "no customer {ids}{more}; nothing was added "
        "(check the numbers with `crm customers search`)",
    },
    "camp.err.no_customers.more": {"zh": "等，另有 {count} 个", "en": " and {count} more"},
    "camp.err.no_filter": {
        "zh": "请说明目标客户：--segment、--rm、--holds、--customers …（见 --help）",
        "en": "name who to target: --segment, --rm, --holds, --customers … (see --help)",
    },
    "camp.err.customers_file": {
        "zh": "无法读取 {option} 文件 {path}：{why}",
        "en": "cannot read {option} file {path}: {why}",
    },
    "camp.err.customers_none": {
        "zh": "{option} 没有给出任何客户",
        "en": "{option} names no customer",
    },
    "camp.err.rsvp_answer": {
        "zh": "请给出答复：--accepted 或 --declined",
        "en": "say the answer: --accepted or --declined",
    },
    "camp.err.attend_who": {
        "zh": "请给出出席者：CUSTOMER_ID … 或 --file LIST",
        "en": "name who attended: CUSTOMER_ID ... or --file LIST",
    },
    "camp.err.response_needs_campaign": {
        "zh": "--response 需要 --campaign NAME（这通电话所属的营销活动）",
        "en": "--response needs --campaign NAME (the campaign the call is for)",
    },
    "camp.err.call_done": {
        "zh": "营销电话在记录答复后即完成：crm log-call {customer} --campaign NAME "
        "--response interested|declined|accepted|callback",
        "en": "a campaign call is done when the answer is logged: crm log-call {customer} "
        "--campaign NAME --response interested|declined|accepted|callback",
    },
}
