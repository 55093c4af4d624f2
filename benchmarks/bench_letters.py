"""Letter printing speed: 1,000 one-page Chinese letters as one print batch and as separate PDFs.

The issue asks for pages per second of the print batch; the separate files are what
`crm mailmerge --channel letter` writes besides the batch, so their cost is reported too
(milliseconds per file), and a few faxes (cover + letter as PDF, then TIFF G3).
Customers (names, addresses) come from the generator, seed 1. Each figure is the median of
`--runs` runs after one warm-up letter; the font is found and registered once, as in a run.

    python benchmarks/bench_letters.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import customer_rows  # noqa: E402

from bankcrm_cli.domain.fields import CUSTOMER_FIELDS  # noqa: E402
from bankcrm_cli.render.fax import FaxCover, write_fax_pdf, write_fax_tiff  # noqa: E402
from bankcrm_cli.render.fonts import find_cjk_font  # noqa: E402
from bankcrm_cli.render.pdf import Letter, write_letter_batch, write_letter_pdf  # noqa: E402

TODAY = date(2026, 3, 7)

BODY = """尊敬的{name}{title}：

　　您好！感谢您一直以来对我行的信任与支持。您在我行办理的三年期定期存款（账号尾号 {tail}，\
金额 ¥{amount}）将于2026年3月15日到期。为避免影响您的资金安排，请您在到期前与我联系，\
我将根据您的需要为您介绍以下产品：

- 三年期大额存单，起存金额 ¥200,000.00
- 稳健型理财产品“安盈理财”，期限 180 天
- 储蓄国债（电子式）

　　如您已有安排，请忽略本函。如有任何疑问，欢迎随时致电或到网点咨询。

　　此致
敬礼！"""


def make_letters(n: int) -> list[Letter]:
    """`n` maturity reminders for generated customers, one page each."""
    letters = []
    for row in customer_rows(n, seed=1, today=TODAY):
        c = dict(zip(CUSTOMER_FIELDS, row, strict=False))
        title = {"M": "先生", "F": "女士"}.get(c["gender"], "")
        body = BODY.format(
            name=c["name"],
            title=title,
            tail=c["customer_id"][-4:],
            amount=f"{float(c['aum'] or 0):,.2f}",
        )
        letters.append(
            Letter(
                recipient_lines=(
                    f"邮编 {c['postal_code']}",
                    c["address"],
                    f"{c['name']} {title} 收",
                ),
                sender_lines=(f"示例银行 {c['branch']}", "北京市西城区金融大街1号"),
                date_line="2026年3月7日",
                subject="关于您的定期存款即将到期的温馨提示",
                body=body,
                signature_lines=(
                    f"客户经理 {c['rm_code']}",
                    "电话 010-6609 8888",
                    "邮箱 rm@bank.example",
                    f"示例银行 {c['branch']}",
                ),
                reference=f"maturity-reminder-letter-2026-03-07 · {c['customer_id']}",
            )
        )
    return letters


def median_seconds(run, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` runs (CPU time shows less of a shared machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--faxes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--font", help="a font file (or file#index) instead of the one found")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "letters.json")
    args = parser.parse_args()

    start = time.perf_counter()
    font = find_cjk_font(args.font)
    font_seconds = time.perf_counter() - start
    letters = make_letters(args.letters)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_letter_pdf(letters[0], folder / "warm-up.pdf", font)
        pages: list[int] = []

        def batch() -> None:
            pages.append(write_letter_batch(letters, folder / "batch.pdf", font))

        def separate() -> None:
            for i, letter in enumerate(letters):
                pages.append(write_letter_pdf(letter, folder / f"{i:05}.pdf", font))

        batch_seconds, batch_cpu = median_seconds(batch, args.runs)
        batch_pages = pages[-1]
        batch_bytes = (folder / "batch.pdf").stat().st_size
        pages.clear()
        separate_seconds, separate_cpu = median_seconds(separate, args.runs)
        separate_bytes = (folder / "00000.pdf").stat().st_size
        one_page = sum(pages) == len(pages)

        faxes = letters[: args.faxes]

        def fax() -> None:
            for i, letter in enumerate(faxes):
                cover = FaxCover(
                    "客户经理（示例银行）",
                    "010-6609 8800",
                    letter.recipient_lines[-1],
                    "010-8888 1234",
                    letter.date_line,
                    letter.subject or "",
                )
                pdf = folder / f"fax-{i}.pdf"
                write_fax_pdf(cover, letter, pdf, font)
                write_fax_tiff(pdf, folder / f"fax-{i}.tiff")

        fax_seconds, _ = median_seconds(fax, args.runs) if faxes else (0.0, 0.0)

    results = {
        "letters": args.letters,
        "runs": args.runs,
        "font": font.family,
        "font_load_seconds": round(font_seconds, 3),
        "batch_pages": batch_pages,
        "batch_seconds": round(batch_seconds, 2),
        "batch_pages_per_second": round(batch_pages / batch_seconds, 1),
        "batch_cpu_pages_per_second": round(batch_pages / batch_cpu, 1),
        "batch_mb": round(batch_bytes / 1e6, 2),
        "separate_files": args.letters,
        "separate_all_one_page": one_page,
        "separate_seconds": round(separate_seconds, 2),
        "separate_ms_per_file": round(1000 * separate_seconds / args.letters, 2),
        "separate_cpu_ms_per_file": round(1000 * separate_cpu / args.letters, 2),
        "separate_kb_per_file": round(separate_bytes / 1e3, 1),
        "faxes": len(faxes),
        "fax_pdf_and_tiff_ms_per_fax": round(1000 * fax_seconds / len(faxes), 1) if faxes else 0,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
