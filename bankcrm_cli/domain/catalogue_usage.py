"""Usage errors of the command line (an unknown option or command, a missing or bad value), in
zh and en, and the e-mail address errors.

Merged into `domain/catalogue.CATALOGUE`. `cli/usage_errors.py` picks the entry from the kind
of the parser's error and from the parameter's own definition (its choices, its bounds); the
names the user typed (options, commands, values) are shown as typed in both languages.
"""

from __future__ import annotations

USAGE_ENTRIES: dict[str, dict[str, str | tuple[str, str]]] = {
    "usage.see": {"zh": "（用法见 `{where} -h`）", "en": " (see `{where} -h`)"},
    "usage.or": {"zh": " 或 ", "en": " or "},
    "usage.no_such_option": {"zh": "没有选项 {option}", "en": "no such option: {option}"},
    "usage.no_such_option.maybe": {
        "zh": "没有选项 {option}；是否要用 {options}？",
        "en": "no such option: {option}; did you mean {options}?",
    },
    "usage.no_such_command": {"zh": "没有命令 {command}", "en": "no such command: {command}"},
    "usage.no_such_command.maybe": {
        "zh": "没有命令 {command}；是否要用 {commands}？",
        "en": "no such command: {command}; did you mean {commands}?",
    },
    "usage.missing_command": {"zh": "缺少命令", "en": "missing command"},
    "usage.missing_argument": {"zh": "缺少参数 {name}", "en": "missing argument {name}"},
    "usage.missing_option": {"zh": "缺少选项 {option}", "en": "missing option {option}"},
    "usage.missing_option.choices": {
        "zh": "缺少选项 {option}，须为以下之一：{choices}",
        "en": "missing option {option}: one of {choices}",
    },
    "usage.needs_value": {"zh": "选项 {option} 须带一个值", "en": "option {option} needs a value"},
    "usage.needs_values": {
        "zh": "选项 {option} 须带 {count} 个值",
        "en": "option {option} needs {count} values",
    },
    "usage.takes_no_value": {
        "zh": "选项 {option} 不带值",
        "en": "option {option} does not take a value",
    },
    "usage.extra_arguments": {
        "zh": "多余的参数：{arguments}",
        "en": (
            "unexpected extra argument: {arguments}",
            "unexpected extra arguments: {arguments}",
        ),
    },
    "usage.choice": {
        "zh": "{param} 须为以下之一：{choices}，而不是 {value}",
        "en": "{param} must be one of {choices}, not {value}",
    },
    "usage.whole_number": {
        "zh": "{param} 须为整数，而不是 {value}",
        "en": "{param} must be a whole number, not {value}",
    },
    "usage.number": {
        "zh": "{param} 须为数字，而不是 {value}",
        "en": "{param} must be a number, not {value}",
    },
    "usage.between": {
        "zh": "{param} 须在 {low} 到 {high} 之间，而不是 {value}",
        "en": "{param} must be between {low} and {high}, not {value}",
    },
    "usage.at_least": {
        "zh": "{param} 须不小于 {low}，而不是 {value}",
        "en": "{param} must be at least {low}, not {value}",
    },
    "usage.at_most": {
        "zh": "{param} 须不大于 {high}，而不是 {value}",
        "en": "{param} must be at most {high}, not {value}",
    },
    "usage.bool": {
        "zh": "{param} 须为 1（是）或 0（否），而不是 {value}",
        "en": "{param} must be true or false (yes or no, 1 or 0), not {value}",
    },
    "usage.path.missing": {"zh": "{param}：{path} 不存在", "en": "{param}: {path} does not exist"},
    "usage.path.folder": {
        "zh": "{param}：{path} 是文件夹，须为文件",
        "en": "{param}: {path} is a folder, not a file",
    },
    "usage.path.file": {
        "zh": "{param}：{path} 是文件，须为文件夹",
        "en": "{param}: {path} is a file, not a folder",
    },
    "usage.path.unreadable": {
        "zh": "{param}：无法读取 {path}",
        "en": "{param}: {path} cannot be read",
    },
    "usage.path.unwritable": {
        "zh": "{param}：无法写入 {path}",
        "en": "{param}: {path} cannot be written to",
    },
    # What the parser said, when its error is of no kind above (a newer Typer's): kept, so the
    # user still reads what was wrong.
    "usage.bad_value": {
        "zh": "{param} 的值无效：{detail}",
        "en": "invalid value for {param}: {detail}",
    },
    "usage.other": {"zh": "命令行有误：{detail}", "en": "{detail}"},
    # e-mail addresses (render/email.py) and where they were given
    "email.not_address": {
        "zh": "{address} 不是电子邮件地址",
        "en": "{address} is not an e-mail address",
    },
    "email.bad_option": {"zh": "{option}：{why}", "en": "{option}: {why}"},
    "email.bad_customer": {
        "zh": "客户 {id}：{why}；请更正后重新运行",
        "en": "customer {id}: {why}; correct it and run again",
    },
    # A setting read before the language is known: said in every language, Chinese first.
    "err.set.language": {
        "zh": "ui.language（CRM_UI_LANGUAGE）须为 zh 或 en",
        "en": "ui.language (CRM_UI_LANGUAGE) must be zh or en",
    },
}
