from bankcrm_cli.domain.segments import tier_for


def test_tier_thresholds_are_lower_bounds():
    assert tier_for(4_999_999) == "普通"
    assert tier_for(5_000_000) == "金卡"
    assert tier_for(50_000_000) == "白金"
    assert tier_for(100_000_000) == "钻石"
    assert tier_for(600_000_000) == "私人银行"


def test_unknown_aum_has_no_tier():
    assert tier_for(None) is None
