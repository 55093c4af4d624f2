"""Settings: a TOML file, overridden by CRM_* environment variables, overridden by options."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bankcrm_cli.domain.catalogue import t, use_language
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.products import PRODUCT_LABELS

if TYPE_CHECKING:
    from bankcrm_cli.domain.churn import ChurnRules
    from bankcrm_cli.domain.followups import FollowupRules
    from bankcrm_cli.domain.opportunities import OpportunityRules
    from bankcrm_cli.domain.segments import TierRules

APP_NAME = "bankcrm"

# Every setting: dotted key -> (default, description). A TOML section [bank] holds bank.*;
# the environment variable is CRM_ + the key upper-cased with dots as underscores.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "db": (None, "store: a SQLite file path or a SQLAlchemy URL (default: the user data folder)"),
    "timezone": ("Asia/Shanghai", "time zone that decides what 'today' is"),
    "ui.language": ("zh", "language of what crm prints: zh (Chinese) or en (English)"),
    "bank.name": ("示例银行", "bank name used in letters and reports"),
    "bank.phone": ("010-0000 0000", "bank service phone printed in letters"),
    "bank.address": ("", "bank address printed in letters"),
    "bank.fax": ("", "bank fax number printed on fax cover sheets"),
    "followups.pull_forward": (
        True,
        "on a working day, also show what falls on the non-working days up to the next one",
    ),
    "followups.feb29": ("feb28", "29 February birthdays in common years: feb28 or mar1"),
    "followups.lead_days": (7, "days before a maturity that it starts to show"),
    "complaints.policy": ("cn-nfra", "deadline rules for new complaints: cn-nfra, uk-fca, us-cfpb"),
    "mailmerge.templates": (None, "your own template folder: its templates override built-ins"),
    "mailmerge.require_consent": (
        False,
        "marketing only to customers who said yes (default: unknown consent counts as yes)",
    ),
    "mailmerge.font": (None, "a TrueType CJK font for PDF letters and faxes (default: found)"),
    "mailmerge.system_fonts": (
        True,
        "look for the platform's own CJK font before the one crm ships (false: use crm's)",
    ),
    "mailmerge.fax_gateway": (
        None,
        "e-mail-to-fax gateway address pattern, e.g. {fax}@fax.example.com",
    ),
    "mailmerge.max_output": (1_000_000, "characters a template may render for one customer"),
    "mailmerge.render_seconds": (10, "seconds a template may take for one customer"),
    "smtp.host": (None, "SMTP server for e-mail and fax"),
    "smtp.port": (0, "SMTP port (0: 465 for ssl, 587 for starttls, 25 for none)"),
    "smtp.user": (None, "SMTP user name"),
    "smtp.password": (None, "SMTP password: environment or a 0600 settings file only"),
    "smtp.tls": ("starttls", "SMTP security: starttls, ssl or none (certificates verified)"),
    "smtp.timeout": (60, "seconds to wait for the SMTP server"),
    "mail.from": (None, "sender address, e.g. 示例银行 <service@bank.example>"),
    "mail.unsubscribe": (None, "address in marketing e-mails' List-Unsubscribe (default: from)"),
    "mail.unsubscribe_url": (None, "web page in marketing e-mails' List-Unsubscribe, if any"),
}
# Per product type, e.g. [followups.lead_days_by_product] large_cd = 14 (default: lead_days).
PRODUCT_LEAD_PREFIX = "followups.lead_days_by_product."
for _code in PRODUCT_LABELS:
    DEFAULTS[PRODUCT_LEAD_PREFIX + _code] = (0, f"lead days for {_code} maturities (0: lead_days)")
# Tiers, churn signals and opportunities (crm segments, churn, opportunities and the reports).
DEFAULTS.update(
    {
        "segments.gold_yuan": (50_000, "AUM (yuan) from which a customer is 金卡"),
        "segments.platinum_yuan": (500_000, "AUM (yuan) from which a customer is 白金"),
        "segments.diamond_yuan": (1_000_000, "AUM (yuan) from which a customer is 钻石"),
        "segments.private_yuan": (6_000_000, "AUM (yuan) from which a customer is 私人银行"),
        "segments.downgrade_months": (
            3,
            "months a customer keeps a tier after their AUM falls below it (rises count at once)",
        ),
        "churn.drop_pct": (30, "AUM falling by at least this % over churn.drop_days is a signal"),
        "churn.drop_days": (90, "days over which an AUM drop is measured"),
        "churn.payout_days": (90, "days back a maturity paid out instead of rolled over counts"),
        "churn.inactive_days": (180, "days without any activity that make a signal"),
        "churn.cadence_days.mass": (365, "days between reached contacts for 普通 customers"),
        "churn.cadence_days.gold": (180, "days between reached contacts for 金卡 customers"),
        "churn.cadence_days.platinum": (90, "days between reached contacts for 白金 customers"),
        "churn.cadence_days.diamond": (60, "days between reached contacts for 钻石 customers"),
        "churn.cadence_days.private": (30, "days between reached contacts for 私人银行 customers"),
        "opportunities.days": (30, "days ahead a maturity makes a cross-sell opportunity"),
        "opportunities.near_tier_pct": (
            90,
            "AUM at least this % of the next tier's floor makes an up-sell opportunity",
        ),
    }
)

# Keys whose values are never printed and may come only from the environment or a 0600 file.
SECRET_KEYS: frozenset[str] = frozenset({"smtp.password"})


@dataclass(frozen=True)
class Settings:
    """Effective settings, with where each value came from."""

    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)
    config_path: Path | None = None

    def get(self, key: str) -> Any:
        return self.values[key]

    @property
    def db(self) -> str:
        return self.values["db"] or str(default_db_path())

    @property
    def timezone(self) -> str:
        return self.values["timezone"]

    def product_leads(self) -> dict[str, int]:
        """Lead days set per product type (only those set)."""
        return {
            key.removeprefix(PRODUCT_LEAD_PREFIX): value
            for key, value in self.values.items()
            if key.startswith(PRODUCT_LEAD_PREFIX) and value
        }


# Settings to rules: the one place each rule set is read from settings; commands and services
# take the rules (or the settings) and never read these keys themselves.


def followup_rules(settings: Settings) -> FollowupRules:
    """Pull-forward, 29 February and lead days from settings (followups.*)."""
    from bankcrm_cli.domain.followups import FollowupRules

    return FollowupRules(
        pull_forward=settings.get("followups.pull_forward"),
        feb29=settings.get("followups.feb29"),
        lead_days=settings.get("followups.lead_days"),
        product_leads=settings.product_leads(),
    )


def tier_rules(settings: Settings) -> TierRules:
    """Tier floors and the downgrade delay from settings (segments.*)."""
    from bankcrm_cli.domain.segments import TierRules

    return TierRules.from_floors(
        gold=settings.get("segments.gold_yuan"),
        platinum=settings.get("segments.platinum_yuan"),
        diamond=settings.get("segments.diamond_yuan"),
        private=settings.get("segments.private_yuan"),
        downgrade_months=settings.get("segments.downgrade_months"),
    )


def churn_rules(settings: Settings) -> ChurnRules:
    """Churn signal limits from settings (churn.*)."""
    from bankcrm_cli.domain.churn import ChurnRules
    from bankcrm_cli.domain.segments import TIER_CODES

    return ChurnRules(
        drop_pct=settings.get("churn.drop_pct"),
        drop_days=settings.get("churn.drop_days"),
        payout_days=settings.get("churn.payout_days"),
        inactive_days=settings.get("churn.inactive_days"),
        cadence_days={
            name: settings.get(f"churn.cadence_days.{code}") for name, code in TIER_CODES.items()
        },
    )


def opportunity_rules(settings: Settings) -> OpportunityRules:
    """How far ahead maturities count and how near a floor is near (opportunities.*)."""
    from bankcrm_cli.domain.opportunities import OpportunityRules

    return OpportunityRules(
        days=settings.get("opportunities.days"),
        near_tier_pct=settings.get("opportunities.near_tier_pct"),
    )


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "crm.sqlite3"


def config_path(env: Mapping[str, str]) -> Path:
    explicit = env.get("CRM_CONFIG")
    return Path(explicit).expanduser() if explicit else config_dir() / "crm.toml"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def env_name(key: str) -> str:
    return "CRM_" + key.upper().replace(".", "_").replace("-", "_")


def _coerce(key: str, raw: str) -> Any:
    default = DEFAULTS[key][0]
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise UsageError(t("err.set.bool", name=env_name(key), raw=repr(raw)))
    if isinstance(default, int):  # bool is handled above
        try:
            return int(raw)
        except ValueError:
            raise UsageError(t("err.set.int", name=env_name(key), raw=repr(raw))) from None
    return raw


def _checked(key: str, value: Any, where: str) -> Any:
    """A value from the settings file, of the type its default has."""
    default = DEFAULTS[key][0]
    expected = type(default) if default is not None else str
    if isinstance(default, int) and not isinstance(default, bool) and isinstance(value, bool):
        raise UsageError(t("err.set.whole", key=key, where=where, value=repr(value)))
    if not isinstance(value, expected):
        raise UsageError(
            t("err.set.type", key=key, where=where, type=expected.__name__, value=repr(value))
        )
    return value


def validate(settings_values: Mapping[str, Any]) -> None:
    """Settings whose allowed values are a short list."""
    if settings_values["complaints.policy"] not in ("cn-nfra", "uk-fca", "us-cfpb"):
        raise UsageError(
            t("err.set.choice", key="complaints.policy", choices="cn-nfra/uk-fca/us-cfpb")
        )
    if settings_values["ui.language"] not in ("zh", "en"):
        raise UsageError("ui.language (CRM_UI_LANGUAGE) must be zh or en")
    if settings_values["followups.feb29"] not in ("feb28", "mar1"):
        raise UsageError(t("err.set.choice", key="followups.feb29", choices="feb28/mar1"))
    if settings_values["smtp.tls"] not in ("starttls", "ssl", "none"):
        raise UsageError(
            t("err.set.choice", key="smtp.tls (CRM_SMTP_TLS)", choices="starttls/ssl/none")
        )
    for key in ("mailmerge.max_output", "mailmerge.render_seconds", "smtp.timeout"):
        if settings_values[key] <= 0:
            raise UsageError(t("err.set.positive", key=key))
    if not 0 <= settings_values["smtp.port"] <= 65535:
        raise UsageError(t("err.set.port"))
    for key, value in settings_values.items():
        if key.startswith("followups.lead_days") and value < 0:
            raise UsageError(t("err.set.negative", key=key))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings file (if any) and the environment."""
    env = os.environ if env is None else env
    # A setting that cannot be read is reported in the language asked for, when it can be told.
    use_language(env.get("CRM_UI_LANGUAGE"))
    values = {key: default for key, (default, _) in DEFAULTS.items()}
    sources = dict.fromkeys(values, "default")
    path = config_path(env)
    if path.is_file():
        try:
            with path.open("rb") as fh:
                loaded = _flatten(tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(t("err.set.read", path=path, why=exc)) from None
        if "CRM_UI_LANGUAGE" not in env and isinstance(loaded.get("ui.language"), str):
            use_language(loaded["ui.language"])
        unknown = sorted(set(loaded) - set(DEFAULTS))
        if unknown:
            raise UsageError(t("err.set.unknown", path=path, keys=", ".join(unknown)))
        has_secret = any(key in SECRET_KEYS for key in loaded)
        if has_secret and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise UsageError(t("err.set.secret", path=path))
        for key, value in loaded.items():
            values[key] = _checked(key, value, str(path))
            sources[key] = str(path)
    for key in DEFAULTS:
        name = env_name(key)
        if env.get(name):
            values[key] = _coerce(key, env[name])
            sources[key] = f"${name}"
    validate(values)
    return Settings(values=values, sources=sources, config_path=path)


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Settings with command-line options applied on top."""
    values = dict(settings.values)
    sources = dict(settings.sources)
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
            sources[key] = "option"
    return Settings(values=values, sources=sources, config_path=settings.config_path)


def actor(explicit: str | None, env: Mapping[str, str] | None = None) -> str:
    """Who is acting: `--as`, else CRM_USER, else the OS user."""
    env = os.environ if env is None else env
    if explicit:
        return explicit
    if env.get("CRM_USER"):
        return env["CRM_USER"]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
