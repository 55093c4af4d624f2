"""What each setting means, as `crm config show` prints it, in zh and en.

Merged into `domain/catalogue.CATALOGUE` as `setting.<key>`; the defaults themselves are in
`settings.DEFAULTS`, and a test checks every setting has its meaning here.
"""

from __future__ import annotations

SETTING_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    "setting.db": {
        "zh": "数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据文件夹）",
        "en": "store: a SQLite file path or a SQLAlchemy URL (default: the user data folder)",
    },
    "setting.timezone": {
        "zh": "决定“今天”是哪天的时区",
        "en": "time zone that decides what 'today' is",
    },
    "setting.ui.language": {
        "zh": "crm 输出的语言：zh（中文）或 en（英文）",
        "en": "language of what crm prints: zh (Chinese) or en (English)",
    },
    "setting.bank.name": {
        "zh": "信函和报表中的银行名称",
        "en": "bank name used in letters and reports",
    },
    "setting.bank.phone": {
        "zh": "信函上印的银行客服电话",
        "en": "bank service phone printed in letters",
    },
    "setting.bank.address": {"zh": "信函上印的银行地址", "en": "bank address printed in letters"},
    "setting.bank.fax": {
        "zh": "传真封面上印的银行传真号",
        "en": "bank fax number printed on fax cover sheets",
    },
    "setting.followups.pull_forward": {
        "zh": "工作日也列出到下一个工作日之前的非工作日的待办",
        "en": "on a working day, also show what falls on the non-working days up to the next one",
    },
    "setting.followups.feb29": {
        "zh": "2 月 29 日生日在平年提醒于：feb28（2 月 28 日）或 mar1（3 月 1 日）",
        "en": "29 February birthdays in common years: feb28 or mar1",
    },
    "setting.followups.lead_days": {
        "zh": "到期前多少天开始提醒",
        "en": "days before a maturity that it starts to show",
    },
    "setting.followups.lead_days_by_product": {
        "zh": "{product}到期提前提醒天数（0：用 lead_days）",
        "en": "lead days for {product} maturities (0: lead_days)",
    },
    "setting.complaints.policy": {
        "zh": "新投诉的时限规则：cn-nfra、uk-fca、us-cfpb",
        "en": "deadline rules for new complaints: cn-nfra, uk-fca, us-cfpb",
    },
    "setting.mailmerge.templates": {
        "zh": "自己的模板文件夹：其中的模板覆盖内置模板",
        "en": "your own template folder: its templates override built-ins",
    },
    "setting.mailmerge.require_consent": {
        "zh": "营销只发给明确同意的客户（默认：未知视为同意）",
        "en": "marketing only to customers who said yes (default: unknown consent counts as yes)",
    },
    "setting.mailmerge.font": {
        "zh": "PDF 信函和传真用的 TrueType 中文字体（默认：自动查找）",
        "en": "a TrueType CJK font for PDF letters and faxes (default: found)",
    },
    "setting.mailmerge.system_fonts": {
        "zh": "先找系统自带的中文字体，再用 crm 自带的（false：只用 crm 的）",
        "en": "look for the platform's own CJK font before the one crm ships (false: use crm's)",
    },
    "setting.mailmerge.fax_gateway": {
        "zh": "电子邮件转传真网关的地址格式，如 {fax}@fax.example.com",
        "en": "e-mail-to-fax gateway address pattern, e.g. {fax}@fax.example.com",
    },
    "setting.mailmerge.max_output": {
        "zh": "一个模板为一位客户最多生成的字符数",
        "en": "characters a template may render for one customer",
    },
    "setting.mailmerge.render_seconds": {
        "zh": "一个模板为一位客户最多用的秒数",
        "en": "seconds a template may take for one customer",
    },
    "setting.smtp.host": {
        "zh": "发送邮件和传真的 SMTP 服务器",
        "en": "SMTP server for e-mail and fax",
    },
    "setting.smtp.port": {
        "zh": "SMTP 端口（0：ssl 用 465，starttls 用 587，none 用 25）",
        "en": "SMTP port (0: 465 for ssl, 587 for starttls, 25 for none)",
    },
    "setting.smtp.user": {"zh": "SMTP 用户名", "en": "SMTP user name"},
    "setting.smtp.password": {
        "zh": "SMTP 密码：只能来自环境变量或权限 0600 的设置文件",
        "en": "SMTP password: environment or a 0600 settings file only",
    },
    "setting.smtp.tls": {
        "zh": "SMTP 安全方式：starttls、ssl 或 none（校验证书）",
        "en": "SMTP security: starttls, ssl or none (certificates verified)",
    },
    "setting.smtp.timeout": {
        "zh": "等待 SMTP 服务器的秒数",
        "en": "seconds to wait for the SMTP server",
    },
    "setting.mail.from": {
        "zh": "发件地址，如 示例银行 <service@bank.example>",
        "en": "sender address, e.g. Example Bank <service@bank.example>",
    },
    "setting.mail.unsubscribe": {
        "zh": "营销邮件 List-Unsubscribe 中的退订地址（默认：发件地址）",
        "en": "address in marketing e-mails' List-Unsubscribe (default: from)",
    },
    "setting.mail.unsubscribe_url": {
        "zh": "营销邮件 List-Unsubscribe 中的退订网页（可空）",
        "en": "web page in marketing e-mails' List-Unsubscribe, if any",
    },
    "setting.segments.gold_yuan": {
        "zh": "客户成为金卡的资产余额（元）起点",
        "en": "AUM (yuan) from which a customer is gold",
    },
    "setting.segments.platinum_yuan": {
        "zh": "客户成为白金的资产余额（元）起点",
        "en": "AUM (yuan) from which a customer is platinum",
    },
    "setting.segments.diamond_yuan": {
        "zh": "客户成为钻石的资产余额（元）起点",
        "en": "AUM (yuan) from which a customer is diamond",
    },
    "setting.segments.private_yuan": {
        "zh": "客户成为私人银行客户的资产余额（元）起点",
        "en": "AUM (yuan) from which a customer is private banking",
    },
    "setting.segments.downgrade_months": {
        "zh": "资产余额跌破等级后仍保留该等级的月数（升级立即生效）",
        "en": "months a customer keeps a tier after their AUM falls below it (rises count at once)",
    },
    "setting.churn.drop_pct": {
        "zh": "资产余额在 churn.drop_days 内下降至少此百分比即为流失信号",
        "en": "AUM falling by at least this % over churn.drop_days is a signal",
    },
    "setting.churn.drop_days": {
        "zh": "衡量资产余额下降的天数",
        "en": "days over which an AUM drop is measured",
    },
    "setting.churn.payout_days": {
        "zh": "回看多少天内到期未续存（被支取）的产品",
        "en": "days back a maturity paid out instead of rolled over counts",
    },
    "setting.churn.inactive_days": {
        "zh": "无任何往来多少天即为流失信号",
        "en": "days without any activity that make a signal",
    },
    "setting.churn.cadence_days.mass": {
        "zh": "普通客户两次接通联系之间的天数",
        "en": "days between reached contacts for mass customers",
    },
    "setting.churn.cadence_days.gold": {
        "zh": "金卡客户两次接通联系之间的天数",
        "en": "days between reached contacts for gold customers",
    },
    "setting.churn.cadence_days.platinum": {
        "zh": "白金客户两次接通联系之间的天数",
        "en": "days between reached contacts for platinum customers",
    },
    "setting.churn.cadence_days.diamond": {
        "zh": "钻石客户两次接通联系之间的天数",
        "en": "days between reached contacts for diamond customers",
    },
    "setting.churn.cadence_days.private": {
        "zh": "私人银行客户两次接通联系之间的天数",
        "en": "days between reached contacts for private banking customers",
    },
    "setting.(font in use)": {"zh": "PDF 内嵌的中文字体", "en": "CJK font PDFs embed"},
    "setting.opportunities.days": {
        "zh": "到期前多少天的产品构成交叉销售机会",
        "en": "days ahead a maturity makes a cross-sell opportunity",
    },
    "setting.opportunities.near_tier_pct": {
        "zh": "资产余额达到上一等级起点的此百分比即构成升级机会",
        "en": "AUM at least this % of the next tier's floor makes an up-sell opportunity",
    },
}
