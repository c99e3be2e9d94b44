def test_every_rule_set_fixes_the_mof_indicator_categories():
    from jixiao.core.rulesets import MOF_CATEGORIES, available_rulesets, load_ruleset

    for ruleset_id in available_rulesets():
        rules = load_ruleset(ruleset_id)
        assert [(c.level1, tuple(c.level2)) for c in rules.indicator_categories] == list(
            MOF_CATEGORIES
        )
        assert rules.level2_of("产出指标") == ["数量指标", "质量指标", "时效指标", "成本指标"]
        assert rules.is_category("效益指标", "可持续影响指标")
        assert not rules.is_category("效益指标", "数量指标")
        assert rules.level2_of("其他") == []
