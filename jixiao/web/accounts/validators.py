"""Password rules beyond Django's own: characters from several classes (等保 2.0 asks for
complexity). Length, common passwords and similarity to the user's name are Django's
validators, configured in the settings."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

_CLASSES = (
    ("大写字母", re.compile(r"[A-Z]")),
    ("小写字母", re.compile(r"[a-z]")),
    ("数字", re.compile(r"[0-9]")),
    ("符号", re.compile(r"[^A-Za-z0-9]")),
)


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min(max(1, min_classes), len(_CLASSES))

    def validate(self, password: str, user: Any = None) -> None:
        present = [name for name, pattern in _CLASSES if pattern.search(password)]
        if len(present) < self.min_classes:
            names = "、".join(name for name, _ in _CLASSES)
            raise ValidationError(
                f"密码须包含{names}中的至少 {self.min_classes} 类字符"
                f"（现在只有 {len(present)} 类）。",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类字符。"


# Django's own validators, said in Chinese (its zh-hans catalogue lacks some of these texts).


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码长度太短，至少需要 {self.min_length} 个字符（现在 {len(password)} 个）。",
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "这个密码太常见，容易被猜到，请换一个。", code="password_too_common"
            ) from None

    def get_help_text(self) -> str:
        return "不能使用常见密码。"


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "密码与用户名或姓名等个人信息太相似，请换一个。", code="password_too_similar"
            ) from None

    def get_help_text(self) -> str:
        return "密码不能与用户名或姓名相似。"


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError("密码不能全是数字。", code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return "密码不能全是数字。"
