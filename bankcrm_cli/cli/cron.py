"""`crm cron example`: a crontab for the nightly import and the daily and weekly reports."""

from __future__ import annotations

import typer

from bankcrm_cli.cli.common import state
from bankcrm_cli.cli.help import CrmTyper

app = CrmTyper(help="Running crm unattended from cron.", no_args_is_help=True)

CRONTAB = """\
# bankcrm jobs. Install: crm cron example > bankcrm.cron, edit the paths, crontab bankcrm.cron
#
# cron starts jobs with an almost empty environment and no terminal, so everything a job needs
# is set here. Jobs are quiet when they succeed (reports go to --out files); an error is one
# line on stderr and a non-zero exit, which cron mails to MAILTO.
# The times below are in the machine's time zone; CRM_TIMEZONE decides what "today" is.
SHELL=/bin/sh
PATH=/usr/bin:/bin
HOME={home}
MAILTO={mailto}
CRM_DB={db}
CRM_TIMEZONE={timezone}
CRM_CONFIG={config}
CRM_USER=cron
CRM={crm}
EXPORTS={exports}
REPORTS={reports}

# m  h  dom mon dow  command
# 01:30 every night: import the core system's exports, customers before holdings. Rejected
# rows go to <file>.rejects.csv beside each export; the summaries are appended to import.log.
30 1 * * *  $CRM import customers $EXPORTS/customers.csv --format json >> $REPORTS/import.log && $CRM import holdings $EXPORTS/holdings.csv --format json >> $REPORTS/import.log

# 06:30 every day: the daily report, one self-contained HTML file per day (and Markdown).
# To e-mail it too, add --email boss@bank.example,rm1@bank.example (CRM_SMTP_HOST and
# CRM_MAIL_FROM set above; the SMTP password in the 0600 settings file, never in this file).
30 6 * * *  $CRM report daily --format html --out $REPORTS/daily-$(date +\\%F).html && $CRM report daily --format md --out $REPORTS/daily-$(date +\\%F).md

# 07:00 on Mondays: the weekly report (the 7 days before) and the portfolio per RM.
0 7 * * 1   $CRM report weekly --format html --out $REPORTS/weekly-$(date +\\%F).html && $CRM report portfolio --format html --out $REPORTS/portfolio-$(date +\\%F).html

# 07:30 on the 1st of January, April, July and October: last quarter's complaints report.
30 7 1 1,4,7,10 *  $CRM report complaints --date $(date -d yesterday +\\%F) --format csv --out $REPORTS/complaints-$(date -d yesterday +\\%F).csv
#
# A report holds a lock beside the store while it runs: a second run of the same report exits 1
# at once instead of overlapping. % must be written \\% inside a crontab line.
"""  # noqa: E501 (a crontab entry is one line)


@app.command("example")
def example_command(ctx: typer.Context) -> None:
    """Print a commented crontab: nightly import, daily and weekly reports, with the settings
    cron needs (CRM_DB, CRM_TIMEZONE, ...) filled in from this crm.

    Example: crm cron example > bankcrm.cron
    """
    import os
    import shutil
    import sys
    from pathlib import Path

    from bankcrm_cli.services.admin.store import shown_url, store_file, store_url
    from bankcrm_cli.settings import config_path

    settings = state(ctx).settings()
    url = store_url(settings)
    store = store_file(url)
    crm = shutil.which("crm") or str(Path(sys.argv[0]).resolve())
    home = os.environ.get("HOME", str(Path.home()))
    base = store.parent if store is not None else Path(home)
    typer.echo(
        CRONTAB.format(
            home=home,
            mailto=os.environ.get("CRM_USER") or os.environ.get("USER") or "root",
            # A database URL is shown without its password: put it back, or use a .pgpass.
            db=store if store is not None else shown_url(url),
            timezone=settings.timezone,
            config=config_path(os.environ),
            crm=crm,
            exports=base / "exports",
            reports=base / "reports",
        ),
        nl=False,
    )
