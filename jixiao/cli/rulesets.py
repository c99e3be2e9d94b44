"""The rule sets the console judges by: the bundled ones and a bureau's own, from the
directories ``JIXIAO_RULESETS_DIR`` names (read as the web reads its setting, by
:func:`jixiao.core.rulesets.ruleset_dirs_of`)."""

from __future__ import annotations

import os

from jixiao.cli.files import CliInputError
from jixiao.core.rulesets import (
    RULESETS_DIR_SETTING,
    RuleSet,
    RuleSetDirs,
    RuleSetError,
    available_rulesets,
    default_ruleset_id,
    load_ruleset,
    ruleset_dirs_of,
)


def ruleset_dirs() -> RuleSetDirs:
    """The extra rule-set directories this console is configured with."""
    return ruleset_dirs_of(os.environ.get(RULESETS_DIR_SETTING))


def known_rulesets() -> list[str]:
    """Every rule-set id, bundled and the bureau's (only the bundled ones when the bureau's
    directory cannot be read: the command that needs it then says why)."""
    try:
        return available_rulesets(ruleset_dirs())
    except RuleSetError:
        return available_rulesets()


def rules_for(form_type: str, ruleset_id: str | None = None) -> RuleSet:
    """The rule set named (latest version), else the form type's default, looked up in the
    bundled rule sets and the bureau's directories. Raises :class:`CliInputError`."""
    wanted = ruleset_id or default_ruleset_id(form_type)
    try:
        return load_ruleset(wanted, dirs=ruleset_dirs())
    except RuleSetError as exc:
        raise CliInputError(
            f"{RULESETS_DIR_SETTING}：{exc.message}", f"{RULESETS_DIR_SETTING}: {exc.message}"
        ) from exc
    except KeyError:
        known = "、".join(known_rulesets())
        raise CliInputError(
            f"未知的规则集：{wanted}（可选：{known}）",
            f"unknown rule set: {wanted} (known: {known})",
        ) from None
