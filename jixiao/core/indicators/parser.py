"""Read an indicator value as people write it (``≥50个``, ``同比下降6.29%``, ``两个``) into an
:class:`IndicatorValue`.

The parser is a pipeline of small steps over the text:

1. :func:`normalise` — NFKC (full-width digits and symbols, ``﹦``), no spaces, no thousands
   separators, ``百分之九十五`` → ``95%``, Chinese numerals before a unit → Arabic (cn2an).
2. :func:`find_numbers` — every figure with its unit, skipping dates (``2022年``, ``12月31日``)
   and merging ranges (``90%-95%``).
3. :func:`operator_of` and :func:`direction_of` — the words around the figure.
4. :func:`classify` — one figure makes a quantitative value; none, or a narrative, a
   qualitative one with a Chinese reason.

Rules chosen here (documented because the forms do not settle them):

* **Range** ``90%-95%``: the lower bound with AT_LEAST; the upper bound is kept in ``upper``.
  A target range is met by reaching its lower end.
* **Narrative**: a text with more than one figure (``2022年度共召开15次委务会议，2次…``), or a
  long sentence (over :data:`NARRATIVE_MIN_CHARS` characters with clause punctuation), states no
  single value: it is qualitative.
* **Units**: the known unit right after the figure (longest match from :data:`UNITS`), else a
  short tail (up to 3 characters) before a trailing word like ``以上``. ``万``/``亿`` multiply
  the figure (``3.5万人次`` → 35000 人次) except in ``万元``/``亿元``, which stay units.
* **Grades** 优/良 → 达成, 中 → 部分达成, 差 → 未达成: the project form's grade bands
  (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60) line up with the qualitative bands (达成 80–100%,
  部分达成 60–80%, 未达成 < 60%).

:func:`parse_value` never raises: a value it cannot read is qualitative, with a reason.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.core.indicators.values import (
    Direction,
    IndicatorValue,
    Operator,
    Rating,
    ValueKind,
)

log = logging.getLogger(__name__)

NARRATIVE_MIN_CHARS = 40
"""A single figure inside a sentence longer than this (with clause punctuation) is narrative."""

# --- word tables -------------------------------------------------------------------------------

UNITS = (
    "个工作日", "工作日", "个百分点", "百分点", "平方公里", "平方米", "立方米",
    "人次", "户次", "件次", "场次", "台次", "批次", "班次", "课时", "学时",
    "万元", "亿元", "千元", "元",
    "个月", "小时", "分钟", "公里", "千米", "公顷", "千克", "公斤",
    "%", "‰", "个", "次", "人", "场", "件", "处", "项", "天", "日", "月", "年", "周",
    "家", "户", "名", "所", "台", "套", "篇", "期", "批", "条", "份", "座", "宗", "例",
    "起", "间", "栋", "辆", "本", "册", "张", "部", "支", "只", "棵", "株", "床", "米",
    "亩", "吨", "分", "元/人",
)  # fmt: skip
_UNITS_LONGEST_FIRST = tuple(sorted(UNITS, key=len, reverse=True))

PREFIX_OPERATORS: dict[str, Operator] = {
    "≥": Operator.AT_LEAST, ">=": Operator.AT_LEAST, "大于等于": Operator.AT_LEAST,
    "大于或等于": Operator.AT_LEAST, "不低于": Operator.AT_LEAST, "不少于": Operator.AT_LEAST,
    "不小于": Operator.AT_LEAST, "不得低于": Operator.AT_LEAST, "不得少于": Operator.AT_LEAST,
    "至少": Operator.AT_LEAST, "最少": Operator.AT_LEAST, "达到": Operator.AT_LEAST,
    "≤": Operator.AT_MOST, "<=": Operator.AT_MOST, "小于等于": Operator.AT_MOST,
    "小于或等于": Operator.AT_MOST, "不高于": Operator.AT_MOST, "不超过": Operator.AT_MOST,
    "不多于": Operator.AT_MOST, "不大于": Operator.AT_MOST, "不得高于": Operator.AT_MOST,
    "不得超过": Operator.AT_MOST, "至多": Operator.AT_MOST, "最多": Operator.AT_MOST,
    "控制在": Operator.AT_MOST,
    "=": Operator.EQUAL, "等于": Operator.EQUAL,
    ">": Operator.MORE_THAN, "大于": Operator.MORE_THAN, "超过": Operator.MORE_THAN,
    "高于": Operator.MORE_THAN, "多于": Operator.MORE_THAN,
    "<": Operator.LESS_THAN, "小于": Operator.LESS_THAN, "低于": Operator.LESS_THAN,
    "少于": Operator.LESS_THAN,
}  # fmt: skip

SUFFIX_OPERATORS: dict[str, Operator] = {
    "及以上": Operator.AT_LEAST, "或以上": Operator.AT_LEAST, "以上": Operator.AT_LEAST,
    "及以下": Operator.AT_MOST, "或以下": Operator.AT_MOST, "以下": Operator.AT_MOST,
    "以内": Operator.AT_MOST, "之内": Operator.AT_MOST, "内": Operator.AT_MOST,
}  # fmt: skip

DIRECTION_WORDS: dict[str, Direction] = {
    "下降": Direction.DOWN, "降低": Direction.DOWN, "减少": Direction.DOWN,
    "下滑": Direction.DOWN, "压减": Direction.DOWN, "缩减": Direction.DOWN,
    "上升": Direction.UP, "增长": Direction.UP, "增加": Direction.UP, "提高": Direction.UP,
    "提升": Direction.UP,
}  # fmt: skip
# Words allowed between a direction word and its figure ("下降幅度不低于5%").
_DIRECTION_FILLERS = ("了", "幅度", "率", "为", "达")

# Whole-text grades; see the module docstring for why they map to these ratings.
GRADES: dict[str, Rating] = {
    "优": Rating.ACHIEVED, "优秀": Rating.ACHIEVED, "良": Rating.ACHIEVED,
    "良好": Rating.ACHIEVED, "中": Rating.PARTLY, "中等": Rating.PARTLY,
    "一般": Rating.PARTLY, "合格": Rating.PARTLY, "差": Rating.NOT_ACHIEVED,
    "较差": Rating.NOT_ACHIEVED, "不合格": Rating.NOT_ACHIEVED,
    "完成": Rating.ACHIEVED, "已实现": Rating.ACHIEVED, "实现": Rating.ACHIEVED,
}  # fmt: skip

# Phrases found anywhere in a text, tried in this order: negations contain the positive words.
RATING_PHRASES: tuple[tuple[str, Rating], ...] = (
    ("未达成", Rating.NOT_ACHIEVED), ("未完成", Rating.NOT_ACHIEVED),
    ("未达到", Rating.NOT_ACHIEVED), ("没有达到", Rating.NOT_ACHIEVED),
    ("没有完成", Rating.NOT_ACHIEVED), ("未实现", Rating.NOT_ACHIEVED),
    ("部分达成", Rating.PARTLY), ("部分完成", Rating.PARTLY), ("部分实现", Rating.PARTLY),
    ("基本达成", Rating.PARTLY), ("基本完成", Rating.PARTLY), ("基本实现", Rating.PARTLY),
    ("基本达到", Rating.PARTLY),
    ("达成", Rating.ACHIEVED), ("已完成", Rating.ACHIEVED), ("全部完成", Rating.ACHIEVED),
    ("全面完成", Rating.ACHIEVED), ("圆满完成", Rating.ACHIEVED), ("如期完成", Rating.ACHIEVED),
    ("按时完成", Rating.ACHIEVED), ("达到预期", Rating.ACHIEVED), ("完成预期", Rating.ACHIEVED),
    ("实现预期", Rating.ACHIEVED),
)  # fmt: skip

# Why a text without a figure cannot be measured, by the first family of words it contains.
QUALITATIVE_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("排名", "前列", "名列", "名次", "位居", "领先", "第一"), "排名类描述，没有可比较的数值"),
    (
        ("持续", "常态化", "不断", "长效", "推进", "开展", "加强"),
        "描述持续开展的工作，没有可计量的指标值",
    ),
    (("明显", "显著", "有效", "改善", "满意", "良好", "较好"), "效果类定性描述，没有可计量的数值"),
)
REASON_GENERIC = "定性描述，没有可计量的数值"
REASON_DATE = "时限类描述（日期），没有可计量的数值"
REASON_MANY_NUMBERS = "叙述性描述，含多个数字，无法确定单一指标值"
REASON_LONG = "叙述性描述，无法确定单一指标值"
REASON_RATING = "定性评价：{rating}"
REASON_UNREADABLE = "无法识别的指标值"

# Words whose numerals are not quantities, although a unit character follows them.
NOT_NUMERALS = (
    "一次性", "一批", "一件事", "一些", "一部分", "一条龙", "一张", "一本账", "十分", "万分",
    "十四五", "十三五", "十五五", "进一步", "统一",
)  # fmt: skip

# --- step 1: normalise -------------------------------------------------------------------------

_SYMBOLS = str.maketrans({"≧": "≥", "≦": "≤", "−": "-", "—": "-", "–": "-", "〇": "零"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CN_DIGITS = "零一二两三四五六七八九"
_PLAIN_DIGITS = "零一二三四五六七八九"
_CN_NUMERAL = re.compile(rf"[{_CN_DIGITS}十百千万亿]+(?:点[{_CN_DIGITS}]+)?")
_PERCENT_WORDS = re.compile(rf"百分之([\d.]+|[{_CN_DIGITS}十百千点]+)")
_CLAUSE_PUNCTUATION = re.compile(r"[,，。;；、!！?？]")


def normalise(text: str) -> str:
    """Canonical text: half-width, no spaces or thousands separators, Arabic figures."""
    text = unicodedata.normalize("NFKC", text).translate(_SYMBOLS)
    text = "".join(text.split())
    text = text.replace("==", "=")
    text = _THOUSANDS.sub("", text)
    text = _PERCENT_WORDS.sub(_percent_words, text)
    return _CN_NUMERAL.sub(_numeral_before_unit, text)


def _percent_words(match: re.Match[str]) -> str:
    number = match.group(1)
    if not number[0].isdigit():
        number = "100" if number == "百" else (chinese_numeral(number) or "")
    return f"{number}%" if number else match.group(0)


def _numeral_before_unit(match: re.Match[str]) -> str:
    """Convert a Chinese numeral only when it counts something: followed by a unit (or
    ending the text), not an ordinal (``第一``) and not inside a set phrase (``一次性``)."""
    run, start, end = match.group(0), match.start(), match.end()
    text = match.string
    if not any(c in _CN_DIGITS for c in run) and not run.startswith("十"):
        return run
    if text[max(0, start - 1) : start] == "第":
        return run
    for phrase in NOT_NUMERALS:
        at = text.find(phrase, max(0, start - len(phrase)))
        if at != -1 and at < end and at + len(phrase) > start:
            return run
    rest = text[end:]
    if rest and not rest.startswith(_UNITS_LONGEST_FIRST) and rest[0] not in "%以及":
        return run
    return chinese_numeral(run) or run


def chinese_numeral(run: str) -> str | None:
    """``一千三百`` → ``"1300"``, ``两`` → ``"2"``, ``九十五点五`` → ``"95.5"``; None when the
    run is not a well-formed numeral. The fraction is read digit by digit, so no float is made."""
    whole, dot, fraction = run.replace("两", "二").partition("点")
    if dot and not (fraction and all(c in _PLAIN_DIGITS for c in fraction)):
        return None
    if len(whole) > 1 and all(c in _PLAIN_DIGITS for c in whole):
        integer = "".join(str(_PLAIN_DIGITS.index(c)) for c in whole)  # 二〇二二, read as digits
    else:
        import cn2an  # slow to import (0.2–0.6 s): only a Chinese numeral needs it

        try:
            value = cn2an.cn2an(whole or "零", "strict")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
        if not isinstance(value, int):
            return None
        integer = str(value)
    if not fraction:
        return integer
    return integer + "." + "".join(str(_PLAIN_DIGITS.index(c)) for c in fraction)


# --- step 2: find numbers ----------------------------------------------------------------------

_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_DATES = (
    re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?"),
    re.compile(r"\d{1,2}月\d{1,2}[日号]"),
    re.compile(r"\d{1,2}月(?:底|末|前|份|上旬|中旬|下旬)"),
)
_MULTIPLIERS = {"万": 4, "亿": 8}
_RANGE_SEPARATORS = ("-", "~", "至", "到")
_SIGN_CONTEXT = "≥≤=<>:：(（"
_TAIL_WORDS = (*sorted(SUFFIX_OPERATORS, key=len, reverse=True), "左右")
_TAIL_END = re.compile(r"[0-9,，。;；、()（）:：\-~至到]")


@dataclass(frozen=True)
class Figure:
    """One figure found in a text, with where it sits and what follows it."""

    value: Decimal
    start: int
    end: int
    unit: str
    upper: Decimal | None = None


def find_numbers(text: str) -> tuple[list[Figure], bool]:
    """Figures outside dates, ranges merged; also whether the text holds a date."""
    dates = [m.span() for pattern in _DATES for m in pattern.finditer(text)]
    figures: list[Figure] = []
    for match in _FIGURE.finditer(text):
        if any(a <= match.start() < b for a, b in dates):
            continue
        figures.append(_figure_at(text, match))
    return _merge_ranges(text, figures), bool(dates)


def _figure_at(text: str, match: re.Match[str]) -> Figure:
    value, start, end = Decimal(match.group(0)), match.start(), match.end()
    if start > 0 and text[start - 1] in "-+" and (start == 1 or text[start - 2] in _SIGN_CONTEXT):
        start -= 1
        value = -value if text[start] == "-" else value
    multiplier = text[end : end + 1]
    if multiplier in _MULTIPLIERS and text[end : end + 2] not in ("万元", "亿元"):
        value = value.scaleb(_MULTIPLIERS[multiplier])
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        end += 1
    return Figure(value, start, end, unit_at(text, end))


def unit_at(text: str, position: int) -> str:
    """The unit written right after a figure: a known unit, else a short tail without the
    trailing operator words (``50所`` → ``所``, ``10GB以内`` → ``GB``)."""
    rest = text[position:]
    for unit in _UNITS_LONGEST_FIRST:
        if rest.startswith(unit):
            return unit
    tail = _TAIL_END.split(rest, maxsplit=1)[0]
    for word in _TAIL_WORDS:
        tail = tail.removesuffix(word)
    return tail if 0 < len(tail) <= 3 else ""


def _merge_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    merged: list[Figure] = []
    for figure in figures:
        if merged and merged[-1].upper is None:
            low = merged[-1]
            between = text[low.end + len(low.unit) : figure.start]
            if between in _RANGE_SEPARATORS and (not low.unit or low.unit == figure.unit):
                unit = figure.unit or low.unit
                lower, upper = sorted((low.value, figure.value))
                merged[-1] = Figure(lower, low.start, figure.end, unit, upper=upper)
                continue
        merged.append(figure)
    return merged


# --- step 3: words around the figure -----------------------------------------------------------

_PREFIX_LONGEST_FIRST = tuple(sorted(PREFIX_OPERATORS, key=len, reverse=True))
_RANK_UNITS = ("名", "位")
_SUFFIX_LONGEST_FIRST = tuple(sorted(SUFFIX_OPERATORS, key=len, reverse=True))


def operator_of(text: str, figure: Figure) -> tuple[Operator | None, str]:
    """The bound the words around a figure state, and the text before the figure once the
    operator word is removed (where a direction word may sit)."""
    before = text[: figure.start].rstrip(":：")
    after = text[figure.end + len(figure.unit) :]
    prefix = next((w for w in _PREFIX_LONGEST_FIRST if before.endswith(w)), None)
    if prefix is not None:
        before = before.removesuffix(prefix)
    if figure.upper is not None:
        return Operator.AT_LEAST, before
    suffix = next((w for w in _SUFFIX_LONGEST_FIRST if after.startswith(w)), None)
    if suffix == "内" and after[1:2] not in ("", "完", "办", ",", "，", "。", ";", "；"):
        suffix = None  # "10天内完成" bounds the figure, "5个内容" does not
    if suffix is not None:
        return SUFFIX_OPERATORS[suffix], before
    if prefix is None and before.endswith("前") and figure.unit in _RANK_UNITS:
        return Operator.AT_MOST, before.removesuffix("前")  # "排名前3名" is a rank of 3 or better
    return (PREFIX_OPERATORS[prefix] if prefix else None), before


def direction_of(before: str) -> Direction | None:
    """``同比下降`` right before the figure (or its operator) makes the figure a change."""
    for filler in _DIRECTION_FILLERS:
        before = before.removesuffix(filler)
    for word, direction in DIRECTION_WORDS.items():
        if before.endswith(word):
            return direction
    return None


def rating_of(text: str) -> Rating | None:
    bare = text.strip("。.!！")
    if bare in GRADES:
        return GRADES[bare]
    return next((rating for phrase, rating in RATING_PHRASES if phrase in text), None)


# --- step 4: classify --------------------------------------------------------------------------


def classify(original: str, text: str) -> IndicatorValue:
    figures, has_date = find_numbers(text)
    if len(figures) > 1:
        return IndicatorValue(original, ValueKind.QUALITATIVE, reason=REASON_MANY_NUMBERS)
    if len(figures) == 1:
        if len(text) > NARRATIVE_MIN_CHARS and _CLAUSE_PUNCTUATION.search(text):
            return IndicatorValue(original, ValueKind.QUALITATIVE, reason=REASON_LONG)
        figure = figures[0]
        operator, before = operator_of(text, figure)
        return IndicatorValue(
            original,
            ValueKind.QUANTITATIVE,
            number=figure.value,
            operator=operator,
            unit=figure.unit,
            direction=direction_of(before),
            upper=figure.upper,
        )
    rating = rating_of(text)
    if rating is not None:
        return IndicatorValue(
            original,
            ValueKind.QUALITATIVE,
            rating=rating,
            reason=REASON_RATING.format(rating=rating.value),
        )
    reason = REASON_DATE if has_date else _qualitative_reason(text)
    return IndicatorValue(original, ValueKind.QUALITATIVE, reason=reason)


def _qualitative_reason(text: str) -> str:
    for words, reason in QUALITATIVE_REASONS:
        if any(word in text for word in words):
            return reason
    return REASON_GENERIC


def parse_value(text: str | None) -> IndicatorValue:
    """Parse a target or an actual; never raises."""
    if text is None:
        return IndicatorValue("", ValueKind.EMPTY)
    try:
        normalised = normalise(text)
        if not normalised:
            return IndicatorValue(text, ValueKind.EMPTY)
        return classify(text, normalised)
    except (ValueError, ArithmeticError, InvalidOperation, IndexError, KeyError, TypeError):
        # A parser bug must not reach the user as a traceback; the value stays readable text.
        log.exception("could not parse indicator value %r", text)
        return IndicatorValue(text, ValueKind.QUALITATIVE, reason=REASON_UNREADABLE)
