from bankcrm_cli.cli.main import run

run()
