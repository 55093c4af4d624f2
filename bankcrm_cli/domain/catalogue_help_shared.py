"""Chinese texts of `--help` that many commands share (catalogue_help.py)."""

from __future__ import annotations

DAY = "日期（默认：所设时区的今天）。"
RM = "只看该客户经理的客户。"
BRANCH = "只看该网点。"
AT = "时间（默认：现在）。"
ACTING = "经办人（默认：$CRM_USER，否则为操作系统用户）。"
TEMPLATES = "自有模板目录（同名时替代内置模板）。"
TABLE_FORMAT = "输出格式：table 供人阅读，json/csv 供脚本使用，xlsx 为电子表格（请重定向到文件）。"
REVEAL = "显示完整的证件号码和手机号（有意为之，请谨慎使用）。"
COMPLAINT_ID = "投诉编号。"
REPORT_DAY = "报表日期（默认：所设时区的今天）。"
REPORT_FORMAT = "md 适合终端或邮件；html 为一个自含的网页（可用 A4 打印）；csv 和 json 供脚本使用。"
REPORT_OUT = "写入此文件（原子写入，权限 0600），成功时不显示任何内容；默认：标准输出。"
REPORT_EMAIL = (
    "同时通过 SMTP 设置用邮件发出（Markdown 正文 + HTML；csv/json 为附件）；此时不显示任何内容。"
)
CAMPAIGN_NAME = "营销活动名称。"
IMPORT_FILE = "导出文件：.csv/.tsv/.txt、.xlsx、.json（数组）或 .jsonl。"
IMPORT_ENCODING = "文件的文本编码（默认：UTF-8，带或不带 BOM，否则为 GB18030）。"
IMPORT_MAP = '把你的表头对应到字段的 TOML 文件："手机" = "phone"。'
IMPORT_REJECTS = "拒收的行写到哪里（默认：输入文件旁的 <input stem>.rejects.csv）。"
IMPORT_DRY_RUN = "只校验并报告，不写入任何数据。"
IMPORT_STRICT = "只要有一行被拒收，就不写入任何数据（退出码 1）。"
IMPORT_SUMMARY = "汇总：文字，或一个 JSON 对象。"
KINDS = "只看这些类别（可重复）。"
