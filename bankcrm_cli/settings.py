"""Settings: a TOML file, overridden by CRM_* environment variables, overridden by options."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bankcrm_cli.domain.catalogue import in_every_language, t, t_or, use_language
from bankcrm_cli.domain.errors import UsageError
from bankcrm_cli.domain.products import PRODUCT_LABELS

if TYPE_CHECKING:
    from bankcrm_cli.domain.churn import ChurnRules
    from bankcrm_cli.domain.followups import FollowupRules
    from bankcrm_cli.domain.opportunities import OpportunityRules
    from bankcrm_cli.domain.segments import TierRules

APP_NAME = "bankcrm"

# Every setting: dotted key -> default. A TOML section [bank] holds bank.*; the environment
# variable is CRM_ + the key upper-cased with dots as underscores. What each means is
# `setting.<key>` in the catalogue (domain/catalogue_settings.py), as `crm config show` says.
DEFAULTS: dict[str, Any] = {
    "db": None,
    "timezone": "Asia/Shanghai",
    "ui.language": "zh",
    "bank.name": "示例银行",
    "bank.phone": "010-0000 0000",
    "bank.address": "",
    "bank.fax": "",
    "followups.pull_forward": True,
    "followups.feb29": "feb28",
    "followups.lead_days": 7,
    "complaints.policy": "cn-nfra",
    "mailmerge.templates": None,
    "mailmerge.require_consent": False,
    "mailmerge.font": None,
    "mailmerge.system_fonts": True,
    "mailmerge.fax_gateway": None,
    "mailmerge.max_output": 1_000_000,
    "mailmerge.render_seconds": 10,
    "smtp.host": None,
    "smtp.port": 0,
    "smtp.user": None,
    "smtp.password": None,
    "smtp.tls": "starttls",
    "smtp.timeout": 60,
    "mail.from": None,
    "mail.unsubscribe": None,
    "mail.unsubscribe_url": None,
}
# Per product type, e.g. [followups.lead_days_by_product] large_cd = 14 (default: lead_days).
PRODUCT_LEAD_PREFIX = "followups.lead_days_by_product."
for _code in PRODUCT_LABELS:
    DEFAULTS[PRODUCT_LEAD_PREFIX + _code] = 0
# Tiers, churn signals and opportunities (crm segments, churn, opportunities and the reports).
DEFAULTS.update(
    {
        "segments.gold_yuan": 50_000,
        "segments.platinum_yuan": 500_000,
        "segments.diamond_yuan": 1_000_000,
        "segments.private_yuan": 6_000_000,
        "segments.downgrade_months": 3,
        "churn.drop_pct": 30,
        "churn.drop_days": 90,
        "churn.payout_days": 90,
        "churn.inactive_days": 180,
        "churn.cadence_days.mass": 365,
        "churn.cadence_days.gold": 180,
        "churn.cadence_days.platinum": 90,
        "churn.cadence_days.diamond": 60,
        "churn.cadence_days.private": 30,
        "opportunities.days": 30,
        "opportunities.near_tier_pct": 90,
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


def meaning(key: str) -> str:
    """What a setting is for, in the language in use (`crm config show`)."""
    if key.startswith(PRODUCT_LEAD_PREFIX):
        product = key.removeprefix(PRODUCT_LEAD_PREFIX)
        return t("setting.followups.lead_days_by_product", product=t_or("product", product))
    return t(f"setting.{key}")


def env_name(key: str) -> str:
    return "CRM_" + key.upper().replace(".", "_").replace("-", "_")


def _coerce(key: str, raw: str) -> Any:
    default = DEFAULTS[key]
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
    default = DEFAULTS[key]
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
        # The language asked for is the one in question: the message is in every language.
        raise UsageError(in_every_language("err.set.language"))
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
    values = dict(DEFAULTS)
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
