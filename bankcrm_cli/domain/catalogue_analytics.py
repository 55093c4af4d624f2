"""The words of the analytics and list views (segments, opportunities, RMs, duplicates, the
customer merge plan, templates, the mail merge summary), zh and en.

Part of the catalogue (domain/catalogue.py merges it). Keys ending in an English phrase
(`dup.reason.same phone`, `mm.skip.no e-mail`) translate a value that --format json keeps as
it is, for scripts.
"""

from __future__ import annotations

ANALYTICS_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    # segments
    "seg.title": {
        "zh": "客户等级 {day}：共 {shown} 位客户 · {aum}",
        "en": (
            "Tiers on {day} ({shown} customer, {aum})",
            "Tiers on {day} ({shown} customers, {aum})",
        ),
    },
    "seg.tier": {"zh": "等级", "en": "Tier"},
    "seg.floor": {"zh": "门槛", "en": "Floor"},
    "seg.customers": {"zh": "客户", "en": "Customers"},
    "seg.aum": {"zh": "资产余额", "en": "AUM"},
    "seg.held": {"zh": "保级中", "en": "Held above AUM"},
    "seg.caption": {
        "zh": "低于门槛满 {count} 个月后降级",
        "en": (
            "downgrade after {count} month below a floor",
            "downgrade after {count} months below a floor",
        ),
    },
    "seg.list.title": {"zh": "客户分层（{count}）", "en": "Customer segments ({count})"},
    "seg.customer": {"zh": "客户", "en": "Customer"},
    "seg.aum_tier": {"zh": "资产等级", "en": "AUM tier"},
    "seg.downgrade": {"zh": "降级日", "en": "Downgrade"},
    # opportunities
    "opp.title": {"zh": "商机 {day}（{count}）", "en": "Opportunities on {day} ({count})"},
    "opp.suggestion": {"zh": "建议", "en": "Suggestion"},
    "opp.refused": {"zh": "拒绝营销", "en": "Refused"},
    "opp.wealth_for_maturity": {
        "zh": "{product} {amount} 将于 {due} 到期：到期前推荐理财产品",
        "en": "offer a wealth product before the {product} of {amount} matures on {due}",
    },
    "opp.insurance_for_installment": {
        "zh": "零存整取 {amount} 将于 {due} 到期：推荐保险",
        "en": "installment savings of {amount} matures on {due}: offer insurance",
    },
    "opp.next_tier": {
        "zh": "再增加 {gap} 即达{tier}（门槛 {floor}）",
        "en": "{gap} more makes {tier} (floor {floor})",
    },
    # complaint statistics: the key --format json gives complaints without a root cause
    "root_cause.(not recorded)": {"zh": "（未记录）", "en": "(not recorded)"},
    # RMs
    "rms.title": {"zh": "客户经理", "en": "Relationship managers"},
    "rms.code": {"zh": "工号", "en": "Code"},
    "rms.name": {"zh": "姓名", "en": "Name"},
    "rms.phone": {"zh": "电话", "en": "Phone"},
    "rms.email": {"zh": "邮箱", "en": "E-mail"},
    "rms.branch": {"zh": "网点", "en": "Branch"},
    "rms.none": {
        "zh": "尚无客户经理：用 `crm rms import FILE` 导入",
        "en": "no RMs yet: import them with `crm rms import FILE`",
    },
    # duplicates
    "dup.title": {"zh": "疑似重复客户", "en": "Possible duplicates"},
    "dup.a": {"zh": "客户号 A", "en": "Customer A"},
    "dup.b": {"zh": "客户号 B", "en": "Customer B"},
    "dup.level": {"zh": "级别", "en": "Level"},
    "dup.score": {"zh": "得分", "en": "Score"},
    "dup.reasons": {"zh": "依据", "en": "Why"},
    "dup.none": {"zh": "此得分以上没有疑似重复", "en": "no candidate pairs at this score"},
    "dup.level.certain": {"zh": "确定", "en": "certain"},
    "dup.level.probable": {"zh": "很可能", "en": "probable"},
    "dup.level.possible": {"zh": "可能", "en": "possible"},
    "dup.reason.same ID number": {"zh": "证件号码相同", "en": "same ID number"},
    "dup.reason.18-digit and old 15-digit forms": {
        "zh": "18 位与旧 15 位证件号",
        "en": "18-digit and old 15-digit forms",
    },
    "dup.reason.same phone": {"zh": "手机相同", "en": "same phone"},
    "dup.reason.same e-mail": {"zh": "邮箱相同", "en": "same e-mail"},
    "dup.reason.same name": {"zh": "姓名相同", "en": "same name"},
    "dup.reason.same birth date": {"zh": "出生日期相同", "en": "same birth date"},
    "dup.reason.names differ": {"zh": "姓名不同：{names}", "en": "names differ: {names}"},
    "dup.reason.similar names": {"zh": "姓名相近：{names}", "en": "similar names: {names}"},
    # the customer merge plan
    "merge.head": {
        "zh": "合并：将 {other}（{other_name}）并入 {keep}（{keep_name}）：{done}",
        "en": "Merge {other} ({other_name}) into {keep} ({keep_name}): {done}",
    },
    "merge.dry": {"zh": "试运行，未作任何改动", "en": "dry run, nothing changed"},
    "merge.number": {"zh": "合并 #{id}", "en": "merge #{id}"},
    "merge.named_as": {
        "zh": "{named} 此前已并入 {keep}：并入 {keep}",
        "en": "{named} was merged into {keep} before: merging into {keep}",
    },
    "merge.forced": {"zh": "已强制合并，尽管{why}", "en": "forced although {why}"},
    "merge.conflict.their ID numbers differ": {
        "zh": "两者证件号码不同",
        "en": "their ID numbers differ",
    },
    "merge.conflict.their birth dates differ": {
        "zh": "两者出生日期不同",
        "en": "their birth dates differ",
    },
    "merge.conflict.their genders differ": {"zh": "两者性别不同", "en": "their genders differ"},
    "merge.conflict.one's ID number contradicts the other's birth date": {
        "zh": "一方的证件号码与另一方的出生日期矛盾",
        "en": "one's ID number contradicts the other's birth date",
    },
    "merge.conflict.one's ID number contradicts the other's gender": {
        "zh": "一方的证件号码与另一方的性别矛盾",
        "en": "one's ID number contradicts the other's gender",
    },
    "merge.fields": {"zh": "{keep} 的变化", "en": "Fields of {keep}"},
    "merge.field": {"zh": "字段", "en": "Field"},
    "merge.before": {"zh": "原值", "en": "Before"},
    "merge.after": {"zh": "合并后", "en": "After"},
    "merge.nothing_to_fill": {
        "zh": "{keep} 没有需要补充的字段",
        "en": "fields of {keep}: nothing to fill",
    },
    "merge.kept": {
        "zh": "保留：{keep} 的值不变，{other} 的值不同",
        "en": "Kept: {keep}'s values stay, {other}'s differ",
    },
    "merge.kept_col": {"zh": "{id}（保留）", "en": "{id} (kept)"},
    "merge.dropped_col": {"zh": "{id}（舍弃）", "en": "{id} (dropped)"},
    "merge.moving": {"zh": "移至 {keep}", "en": "moving to {keep}"},
    "merge.followups": {
        "zh": "移至 {keep} 的跟进状态：{ids}",
        "en": "follow-up states moving to {keep}: {ids}",
    },
    "merge.set_aside": {
        "zh": "暂存（{keep} 已有相同活动和渠道；拆分时恢复）：发送 {ids}",
        "en": "set aside ({keep} had the same campaign and channel; back on unmerge): "
        "deliveries {ids}",
    },
    "merge.afterwards": {
        "zh": "此后 {aliases} 指向 {keep}",
        "en": "afterwards {aliases} name {keep}",
    },
    "merge.dry_tail": {
        "zh": "试运行：未作任何改动；去掉 --dry-run 再运行即合并",
        "en": "dry run: nothing changed; run again without --dry-run to merge",
    },
    "merge.undo": {
        "zh": "撤销：crm customers unmerge {other}",
        "en": "undo with: crm customers unmerge {other}",
    },
    "merge.rows": {"zh": "{label}：{parts}", "en": "{label}: {parts}"},
    "merge.rows.nothing": {"zh": "无", "en": "nothing"},
    "merge.rows.sep": {"zh": "；", "en": "; "},
    "merge.row.holdings": {
        "zh": "{count} 笔持有产品（{ids}）",
        "en": ("{count} holding ({ids})", "{count} holdings ({ids})"),
    },
    "merge.row.contacts": {
        "zh": "{count} 条联系（{ids}）",
        "en": ("{count} contact ({ids})", "{count} contacts ({ids})"),
    },
    "merge.row.complaints": {
        "zh": "{count} 件投诉（{ids}）",
        "en": ("{count} complaint ({ids})", "{count} complaints ({ids})"),
    },
    "merge.row.deliveries": {
        "zh": "{count} 次发送（{ids}）",
        "en": ("{count} delivery ({ids})", "{count} deliveries ({ids})"),
    },
    "merge.row.campaign_members": {
        "zh": "{count} 项营销名单资格（{ids}）",
        "en": ("{count} campaign membership ({ids})", "{count} campaign memberships ({ids})"),
    },
    "merge.row.campaign_steps": {
        "zh": "{count} 条营销记录（{ids}）",
        "en": ("{count} campaign step ({ids})", "{count} campaign steps ({ids})"),
    },
    "unmerge.head": {
        "zh": "拆分：将 {other} 从 {keep} 拆出（合并 #{id}）：{done}",
        "en": "Unmerge {other} from {keep} (merge #{id}): {done}",
    },
    "unmerge.done": {"zh": "已完成", "en": "done"},
    "unmerge.restored": {"zh": "{keep} 恢复的字段", "en": "Fields of {keep} restored"},
    "unmerge.now": {"zh": "现值", "en": "Now"},
    "unmerge.restored_col": {"zh": "恢复", "en": "Restored"},
    "unmerge.back": {"zh": "回到 {other}", "en": "back to {other}"},
    "unmerge.followups": {
        "zh": "回到 {other} 的跟进状态：{ids}",
        "en": "follow-up states back to {other}: {ids}",
    },
    "unmerge.deliveries": {
        "zh": "恢复给 {other} 的发送：{ids}",
        "en": "deliveries restored to {other}: {ids}",
    },
    "unmerge.aliases": {"zh": "{aliases} 重新指向 {other}", "en": "{aliases} name {other} again"},
    "unmerge.stayed": {
        "zh": "合并后新增、留在 {keep} 的",
        "en": "added since the merge, staying with {keep}",
    },
    "mfield.name": {"zh": "姓名", "en": "name"},
    "mfield.id_number": {"zh": "证件号码", "en": "ID number"},
    "mfield.id_number_raw": {"zh": "原证件号码", "en": "ID number as given"},
    "mfield.birth_date": {"zh": "出生日期", "en": "birth date"},
    "mfield.birth_mmdd": {"zh": "生日键", "en": "birthday key"},
    "mfield.gender": {"zh": "性别", "en": "sex"},
    "mfield.lunar_birthday": {"zh": "农历生日", "en": "lunar birthday"},
    "mfield.phone": {"zh": "手机", "en": "mobile"},
    "mfield.email": {"zh": "邮箱", "en": "e-mail"},
    "mfield.fax": {"zh": "传真", "en": "fax"},
    "mfield.address": {"zh": "地址", "en": "address"},
    "mfield.postal_code": {"zh": "邮编", "en": "postal code"},
    "mfield.branch": {"zh": "网点", "en": "branch"},
    "mfield.rm_code": {"zh": "客户经理", "en": "RM"},
    "mfield.aum_cents": {"zh": "资产余额（分）", "en": "AUM (cents)"},
    "mfield.consent_email": {"zh": "邮件营销同意", "en": "e-mail consent"},
    "mfield.consent_sms": {"zh": "短信营销同意", "en": "SMS consent"},
    "mfield.consent_phone": {"zh": "电话营销同意", "en": "phone consent"},
    "mfield.consent_mail": {"zh": "信函营销同意", "en": "mail consent"},
    "mfield.consent_fax": {"zh": "传真营销同意", "en": "fax consent"},
    # templates
    "tpl.title": {"zh": "模板", "en": "Templates"},
    "tpl.name": {"zh": "名称", "en": "Name"},
    "tpl.channel": {"zh": "渠道", "en": "Channel"},
    "tpl.purpose": {"zh": "用途", "en": "Purpose"},
    "tpl.source": {"zh": "来源", "en": "Source"},
    "tpl.description": {"zh": "说明", "en": "Description"},
    "tpl.builtin": {"zh": "内置", "en": "built-in"},
    "purpose.marketing": {"zh": "营销", "en": "marketing"},
    "purpose.service": {"zh": "服务", "en": "service"},
    "tpl.check": {"zh": "检查 {name}", "en": "check {name}"},
    "tpl.recipients": {"zh": "收件人", "en": "Recipients"},
    "tpl.rendered": {"zh": "已生成", "en": "Rendered"},
    "tpl.skipped": {"zh": "跳过", "en": "Skipped"},
    "tpl.result": {"zh": "结果", "en": "Result"},
    "tpl.ok": {"zh": "通过", "en": "ok"},
    # the mail merge summary
    "mm.head": {
        "zh": "{template}（{channel}，{purpose}）— 活动 {campaign}",
        "en": "{template} ({channel}, {purpose}) — campaign {campaign}",
    },
    "mm.rendered": {
        "zh": "  已生成：{count} 份，位于 {out}",
        "en": "  rendered: {count} into {out}",
    },
    "mm.batch": {
        "zh": "  打印合集：{path}（{count} 页）",
        "en": ("  print batch: {path} ({count} page)", "  print batch: {path} ({count} pages)"),
    },
    "mm.sent": {"zh": "  已发送：{count}", "en": "  sent: {count}"},
    "mm.posted": {"zh": "  已记为寄出：{count}", "en": "  recorded as posted: {count}"},
    "mm.preview": {
        "zh": "  仅预览：未发送（加 --send 才会发出）",
        "en": "  preview only: nothing was sent (add --send to deliver)",
    },
    "mm.skipped": {"zh": "  跳过（{reason}）：{count}", "en": "  skipped ({reason}): {count}"},
    "mm.failed": {"zh": "  失败 {customer}：{error}", "en": "  failed {customer}: {error}"},
    "mm.skip.already sent": {"zh": "已发送过", "en": "already sent"},
    "mm.skip.no e-mail": {"zh": "无邮箱", "en": "no e-mail"},
    "mm.skip.no fax number": {"zh": "无传真号码", "en": "no fax number"},
    "mm.skip.no address": {"zh": "无地址", "en": "no address"},
    "mm.skip.no complaint on record": {"zh": "没有投诉记录", "en": "no complaint on record"},
    "mm.skip.no resolved complaint on record": {
        "zh": "没有已办结的投诉",
        "en": "no resolved complaint on record",
    },
    "mm.skip.opted out": {"zh": "已拒绝{channel}营销", "en": "opted out of {channel} marketing"},
    "mm.skip.no consent": {
        "zh": "没有{channel}营销同意记录",
        "en": "no {channel} marketing consent on record",
    },
    "mm.skip.font": {
        "zh": "PDF 字体无法打印 {chars}（请设置 mailmerge.font）",
        "en": "the PDF font cannot print {chars} (set mailmerge.font)",
    },
    "mm.skip.interrupted while sending: it may have arrived; check, then add --retry-interrupted": {
        "zh": "发送中断：可能已送达；请核实后加 --retry-interrupted",
        "en": "interrupted while sending: it may have arrived; check, then add --retry-interrupted",
    },
}
