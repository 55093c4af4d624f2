"""The everyday reads compiled for SQLite (store/read_statements.py, which writes this
file: python -m bankcrm_cli.store.read_statements). Do not edit.

Each read and shape: (SQL, column names, each column's kind, fixed parameters).
"""

# ruff: noqa: E501
# fmt: off
READS = {
    'birthday_rows': {
        (False, False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.rm_code || :rm_code_1) = :rm_code',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
        (False, False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND customers.customer_id = :customer_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.rm_code || :rm_code_1) = :rm_code AND customers.customer_id = :customer_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.branch || :branch_1) = :branch AND customers.customer_id = :customer_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, customers.birth_date, customers.lunar_birthday \nFROM customers \nWHERE (customers.birth_mmdd IN (SELECT anon_1.value \nFROM json_each(:gregorian) AS anon_1) AND customers.lunar_birthday IS NOT 1 OR customers.lunar_mmdd IN (SELECT anon_2.value \nFROM json_each(:lunar) AS anon_2) AND customers.lunar_birthday IS 1) AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch AND customers.customer_id = :customer_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'birth_date', 'lunar_birthday'),
            (None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
    },
    'maturity_rows': {
        (False, False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.rm_code || :rm_code_1) = :rm_code',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
        (False, False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND holdings.account_id = :account_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.rm_code || :rm_code_1) = :rm_code AND holdings.account_id = :account_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.branch || :branch_1) = :branch AND holdings.account_id = :account_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, holdings.account_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.maturity_date, holdings.auto_rollover \nFROM holdings JOIN customers ON customers.customer_id = holdings.customer_id \nWHERE holdings.maturity_date BETWEEN :first AND :last AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch AND holdings.account_id = :account_id',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'account_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'maturity_date', 'auto_rollover'),
            (None, None, None, None, None, None, None, None, None, None, None, None, 'date', 'bool'),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
    },
    'open_callback_rows': {
        (False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, contacts.id AS contact_id, contacts.next_date, contacts.next_note, contacts.outcome \nFROM contacts JOIN customers ON customers.customer_id = contacts.customer_id \nWHERE contacts.next_date IS NOT NULL AND contacts.callback_closed_at IS NULL AND contacts.next_date <= :last',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'contact_id', 'next_date', 'next_note', 'outcome'),
            (None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, contacts.id AS contact_id, contacts.next_date, contacts.next_note, contacts.outcome \nFROM contacts JOIN customers ON customers.customer_id = contacts.customer_id \nWHERE contacts.next_date IS NOT NULL AND contacts.callback_closed_at IS NULL AND contacts.next_date <= :last AND (customers.rm_code || :rm_code_1) = :rm_code',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'contact_id', 'next_date', 'next_note', 'outcome'),
            (None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, contacts.id AS contact_id, contacts.next_date, contacts.next_note, contacts.outcome \nFROM contacts JOIN customers ON customers.customer_id = contacts.customer_id \nWHERE contacts.next_date IS NOT NULL AND contacts.callback_closed_at IS NULL AND contacts.next_date <= :last AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'contact_id', 'next_date', 'next_note', 'outcome'),
            (None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, contacts.id AS contact_id, contacts.next_date, contacts.next_note, contacts.outcome \nFROM contacts JOIN customers ON customers.customer_id = contacts.customer_id \nWHERE contacts.next_date IS NOT NULL AND contacts.callback_closed_at IS NULL AND contacts.next_date <= :last AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'contact_id', 'next_date', 'next_note', 'outcome'),
            (None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
    },
    'complaint_deadline_rows': {
        (False, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, complaints.id AS complaint_id, complaints.category, complaints.summary, complaints.due_date, complaints.policy, complaints.status \nFROM complaints JOIN customers ON customers.customer_id = complaints.customer_id \nWHERE complaints.status IN (SELECT anon_1.value \nFROM json_each(:statuses) AS anon_1) AND complaints.due_date <= :due_by',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'complaint_id', 'category', 'summary', 'due_date', 'policy', 'status'),
            (None, None, None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0},
        ),
        (True, False): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, complaints.id AS complaint_id, complaints.category, complaints.summary, complaints.due_date, complaints.policy, complaints.status \nFROM complaints JOIN customers ON customers.customer_id = complaints.customer_id \nWHERE complaints.status IN (SELECT anon_1.value \nFROM json_each(:statuses) AS anon_1) AND complaints.due_date <= :due_by AND (customers.rm_code || :rm_code_1) = :rm_code',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'complaint_id', 'category', 'summary', 'due_date', 'policy', 'status'),
            (None, None, None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': ''},
        ),
        (False, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, complaints.id AS complaint_id, complaints.category, complaints.summary, complaints.due_date, complaints.policy, complaints.status \nFROM complaints JOIN customers ON customers.customer_id = complaints.customer_id \nWHERE complaints.status IN (SELECT anon_1.value \nFROM json_each(:statuses) AS anon_1) AND complaints.due_date <= :due_by AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'complaint_id', 'category', 'summary', 'due_date', 'policy', 'status'),
            (None, None, None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'branch_1': ''},
        ),
        (True, True): (
            'SELECT customers.customer_id, customers.name, customers.rm_code, customers.branch, customers.aum_cents, customers.phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, complaints.id AS complaint_id, complaints.category, complaints.summary, complaints.due_date, complaints.policy, complaints.status \nFROM complaints JOIN customers ON customers.customer_id = complaints.customer_id \nWHERE complaints.status IN (SELECT anon_1.value \nFROM json_each(:statuses) AS anon_1) AND complaints.due_date <= :due_by AND (customers.rm_code || :rm_code_1) = :rm_code AND (customers.branch || :branch_1) = :branch',
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'complaint_id', 'category', 'summary', 'due_date', 'policy', 'status'),
            (None, None, None, None, None, None, None, None, None, None, 'date', None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'rm_code_1': '', 'branch_1': ''},
        ),
    },
    'latest_actions': {
        (): (
            'SELECT followup_actions.item_id, followup_actions.action, followup_actions.until \nFROM json_each(:item_ids) AS anon_1 JOIN followup_actions ON followup_actions.item_id = anon_1.value ORDER BY followup_actions.id',
            ('item_id', 'action', 'until'),
            (None, None, 'date'),
            {},
        ),
    },
    'snoozed_until_between': {
        (): (
            'SELECT followup_actions.item_id \nFROM followup_actions \nWHERE followup_actions.action = :action_1 AND followup_actions.until BETWEEN :first AND :last',
            ('item_id',),
            (None,),
            {'action_1': 'snooze'},
        ),
    },
    'call_list_rows': {
        (False, False): (
            "SELECT anon_1.customer_id, anon_1.name, anon_1.rm_code, anon_1.branch, anon_1.aum_cents, anon_1.phone, anon_1.refused, anon_1.member_id, anon_1.campaign, anon_1.title, anon_1.calls_per_day, anon_1.rank \nFROM (SELECT customers.customer_id AS customer_id, customers.name AS name, customers.rm_code AS rm_code, customers.branch AS branch, customers.aum_cents AS aum_cents, customers.phone AS phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, campaign_members.id AS member_id, campaigns.name AS campaign, campaigns.title AS title, campaigns.calls_per_day AS calls_per_day, row_number() OVER (PARTITION BY campaign_members.campaign_id, customers.rm_code ORDER BY customers.aum_cents DESC NULLS LAST, customers.customer_id) AS rank \nFROM customers JOIN campaign_members ON campaign_members.customer_id = customers.customer_id JOIN campaigns ON campaigns.id = campaign_members.campaign_id \nWHERE campaigns.status = :status_1 AND coalesce(campaigns.start_date, :day) <= :day AND coalesce(campaigns.end_date, :day) >= :day AND ((:channels_1 || campaigns.channels || :param_11) LIKE '%' || :param_12 || '%') AND campaign_members.holdout IS NOT 1 AND campaign_members.status IN (:param_13, :param_14)) AS anon_1 \nWHERE anon_1.calls_per_day >= anon_1.rank",
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'member_id', 'campaign', 'title', 'calls_per_day', 'rank'),
            (None, None, None, None, None, None, None, None, None, None, None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'status_1': 'active', 'channels_1': ',', 'param_11': ',', 'param_12': ',phone,', 'param_13': 'targeted', 'param_14': 'contacted'},
        ),
        (True, False): (
            "SELECT anon_1.customer_id, anon_1.name, anon_1.rm_code, anon_1.branch, anon_1.aum_cents, anon_1.phone, anon_1.refused, anon_1.member_id, anon_1.campaign, anon_1.title, anon_1.calls_per_day, anon_1.rank \nFROM (SELECT customers.customer_id AS customer_id, customers.name AS name, customers.rm_code AS rm_code, customers.branch AS branch, customers.aum_cents AS aum_cents, customers.phone AS phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, campaign_members.id AS member_id, campaigns.name AS campaign, campaigns.title AS title, campaigns.calls_per_day AS calls_per_day, row_number() OVER (PARTITION BY campaign_members.campaign_id, customers.rm_code ORDER BY customers.aum_cents DESC NULLS LAST, customers.customer_id) AS rank \nFROM customers JOIN campaign_members ON campaign_members.customer_id = customers.customer_id JOIN campaigns ON campaigns.id = campaign_members.campaign_id \nWHERE campaigns.status = :status_1 AND coalesce(campaigns.start_date, :day) <= :day AND coalesce(campaigns.end_date, :day) >= :day AND ((:channels_1 || campaigns.channels || :param_11) LIKE '%' || :param_12 || '%') AND campaign_members.holdout IS NOT 1 AND campaign_members.status IN (:param_13, :param_14) AND customers.rm_code = :rm_code) AS anon_1 \nWHERE anon_1.calls_per_day >= anon_1.rank",
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'member_id', 'campaign', 'title', 'calls_per_day', 'rank'),
            (None, None, None, None, None, None, None, None, None, None, None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'status_1': 'active', 'channels_1': ',', 'param_11': ',', 'param_12': ',phone,', 'param_13': 'targeted', 'param_14': 'contacted'},
        ),
        (False, True): (
            "SELECT anon_1.customer_id, anon_1.name, anon_1.rm_code, anon_1.branch, anon_1.aum_cents, anon_1.phone, anon_1.refused, anon_1.member_id, anon_1.campaign, anon_1.title, anon_1.calls_per_day, anon_1.rank \nFROM (SELECT customers.customer_id AS customer_id, customers.name AS name, customers.rm_code AS rm_code, customers.branch AS branch, customers.aum_cents AS aum_cents, customers.phone AS phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, campaign_members.id AS member_id, campaigns.name AS campaign, campaigns.title AS title, campaigns.calls_per_day AS calls_per_day, row_number() OVER (PARTITION BY campaign_members.campaign_id, customers.rm_code ORDER BY customers.aum_cents DESC NULLS LAST, customers.customer_id) AS rank \nFROM customers JOIN campaign_members ON campaign_members.customer_id = customers.customer_id JOIN campaigns ON campaigns.id = campaign_members.campaign_id \nWHERE campaigns.status = :status_1 AND coalesce(campaigns.start_date, :day) <= :day AND coalesce(campaigns.end_date, :day) >= :day AND ((:channels_1 || campaigns.channels || :param_11) LIKE '%' || :param_12 || '%') AND campaign_members.holdout IS NOT 1 AND campaign_members.status IN (:param_13, :param_14) AND customers.branch = :branch) AS anon_1 \nWHERE anon_1.calls_per_day >= anon_1.rank",
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'member_id', 'campaign', 'title', 'calls_per_day', 'rank'),
            (None, None, None, None, None, None, None, None, None, None, None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'status_1': 'active', 'channels_1': ',', 'param_11': ',', 'param_12': ',phone,', 'param_13': 'targeted', 'param_14': 'contacted'},
        ),
        (True, True): (
            "SELECT anon_1.customer_id, anon_1.name, anon_1.rm_code, anon_1.branch, anon_1.aum_cents, anon_1.phone, anon_1.refused, anon_1.member_id, anon_1.campaign, anon_1.title, anon_1.calls_per_day, anon_1.rank \nFROM (SELECT customers.customer_id AS customer_id, customers.name AS name, customers.rm_code AS rm_code, customers.branch AS branch, customers.aum_cents AS aum_cents, customers.phone AS phone, CASE WHEN (customers.consent_email IS 0) THEN :param_1 ELSE :param_2 END + CASE WHEN (customers.consent_sms IS 0) THEN :param_3 ELSE :param_4 END + CASE WHEN (customers.consent_phone IS 0) THEN :param_5 ELSE :param_6 END + CASE WHEN (customers.consent_mail IS 0) THEN :param_7 ELSE :param_8 END + CASE WHEN (customers.consent_fax IS 0) THEN :param_9 ELSE :param_10 END AS refused, campaign_members.id AS member_id, campaigns.name AS campaign, campaigns.title AS title, campaigns.calls_per_day AS calls_per_day, row_number() OVER (PARTITION BY campaign_members.campaign_id, customers.rm_code ORDER BY customers.aum_cents DESC NULLS LAST, customers.customer_id) AS rank \nFROM customers JOIN campaign_members ON campaign_members.customer_id = customers.customer_id JOIN campaigns ON campaigns.id = campaign_members.campaign_id \nWHERE campaigns.status = :status_1 AND coalesce(campaigns.start_date, :day) <= :day AND coalesce(campaigns.end_date, :day) >= :day AND ((:channels_1 || campaigns.channels || :param_11) LIKE '%' || :param_12 || '%') AND campaign_members.holdout IS NOT 1 AND campaign_members.status IN (:param_13, :param_14) AND customers.rm_code = :rm_code AND customers.branch = :branch) AS anon_1 \nWHERE anon_1.calls_per_day >= anon_1.rank",
            ('customer_id', 'name', 'rm_code', 'branch', 'aum_cents', 'phone', 'refused', 'member_id', 'campaign', 'title', 'calls_per_day', 'rank'),
            (None, None, None, None, None, None, None, None, None, None, None, None),
            {'param_1': 1, 'param_2': 0, 'param_3': 2, 'param_4': 0, 'param_5': 4, 'param_6': 0, 'param_7': 8, 'param_8': 0, 'param_9': 16, 'param_10': 0, 'status_1': 'active', 'channels_1': ',', 'param_11': ',', 'param_12': ',phone,', 'param_13': 'targeted', 'param_14': 'contacted'},
        ),
    },
    'rm_code_known': {
        (): (
            'SELECT rms.rm_code \nFROM rms \nWHERE rms.rm_code = :rm_code UNION SELECT customers.rm_code \nFROM customers \nWHERE customers.rm_code = :rm_code\n LIMIT :param_1 OFFSET :param_2',
            ('rm_code',),
            (None,),
            {'param_1': 1, 'param_2': 0},
        ),
    },
    'customer_row': {
        (): (
            'SELECT customers.customer_id, customers.name, customers.id_number, customers.id_number_raw, customers.gender, customers.birth_date, customers.birth_mmdd, customers.lunar_birthday, customers.lunar_mmdd, customers.phone, customers.email, customers.fax, customers.address, customers.postal_code, customers.branch, customers.rm_code, customers.aum_cents, customers.consent_email, customers.consent_sms, customers.consent_phone, customers.consent_mail, customers.consent_fax, customers.consent_updated_at, customers.consent_source, customers.created_at, customers.updated_at \nFROM customers \nWHERE customers.customer_id = :customer_id',
            ('customer_id', 'name', 'id_number', 'id_number_raw', 'gender', 'birth_date', 'birth_mmdd', 'lunar_birthday', 'lunar_mmdd', 'phone', 'email', 'fax', 'address', 'postal_code', 'branch', 'rm_code', 'aum_cents', 'consent_email', 'consent_sms', 'consent_phone', 'consent_mail', 'consent_fax', 'consent_updated_at', 'consent_source', 'created_at', 'updated_at'),
            (None, None, None, None, None, 'date', None, 'bool', None, None, None, None, None, None, None, None, None, 'bool', 'bool', 'bool', 'bool', 'bool', 'utc', None, 'utc', 'utc'),
            {},
        ),
    },
    'holding_rows': {
        (): (
            'SELECT holdings.account_id, holdings.customer_id, holdings.product_type, holdings.product_name, holdings.amount_cents, holdings.currency, holdings.open_date, holdings.maturity_date, holdings.auto_rollover, holdings.created_at, holdings.updated_at \nFROM holdings \nWHERE holdings.customer_id = :customer_id ORDER BY holdings.maturity_date IS NULL, holdings.maturity_date, holdings.account_id',
            ('account_id', 'customer_id', 'product_type', 'product_name', 'amount_cents', 'currency', 'open_date', 'maturity_date', 'auto_rollover', 'created_at', 'updated_at'),
            (None, None, None, None, None, None, 'date', 'date', 'bool', 'utc', 'utc'),
            {},
        ),
    },
    'rm_row': {
        (): (
            'SELECT rms.rm_code, rms.name, rms.phone, rms.email, rms.branch, rms.created_at, rms.updated_at \nFROM rms \nWHERE rms.rm_code = :rm_code',
            ('rm_code', 'name', 'phone', 'email', 'branch', 'created_at', 'updated_at'),
            (None, None, None, None, None, 'utc', 'utc'),
            {},
        ),
    },
    'alias_survivor': {
        (): (
            'SELECT customer_aliases.customer_id \nFROM customer_aliases \nWHERE customer_aliases.alias_id = :number',
            ('customer_id',),
            (None,),
            {},
        ),
    },
    'aliases_of': {
        (): (
            'SELECT customer_aliases.alias_id \nFROM customer_aliases \nWHERE customer_aliases.customer_id = :customer_id ORDER BY customer_aliases.alias_id',
            ('alias_id',),
            (None,),
            {},
        ),
    },
    'history_rows_of_customers': {
        (): (
            'SELECT history.id, history.at, history.actor, history.entity, history.entity_id, history.customer_id, history.action, history.changes, history.reason \nFROM history \nWHERE history.customer_id IN (SELECT anon_1.value \nFROM json_each(:customer_ids) AS anon_1) ORDER BY history.id DESC',
            ('id', 'at', 'actor', 'entity', 'entity_id', 'customer_id', 'action', 'changes', 'reason'),
            (None, 'utc', None, None, None, None, None, None, None),
            {},
        ),
    },
    'sent_delivery_rows': {
        (): (
            'SELECT deliveries.id, deliveries.campaign, deliveries.customer_id, deliveries.channel, deliveries.template, deliveries.purpose, deliveries.status, deliveries.message_id, deliveries.address, deliveries.error, deliveries.actor, deliveries.created_at, deliveries.sent_at \nFROM deliveries \nWHERE deliveries.customer_id IN (SELECT anon_1.value \nFROM json_each(:customer_ids) AS anon_1) AND deliveries.status = :status_1 ORDER BY deliveries.id DESC',
            ('id', 'campaign', 'customer_id', 'channel', 'template', 'purpose', 'status', 'message_id', 'address', 'error', 'actor', 'created_at', 'sent_at'),
            (None, None, None, None, None, None, None, None, None, None, None, 'utc', 'utc'),
            {'status_1': 'sent'},
        ),
    },
    'customer_memberships': {
        (): (
            'SELECT campaign_members.id, campaign_members.customer_id, campaign_members.drawn_at, campaign_members.actor, campaign_members.holdout, campaigns.name, campaigns.title \nFROM campaign_members JOIN campaigns ON campaigns.id = campaign_members.campaign_id \nWHERE campaign_members.customer_id IN (SELECT anon_1.value \nFROM json_each(:customer_ids) AS anon_1) ORDER BY campaign_members.drawn_at, campaign_members.id',
            ('id', 'customer_id', 'drawn_at', 'actor', 'holdout', 'name', 'title'),
            (None, None, 'utc', None, 'bool', None, None),
            {},
        ),
    },
    'customer_steps': {
        (): (
            'SELECT campaign_member_events.customer_id, campaign_member_events.at, campaign_member_events.actor, campaign_member_events.step, campaign_member_events.channel, campaign_member_events.note, campaigns.name, campaigns.title \nFROM campaign_member_events JOIN campaigns ON campaigns.id = campaign_member_events.campaign_id \nWHERE campaign_member_events.customer_id IN (SELECT anon_1.value \nFROM json_each(:customer_ids) AS anon_1) ORDER BY campaign_member_events.at, campaign_member_events.id',
            ('customer_id', 'at', 'actor', 'step', 'channel', 'note', 'name', 'title'),
            (None, 'utc', None, None, None, None, None, None),
            {},
        ),
    },
    'complaint_rows_of_customer': {
        (): (
            'SELECT complaints.id, complaints.customer_id, complaints.category, complaints.summary, complaints.channel, complaints.policy, complaints.payment_services, complaints.received_at, complaints.received_on, complaints.due_date, complaints.level, complaints.status, complaints.root_cause, complaints.resolution, complaints.resolved_at, complaints.resolved_on, complaints.closed_at, complaints.breached, complaints.breached_on, complaints.approved_by, complaints.actor, complaints.created_at, complaints.updated_at, customers.name, customers.rm_code \nFROM complaints JOIN customers ON customers.customer_id = complaints.customer_id \nWHERE complaints.customer_id = :customer_id AND complaints.status IN (SELECT anon_1.value \nFROM json_each(:statuses) AS anon_1) ORDER BY complaints.due_date, complaints.id',
            ('id', 'customer_id', 'category', 'summary', 'channel', 'policy', 'payment_services', 'received_at', 'received_on', 'due_date', 'level', 'status', 'root_cause', 'resolution', 'resolved_at', 'resolved_on', 'closed_at', 'breached', 'breached_on', 'approved_by', 'actor', 'created_at', 'updated_at', 'name', 'rm_code'),
            (None, None, None, None, None, None, 'bool', 'utc', 'date', 'date', None, None, None, None, 'utc', 'date', 'utc', 'bool', 'date', None, None, 'utc', 'utc', None, None),
            {},
        ),
    },
}
# fmt: on
