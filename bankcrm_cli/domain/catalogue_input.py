"""The words of reading import files and judging their rows, in zh and en.

Merged into `domain/catalogue.CATALOGUE`. A reject's reason keeps its `field:` prefix, the
canonical field name, in both languages: scripts sort rejects by it; the words after it follow
`ui.language` like the summary.
"""

from __future__ import annotations

INPUT_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    # headers and --map (io/headers.py)
    "in.map_target": {
        "zh": "--map 把 {source!r} 对应到 {target!r}，但{kind}没有这个字段；可用：{fields}",
        "en": "--map sends {source!r} to {target!r}, which is not a {kind} field; "
        "use one of {fields}",
    },
    "in.kind.customers": {"zh": "客户", "en": "customers"},
    "in.kind.holdings": {"zh": "持有产品", "en": "holdings"},
    "in.kind.rms": {"zh": "客户经理", "en": "rms"},
    "in.no_column": {
        "zh": "没有 {field} 列（查找过：{names}）",
        "en": "no {field} column (looked for {names})",
    },
    "in.missing_columns": {
        "zh": "{source} {parts}；请用 `--map FILE` 指明各列对应的字段",
        "en": "{source} has {parts}; map yours with --map FILE",
    },
    "in.and": {"zh": "，", "en": " and "},
    "in.the_file": {"zh": "文件", "en": "the file"},
    "in.duplicate_column": {
        "zh": "{name}（与 {field} 重复）",
        "en": "{name} (duplicate of {field})",
    },
    "in.map_missing": {
        "zh": "映射文件 {path} 不存在；请检查 --map 的路径",
        "en": "map file {path} does not exist; check the --map path",
    },
    "in.map_folder": {
        "zh": "映射文件 {path} 是文件夹；请给出 .toml 文件",
        "en": "map file {path} is a directory; pass a .toml file",
    },
    "in.map_unreadable": {
        "zh": "无法读取映射文件 {path}：{reason}",
        "en": "cannot read map file {path}: {reason}",
    },
    "in.map_not_utf8": {
        "zh": "映射文件 {path} 不是 UTF-8；请另存为 UTF-8",
        "en": "map file {path} is not UTF-8; save it as UTF-8",
    },
    "in.map_not_toml": {
        "zh": "映射文件 {path} 不是有效的 TOML（{detail}）；请改正后重试",
        "en": "map file {path} is not valid TOML ({detail}); fix it and retry",
    },
    "in.map_not_text": {
        "zh": "映射文件 {path}：{header!r} 应对应到带引号的字段名，而不是 {field!r}；"
        '写法如 "手机" = "phone"',
        "en": "map file {path}: {header!r} must map to a field name in quotes, not {field!r}; "
        'write it like "手机" = "phone"',
    },
    # files (io/readers.py, io/quoted_fields.py)
    "in.xls": {
        "zh": "{name} 是旧版 Excel .xls 工作簿；请在 Excel 中打开并另存为 .xlsx 或 CSV",
        "en": "{name} is an old Excel .xls workbook; open it in Excel and save it as .xlsx or CSV",
    },
    "in.file_type": {
        "zh": "{name} 不是支持的文件类型；可用：{supported}",
        "en": "{name} is not a supported file type; use one of {supported}",
    },
    "in.no_file": {
        "zh": "{path} 不存在；请检查文件名",
        "en": "{path} does not exist; check the file name",
    },
    "in.unreadable": {"zh": "无法读取 {path}：{reason}", "en": "cannot read {path}: {reason}"},
    "in.folder": {
        "zh": "{path} 是文件夹；请给出其中的文件",
        "en": "{path} is a folder; pass the file inside it",
    },
    "in.empty": {
        "zh": "{name} 是空文件；请重新导出数据",
        "en": "{name} is empty; export the data again",
    },
    "in.zip_as_text": {
        "zh": "{name} 是 Excel .xlsx 工作簿（或其他 zip 文件），不是文本；请改名为 .xlsx",
        "en": "{name} is an Excel .xlsx workbook (or another zip file), not text; "
        "rename it to .xlsx",
    },
    "in.xls_as_text": {
        "zh": "{name} 是旧版 Excel .xls 工作簿，不是文本；请在 Excel 中打开并另存为 .xlsx 或 CSV",
        "en": "{name} is an old Excel .xls workbook, not text; "
        "open it in Excel and save it as .xlsx or CSV",
    },
    "in.not_encoding": {
        "zh": "{name} 在第 {byte} 字节处不是有效的 {encoding}{hint}；请检查 --encoding",
        "en": "{name} is not valid {encoding} at byte {byte}{hint}; check --encoding",
    },
    "in.line_hint": {"zh": "（第 {line} 行）", "en": " (line {line})"},
    "in.cut_utf8": {
        "zh": "{name} 的 UTF-8 在第 {byte} 字节（第 {line} 行，文件末尾）处截断于一个字符中间；"
        "请重新导出",
        "en": "{name} is UTF-8 cut off in the middle of a character at byte {byte} "
        "(line {line}), the end of the file; export it again",
    },
    "in.no_encoding": {
        "zh": "{name} 既不是 {tried}（第 {byte} 字节处不是 {first}）；"
        "请用 --encoding 指明编码，如 --encoding {example}",
        "en": "{name} is neither {tried} (not {first} at byte {byte}); "
        "pass its encoding with --encoding, e.g. --encoding {example}",
    },
    "in.nor": {"zh": "也不是", "en": " nor "},
    "in.bad_encoding": {
        "zh": "--encoding {given!r} 不是 crm 能读的文本编码；可用：{supported}",
        "en": "--encoding {given!r} is not a text encoding crm reads; use one of {supported}",
    },
    "in.no_bom": {
        "zh": "{name} 开头没有 {bom} 字节顺序标记，无法判断字节顺序；"
        "请用 --encoding {base}-le（Windows 常用）或 --encoding {base}-be",
        "en": "{name} does not start with a {bom} byte-order mark, so its byte order is "
        "unknown; pass --encoding {base}-le (Windows' usual) or --encoding {base}-be",
    },
    "in.nul": {
        "zh": "{name} 第 {line} 行有 NUL 字符，不是纯文本导出；如果它是无字节顺序标记的 Unicode "
        "文本，请用 --encoding utf-16-le，否则请重新导出为 CSV",
        "en": "{name} has a NUL character on line {line}, so it is not a plain text export; "
        "if it was saved as Unicode text without a byte-order mark pass --encoding utf-16-le, "
        "otherwise export it again as CSV",
    },
    "in.csv_error": {"zh": "{name} 第 {line} 行：{detail}", "en": "{name} line {line}: {detail}"},
    "in.no_header": {
        "zh": "{name} 没有表头行；请带表头重新导出",
        "en": "{name} has no header row; export it again with headers",
    },
    "in.cell_too_long": {
        "zh": '{name} 第 {line} 行：一个单元格超过 {limit} 个字符，常见于引号（"）开始的字段'
        "没有结束；请补上引号后重新导入",
        "en": '{name} line {line}: a cell runs over {limit} characters, as when a quote (") '
        "opens a field that is never closed; close the quote and import again",
    },
    "in.changed": {
        "zh": "{name} 在读取过程中被改动（{reason}）；请重新导入",
        "en": "{name} changed while being read ({reason}); import it again",
    },
    "in.quote_takes_row": {
        "zh": '{name} 第 {line} 行：引号（"）开始的字段吞入了第 {taken} 行，而那一行有整行的 '
        "{width} 个单元格；请补上引号后重新导入",
        "en": '{name} line {line}: a quote (") opens a field that takes in line {taken}, '
        "which has the {width} cells of a whole row; close the quote and import again",
    },
    "in.quote_never_closed": {
        "zh": '{name} 第 {line} 行：引号（"）开始的字段始终没有结束，一直延续到文件末尾；'
        "请补上引号后重新导入",
        "en": '{name} line {line}: a quote (") opens a field that is never closed, so it runs '
        "to the end of the file; close the quote and import again",
    },
    # workbooks (io/xlsx_files.py)
    "in.xlsx_unreadable": {
        "zh": "{name} 不是可读的 .xlsx 工作簿（{detail}）；请在 Excel 中打开并另存为 .xlsx 或 CSV",
        "en": "{name} is not a readable .xlsx workbook ({detail}); "
        "open it in Excel and save it again as .xlsx or CSV",
    },
    "in.xlsx_row": {
        "zh": "{name} 第 {row} 行无法读取（{detail}）；请在 Excel 中打开并另存为 .xlsx 或 CSV",
        "en": "{name} row {row} cannot be read ({detail}); "
        "open it in Excel and save it again as .xlsx or CSV",
    },
    "in.no_sheet": {
        "zh": "{name} 没有工作表；请重新导出数据",
        "en": "{name} has no worksheet; export the data again",
    },
    # JSON (io/json_files.py)
    "in.json_at": {"zh": "第 {column} 列", "en": "column {column}"},
    "in.json_at_line": {"zh": "第 {line} 行第 {column} 列", "en": "line {line} column {column}"},
    "in.json_line": {"zh": "第 {line} 行", "en": "line {line}"},
    "in.json_invalid": {
        "zh": "{where} 不是有效的 JSON（{at}：{detail}）；请改正或重新导出",
        "en": "{where} is not valid JSON ({detail} at {at}); fix it or export it again",
    },
    "in.json_number": {
        "zh": "{name} {line} 含有{why}，没有字段能接收；如果是文本请加引号，否则请改正导出",
        "en": "{name} {line} holds {why}; no field takes it: "
        "quote it if it is text, or fix the export",
    },
    "in.json_deep": {
        "zh": "{where} 的数组或对象嵌套太深，不是记录；请导出扁平的 {{...}} 记录",
        "en": "{where} nests arrays or objects too deeply to be records; "
        "export flat {{...}} records",
    },
    "in.json_not_array": {
        "zh": "{name} 是 JSON {type}，不是对象数组；"
        "请导出为 [{{...}}, {{...}}] 或 JSON lines（.jsonl）",
        "en": "{name} holds a JSON {type}, not an array of objects; "
        "export it as [{{...}}, {{...}}] or as JSON lines (.jsonl)",
    },
    "in.json_item": {
        "zh": "{name}：数组第 {item} 项不是对象；每一项必须是一条 {{...}} 记录",
        "en": "{name}: item {item} of the array is not an object; "
        "each item must be one {{...}} record",
    },
    "in.json_no_records": {
        "zh": "{name} 没有记录；请重新导出数据",
        "en": "{name} holds no records; export the data again",
    },
    "in.jsonl_not_object": {
        "zh": "{name} 第 {line} 行是 JSON {type}，不是对象；每行必须是一个 {{...}} 对象",
        "en": "{name} line {line} is a JSON {type}, not an object; "
        "each line must be one {{...}} object",
    },
    "in.jtype.object": {"zh": "对象", "en": "object"},
    "in.jtype.array": {"zh": "数组", "en": "array"},
    "in.jtype.string": {"zh": "字符串", "en": "string"},
    "in.jtype.true/false": {"zh": "布尔值", "en": "true/false"},
    "in.jtype.null": {"zh": "null", "en": "null"},
    "in.jtype.number": {"zh": "数字", "en": "number"},
    "in.json_long_number": {
        "zh": "一个长 {length} 个字符的数字",
        "en": "a number {length} characters long",
    },
    "in.json_huge_number": {
        "zh": "一个大到无法保存的数字（{start}…）",
        "en": "a number too large to hold ({start}…)",
    },
    "in.json_constant": {
        "zh": "{text}，这不是 JSON 允许的数字",
        "en": "{text}, which is not a number JSON allows",
    },
    # follow-up ids (domain/followups.py)
    "fid.not_an_id": {
        "zh": "{text!r} 不是跟进编号；编号形如 {forms}（见 `crm followups today --format json`）",
        "en": "{text!r} is not a follow-up id; ids look like {forms} "
        "(see `crm followups today --format json`)",
    },
    "fid.forms": {
        "zh": "birthday:<客户号>:<日期> 或 maturity:<账号>:<日期>",
        "en": "birthday:<customer>:<date> or maturity:<account>:<date>",
    },
    "fid.dated_form": {
        "zh": "{text!r}：{kind} 编号的写法是 {kind}:<键>:<日期>",
        "en": "{text!r}: {kind} ids are {kind}:<key>:<date>",
    },
    "fid.number_form": {
        "zh": "{text!r}：{kind} 编号的写法是 {kind}:<数字>",
        "en": "{text!r}: {kind} ids are {kind}:<number>",
    },
    "fid.too_large": {
        "zh": "{text!r}：{kind} 编号最大为 {largest}",
        "en": "{text!r}: {kind} numbers go up to {largest}",
    },
    "fid.not_a_date": {
        "zh": "{text!r}：{on!r} 不是日期；编号以 YYYY-MM-DD 结尾",
        "en": "{text!r}: {on!r} is not a date; ids end in YYYY-MM-DD",
    },
    "fid.the_date": {"zh": "{text!r} 的日期", "en": "{text!r}: the date"},
    "fid.past": {
        "zh": "{what} {day} 已经过去（今天是 {today}）",
        "en": "{what} {day} is in the past (today is {today})",
    },
    # the rules' settings (domain/segments.py, churn.py, opportunities.py)
    "ck.tier_floor": {
        "zh": "{tier}等级的门槛（{floor} 元）必须高于下一等级（{previous}）；"
        "请检查 `crm config show` 中的 segments.*",
        "en": "the {tier} tier floor ({floor} yuan) must be above the tier below it "
        "({previous}); check segments.* in `crm config show`",
    },
    "ck.not_negative": {"zh": "{key} 不能为负", "en": "{key} must not be negative"},
    "ck.at_least_1": {"zh": "{key} 至少为 1", "en": "{key} must be at least 1"},
    "ck.between": {
        "zh": "{key} 必须在 {low} 到 {high} 之间",
        "en": "{key} must be between {low} and {high}",
    },
    # a store file that is not as crm makes it (services/admin/schema_check.py)
    "sc.place.table": {"zh": "表 {table}", "en": "table {table}"},
    "sc.place.view": {"zh": "视图 {name}", "en": "view {name}"},
    "sc.place.foreign keys": {"zh": "表 {table} 的外键", "en": "the foreign keys of table {table}"},
    "sc.place.column": {"zh": "列 {table}.{name}", "en": "column {table}.{name}"},
    "sc.place.index": {"zh": "索引 {table}.{name}", "en": "index {table}.{name}"},
    "sc.place.trigger": {"zh": "触发器 {table}.{name}", "en": "trigger {table}.{name}"},
    "sc.what.column": {"zh": "列", "en": "a column"},
    "sc.what.index": {"zh": "索引", "en": "an index"},
    "sc.what.trigger": {"zh": "触发器", "en": "a trigger"},
    "sc.what.foreign keys": {"zh": "外键", "en": "foreign keys"},
    "sc.extra": {"zh": "{place} 是任何 crm 存储都没有的", "en": "{place} is one no crm store has"},
    "sc.extra_part": {
        "zh": "表 {table} 有 crm 存储没有的{what}：{name}",
        "en": "table {table} has {what} no crm store has: {name}",
    },
    "sc.missing": {"zh": "缺少{place}", "en": "{place} is missing"},
    "sc.checks": {
        "zh": "表 {table} 有其他 CHECK 约束",
        "en": "table {table} has other CHECK constraints",
    },
    "sc.column_differs": {
        "zh": "{place} 是 {has}，而 crm 建的是 {makes}",
        "en": "{place} is {has} where crm makes it {makes}",
    },
    "sc.not_as_made": {"zh": "{place} 与 crm 建的不同", "en": "{place} is not as crm makes it"},
    "sc.untyped": {"zh": "无类型", "en": "untyped"},
    "sc.more": {"zh": "；另有 {count} 处", "en": "; and {count} more"},
    "sc.separator": {"zh": "；", "en": "; "},
    "sc.refused": {
        "zh": "{path} 不是 crm 建的存储（架构版本 {revision}）：{said}；请恢复 crm 写的备份",
        "en": "{path} is not a store as crm makes it (schema version {revision}): {said}; "
        "restore a backup crm wrote",
    },
    # the root error handler (cli/main.py); the `crm: error:` mark is the same in both
    "main.nul_argument": {"zh": "参数中含有 NUL 字符", "en": "an argument holds a NUL character"},
    "main.store_refused": {
        "zh": "存储拒绝了此操作：{detail}",
        "en": "the store refused the operation: {detail}",
    },
    # reject reasons: the words after `field: ` (domain/values.py, contact.py, cell_rules.py …);
    # the prefix and its ASCII `: ` stay as they are in both languages
    "rj.missing": {"zh": "缺失", "en": "missing"},
    "rj.duplicate": {"zh": "与第 {line} 行重复", "en": "duplicate of line {line}"},
    "rj.unknown_rm": {
        "zh": "库中没有客户经理 {code}；请先导入客户经理（crm rms import）",
        "en": "no RM {code} in the store; import the RMs first (crm rms import)",
    },
    "rj.unknown_customer": {
        "zh": "没有客户 {customer}；请先导入客户",
        "en": "unknown customer {customer}; import the customers first",
    },
    "rj.too_long": {
        "zh": "超过 {length} 个字符",
        "en": ("longer than {length} character", "longer than {length} characters"),
    },
    "rj.control": {"zh": "含有控制字符", "en": "contains control characters"},
    "rj.lost_digits": {
        "zh": "{value} 被存成数字，丢了位数；请把该列设为文本格式",
        "en": "{value} was stored as a number and lost digits; format the column as text",
    },
    "rj.id_lost_digits": {
        "zh": "被存成数字，丢了末几位；请把该列设为文本格式",
        "en": "stored as a number and lost its last digits; format the column as text",
    },
    "rj.not_identifier": {"zh": "不是编号：{value}", "en": "not an identifier: {value}"},
    "rj.not_phone": {"zh": "不是电话号码：{value}", "en": "not a phone number: {value}"},
    "rj.not_id_number": {"zh": "不是证件号码：{value}", "en": "not an ID number: {value}"},
    "rj.not_mobile": {
        "zh": "不是大陆手机号码：{value}",
        "en": "not a mainland mobile number: {value}",
    },
    "rj.not_email": {"zh": "不是电子邮箱地址：{value}", "en": "not an e-mail address: {value}"},
    "rj.not_fax": {"zh": "不是传真号码：{value}", "en": "not a fax number: {value}"},
    "rj.not_postal_code": {
        "zh": "不是邮编：{value}；请用 6 位数字",
        "en": "not a postal code: {value}; use 6 digits",
    },
    "rj.not_date": {
        "zh": "不是日期：{value}；请用 YYYY-MM-DD",
        "en": "not a date: {value}; use YYYY-MM-DD",
    },
    "rj.not_real_date": {"zh": "不是真实存在的日期：{value}", "en": "not a real date: {value}"},
    "rj.excel_too_large": {
        "zh": "不是日期：{value}；超出 Excel 日期的范围",
        "en": "not a date: {value}; too large for an Excel date",
    },
    "rj.excel_before_1": {
        "zh": "不是日期：{value}；Excel 日期从 1（1900-01-01）开始",
        "en": "not a date: {value}; Excel dates start at 1 (1900-01-01)",
    },
    "rj.excel_60": {
        "zh": "不是真实存在的日期：Excel 序号 60（1900-02-29 并不存在）",
        "en": "not a real date: Excel serial 60 (1900-02-29 never existed)",
    },
    "rj.not_amount": {"zh": "不是金额：{value}", "en": "not an amount: {value}"},
    "rj.decimals": {
        "zh": "小数超过 2 位：{value}",
        "en": "more than 2 decimal places: {value}",
    },
    "rj.beyond": {"zh": "{value} 超出了 {limit}", "en": "{value} is beyond {limit}"},
    "rj.amount_limit": {
        "zh": "crm 能存的范围（正负均不超过 ¥{most}.99）",
        "en": "the range crm stores (at most ¥{most}.99 either way)",
    },
    "rj.customer_total": {
        "zh": "客户 {customer} 的持有产品合计将达 ¥{total}，超过单一客户可持有的上限（¥{most}.99）",
        "en": "customer {customer}'s holdings would add up to ¥{total}, "
        "beyond the most one customer may hold (¥{most}.99)",
    },
    "rj.not_yes_no": {"zh": "不是是/否：{value}", "en": "not yes/no: {value}"},
    "rj.not_gender": {
        "zh": "不是性别：{value}；请用 M 或 F",
        "en": "not a gender: {value}; use M or F",
    },
    "rj.currency": {
        "zh": "未知币种 {value}；请用 ISO 代码，如 CNY",
        "en": "unknown currency {value}; use an ISO code such as CNY",
    },
    "rj.product_type": {
        "zh": "未知产品类型 {value}；可用：{known}",
        "en": "unknown product type {value}; use one of: {known}",
    },
    "rj.check_digit": {"zh": "校验位应为 {digit}", "en": "check digit should be {digit}"},
    "rj.id_length": {
        "zh": "应为 18 位（或旧的 15 位数字），实为 {length} 位",
        "en": "must be 18 characters (or the old 15 digits), got {length}",
    },
    "rj.non_digits": {"zh": "含有非数字字符", "en": "contains non-digit characters"},
    "rj.id_birth_unreal": {
        "zh": "出生日期 {day} 不是真实存在的日期",
        "en": "birth date {day} is not a real date",
    },
    "rj.id_birth_future": {
        "zh": "出生日期 {day} 在将来",
        "en": "birth date {day} is in the future",
    },
    "rj.id_birth_1900": {
        "zh": "出生日期 {day} 早于 1900 年",
        "en": "birth date {day} is before 1900",
    },
    "rj.negative_aum": {"zh": "不能为负：{value}", "en": "must not be negative: {value}"},
    "rj.contradicts_id": {
        "zh": "{stated} 与 id_number 不符（{derived}）",
        "en": "{stated} contradicts id_number ({derived})",
    },
    "rj.in_future": {"zh": "在将来：{day}", "en": "in the future: {day}"},
    "rj.before_1900": {"zh": "早于 1900 年：{day}", "en": "before 1900: {day}"},
    "rj.maturity_before_open": {
        "zh": "{end} 早于 open_date {start}",
        "en": "{end} is before open_date {start}",
    },
}
