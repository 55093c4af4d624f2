"""The workbench's words (`crm work`), merged into the catalogue (`domain/catalogue.py`)."""

from __future__ import annotations

WORKBENCH: dict[str, dict[str, str | tuple[str, str]]] = {
    "work.title": {
        "zh": "工作台 {day}（含 {span}）{who}",
        "en": "Workbench {day} (covers {span}) {who}",
    },
    "work.filter": {
        "zh": "输入姓名、客户号或手机尾号筛选",
        "en": "type a name, customer number or phone digits",
    },
    "work.filtered": {"zh": "筛选“{text}”：{count} 项", "en": "filter “{text}”: {count} shown"},
    "work.done": {"zh": "已完成", "en": "done"},
    "work.pick": {
        "zh": "在左侧选择一项查看客户",
        "en": "pick an item on the left to see its customer",
    },
    "work.pick_first": {"zh": "请先在左侧选择一项", "en": "pick an item on the list first"},
    "work.not_on_list": {
        "zh": "此客户不在今日待办中：只能记录联系、登记投诉或显示全号",
        "en": "this customer is not on the day's list: log a contact, a complaint or reveal",
    },
    "work.key.call": {"zh": "记录联系", "en": "log call"},
    "work.key.done": {"zh": "完成", "en": "done"},
    "work.key.snooze": {"zh": "推迟", "en": "snooze"},
    "work.key.complaint": {"zh": "投诉", "en": "complaint"},
    "work.key.mail": {"zh": "信函", "en": "message"},
    "work.key.reveal": {"zh": "全号", "en": "reveal"},
    "work.key.search": {"zh": "查找", "en": "search"},
    "work.key.upcoming": {"zh": "未来", "en": "upcoming"},
    "work.key.help": {"zh": "帮助", "en": "help"},
    "work.key.quit": {"zh": "退出", "en": "quit"},
    "work.key.refresh": {"zh": "刷新", "en": "refresh"},
    "work.key.save": {"zh": "保存", "en": "save"},
    "work.key.cancel": {"zh": "取消", "en": "cancel"},
    "work.key.close": {"zh": "关闭", "en": "close"},
    "work.pane.profile": {"zh": "客户", "en": "Customer"},
    "work.pane.complaints": {"zh": "未结投诉", "en": "Open complaints"},
    "work.pane.no_complaints": {"zh": "无未结投诉", "en": "no open complaints"},
    "work.pane.complaint": {
        "zh": "#{id} {category}：{summary}　时限 {due}（{status}）{late}",
        "en": "#{id} {category}: {summary}  due {due} ({status}){late}",
    },
    "work.pane.no_timeline": {"zh": "暂无记录", "en": "nothing recorded yet"},
    "work.pane.maturing": {"zh": "◀ 到期", "en": "◀ matures"},
    "work.form.call": {"zh": "记录联系：{name}（{id}）", "en": "Log a contact: {name} ({id})"},
    "work.form.channel": {"zh": "方式", "en": "Channel"},
    "work.form.outcome": {"zh": "结果", "en": "Outcome"},
    "work.form.note": {"zh": "备注", "en": "Note"},
    "work.form.next": {
        "zh": "回访日期（可空，YYYY-MM-DD）",
        "en": "Call back on (optional, YYYY-MM-DD)",
    },
    "work.form.response": {"zh": "营销回应", "en": "Campaign response"},
    "response.interested": {"zh": "有意向", "en": "interested"},
    "response.declined": {"zh": "拒绝", "en": "declined"},
    "response.accepted": {"zh": "接受", "en": "accepted"},
    "response.callback": {"zh": "再联系", "en": "call back"},
    "work.form.done": {"zh": "完成：{id}", "en": "Mark done: {id}"},
    "work.form.snooze": {"zh": "推迟：{id}", "en": "Snooze: {id}"},
    "work.form.until": {"zh": "推迟至（YYYY-MM-DD）", "en": "Until (YYYY-MM-DD)"},
    "work.form.complaint": {
        "zh": "登记投诉：{name}（{id}）",
        "en": "Open a complaint: {name} ({id})",
    },
    "work.form.category": {
        "zh": "类别（如 服务态度、收费）",
        "en": "Category (e.g. 服务态度, 收费)",
    },
    "work.form.summary": {"zh": "内容", "en": "Summary"},
    "work.form.keys": {"zh": "ctrl+s 保存　esc 取消", "en": "ctrl+s save  esc cancel"},
    "work.search": {
        "zh": "查找客户：姓名、客户号，或手机/证件号尾 4 位；回车打开",
        "en": "Search: a name, customer number, or a phone/ID's last 4 digits; enter opens",
    },
    "work.search.none": {"zh": "未找到客户", "en": "nobody found"},
    "work.preview": {
        "zh": "{template}（{channel}，{purpose}）→ {address}",
        "en": "{template} ({channel}, {purpose}) → {address}",
    },
    "work.preview.refused": {"zh": "不会发送：{why}", "en": "would not be sent: {why}"},
    "work.preview.keys": {
        "zh": "esc 关闭（仅预览，未发送）",
        "en": "esc closes (a preview: nothing was sent)",
    },
    "work.revealed": {"zh": "已显示全号并记录：{id}", "en": "shown in full, and recorded: {id}"},
    "work.error": {"zh": "错误：{message}", "en": "error: {message}"},
    "work.help": {
        "zh": (
            "↑↓ 选择待办　c 记录联系　d 完成　s 推迟　o 登记投诉\n"
            "m 信函预览　r 显示全号（记录在案）　/ 查找客户　u 未来 14 天\n"
            "F5 刷新（每分钟自动）　? 帮助　q 退出\n"
            "输入数字或姓名即筛选列表；esc 清除筛选\n"
            "表单：ctrl+s 保存（任何字段），esc 取消，tab 下一字段"
        ),
        "en": (
            "↑↓ pick an item  c log a call  d done  s snooze  o open a complaint\n"
            "m message preview  r reveal (recorded)  / search  u next 14 days\n"
            "F5 refresh (also every minute)  ? help  q quit\n"
            "Digits or a name filter the list; esc clears the filter\n"
            "Forms: ctrl+s saves from any field, esc cancels, tab moves on"
        ),
    },
}
