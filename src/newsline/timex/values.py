"""Value functions: turn a rule's partly specified value into a TIMEX3 value.

Rules name a function (``fn``) and its arguments, already normalized by the language data
(month numbers, unit codes, counts). The functions know calendars, not languages: they fix
the value against the document creation time (DCT), the tense around the expression and
the date in focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newsline.timex.calendar import easter, nth_weekday, render, shift, valid_day
from newsline.timex.numbers import format_number

_LEADING_DIGITS = re.compile(r"-?\d+")


@dataclass
class Context:
    """What a value is resolved against."""

    dct: date | None
    future: bool = False
    past: bool = False
    focus: date | None = None
    focus_grain: str = "D"
    focus_bc: int | None = None  # the year in focus when it is before Christ (241 for 241 BC)
    narrative: bool = False  # underspecified dates count from the date in focus, not the DCT


@dataclass
class Result:
    """A resolved value; ``type``/``quant``/``freq`` override the rule's when set."""

    value: str
    type: str | None = None
    quant: str | None = None
    freq: str | None = None


ValueFn = Callable[[dict[str, Any], Context], Result | None]
FUNCTIONS: dict[str, ValueFn] = {}
PARAMETERS: dict[str, frozenset[str]] = {}


def value_fn(name: str, *parameters: str) -> Callable[[ValueFn], ValueFn]:
    """Register a value function under ``name`` (the rule's ``fn``) with the arguments it
    reads; the grammar loader refuses a rule that names another function or argument."""

    def register(fn: ValueFn) -> ValueFn:
        FUNCTIONS[name] = fn
        PARAMETERS[name] = frozenset(parameters)
        return fn

    return register


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value  # exact, however long
    try:
        return int(float(value))
    except (TypeError, ValueError):
        digits = _LEADING_DIGITS.match(str(value))  # "4th" -> 4
        return int(digits.group()) if digits else None


def _year(raw: Any, ctx: Context) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a spelled number ("the year two thousand")
    text = str(raw).strip().lstrip("'’").replace(",", "") if raw is not None else ""
    if not text.isdigit() or len(text) > 4:
        return None  # a year of more than four digits is not a calendar year we can write
    year = int(text)
    if len(text) == 2:
        pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
        year += 1900 if year > pivot else 2000
    return year


def _offset(args: dict[str, Any]) -> int | None:
    amount = args.get("offset", 0)
    count = args.get("n")
    sign = _int(args.get("sign", 1)) or 1
    if count is not None:
        number = _int(count)
        if number is None:
            return None
        return sign * number
    return _int(amount)


def _year_for(month: int, day_: int | None, ctx: Context) -> int:
    """The year of a month (and day) given without one.

    The next occurrence in a future clause; in a past clause the last one, unless the next
    one is much nearer (a past cue is weak evidence); otherwise the one nearest the DCT.
    """
    assert ctx.dct is not None
    here = (ctx.dct.month, ctx.dct.day if day_ is not None else 0)
    there = (month, day_ or 0)
    if there == here or (day_ is None and month == ctx.dct.month):
        return ctx.dct.year
    back_year = ctx.dct.year if there < here else ctx.dct.year - 1
    ahead_year = back_year + 1
    if ctx.future:
        return ahead_year
    anchor = date(2001, ctx.dct.month, min(ctx.dct.day, 28) if day_ is not None else 15)
    there_day = date(2001, month, min(day_ or 15, 28))
    back = (anchor - there_day).days % 365
    ahead = 365 - back
    if ctx.past:
        return ahead_year if ahead * 3 < back else back_year
    return ahead_year if ahead * 3 < back * 2 else back_year


def _day_in_focus_month(day_: int, ctx: Context) -> Result | None:
    """Day ``day_`` of the month in focus ("April 24 and 25": the 25th of that April)."""
    focus = ctx.focus
    if focus is None or ctx.focus_grain not in ("D", "M"):
        return None
    if not valid_day(focus.year, focus.month, day_):
        return None
    return Result(f"{focus.year:04d}-{focus.month:02d}-{day_:02d}")


def _decade_year(two_digits: int, ctx: Context) -> int:
    """The first year of a decade said in two digits ("the '80s"): the latest such decade
    that has begun by the DCT or begins within two years of it ("the '20s" in 2025 are the
    2020s, "the '30s" the 1930s; "the '90s" in 1989 the 1990s)."""
    now = ctx.dct.year if ctx.dct else 2000
    year = now // 100 * 100 + two_digits
    if year > now + 2 and year >= 100:  # never before year 0 (a DCT in the first century)
        year -= 100
    elif year + 100 <= now + 2:
        year += 100
    return year


def _shifted_year(month: int, day_: int | None, shift_year: int, dct: date) -> int:
    """The year of "this" (0), "last" (<0) or "next" (>0) month: strictly before or after."""
    if shift_year == 0:
        return dct.year
    here = (dct.month, dct.day if day_ is not None else 0)
    there = (month, day_ or 0)
    if shift_year < 0:
        return dct.year if there < here else dct.year - 1
    return dct.year if there > here else dct.year + 1


def _pod(base: str, args: dict[str, Any]) -> Result:
    pod = args.get("pod")
    return Result(f"{base}T{pod}", type="TIME") if pod else Result(base)


_PERIOD_GRAINS = ("Q", "H")
_PERIOD_UNITS = ("Y", "Q", "H")


def _anchor(args: dict[str, Any], ctx: Context, grain: str) -> tuple[date | None, str]:
    """The date a relative expression counts from, and the grain of its value.

    ``anchor = "focus"``: the date in focus; ``"period"``: the period in focus when it is a
    quarter or half (a year-ago comparison of results), else the DCT; ``"focus_day"``: the
    day in focus when the focus is a day (a clock time in a story about that day).
    """
    anchor = args.get("anchor")
    if anchor == "period" and ctx.focus and ctx.focus_grain in _PERIOD_GRAINS:
        return ctx.focus, ctx.focus_grain
    if anchor == "period" and grain == "Q" and ctx.dct is not None:
        return shift(ctx.dct, "Q", -1), grain  # the quarter just reported, as "the quarter"
    if anchor == "story":  # "the end of the decade": the story's time, or the DCT's
        return (ctx.focus if ctx.narrative and ctx.focus else ctx.dct), grain
    if anchor == "focus_day":
        return (ctx.focus if ctx.focus and ctx.focus_grain == "D" else ctx.dct), grain
    if anchor == "focus" and ctx.focus:
        return ctx.focus, grain
    if anchor == "focus_grain" and ctx.focus:
        return ctx.focus, ctx.focus_grain  # "the same period a year earlier"
    return ctx.dct, grain


@value_fn("literal", "value")
def literal(args: dict[str, Any], ctx: Context) -> Result | None:
    """A fixed value, e.g. PRESENT_REF."""
    return Result(str(args["value"])) if args.get("value") else None


@value_fn("date", "year", "month", "day", "decade", "century", "year_century", "year_offset",
          "shift", "anchor", "grain", "pod", "era", "fiscal")
def calendar_date(args: dict[str, Any], ctx: Context) -> Result | None:
    """A calendar date from year, month, day, decade or century; missing years from the DCT
    (news) or from the date in focus (narrative). ``era`` BC or AD: a year of any length
    before or after Christ (BC0241, 0079); ``fiscal``: a fiscal year (FY2027)."""
    if args.get("era"):
        return _era_date(args, ctx)
    if args.get("fiscal"):
        year = _year(args.get("year"), ctx)
        return Result(f"FY{year:04d}") if year is not None else None
    if args.get("decade") is not None:
        digits = "".join(ch for ch in str(args["decade"]) if ch.isdigit())
        year = _decade_year(int(digits), ctx) if len(digits) == 2 else _year(digits, ctx)
        if year is None:
            return None
        return Result(f"{year // 10:03d}")
    if args.get("century") is not None:
        number = _int(args["century"])
        return Result(f"{number - 1:02d}") if number else None
    month = _int(args.get("month"))
    day_ = _int(args.get("day"))
    if args.get("year_century") is not None:
        return _spelled_year(args)
    year = _year(args["year"], ctx) if args.get("year") is not None else None
    if year is None and args.get("year_offset") is not None and ctx.dct is not None:
        year = ctx.dct.year + (_int(args["year_offset"]) or 0)
    if year is None and args.get("year") is not None:
        return None
    if month is None and day_ is not None and args.get("anchor") == "focus":
        return _day_in_focus_month(day_, ctx)
    if month is None:
        return Result(f"{year:04d}") if year is not None else None
    shift_year = _int(args.get("shift"))
    if year is None and shift_year is not None and ctx.dct is not None:
        year = _shifted_year(month, day_, shift_year, ctx.dct)
    if year is None and ctx.narrative and ctx.focus_bc is not None:
        return _bc_date(ctx.focus_bc, month, day_)
    if year is None and _in_story(ctx):
        year = _story_year(month, day_, ctx)
    if year is None:
        if ctx.dct is None:
            year_text = "XXXX"
            if day_ is None:
                return Result(f"XXXX-{month:02d}")
            return _pod(f"{year_text}-{month:02d}-{day_:02d}", args)
        year = _year_for(month, day_, ctx)
    if day_ is None:
        return Result(f"{year:04d}-{month:02d}")
    if not valid_day(year, month, day_):
        return None
    if args.get("grain"):
        return Result(render(date(year, month, day_), str(args["grain"])))
    return _pod(f"{year:04d}-{month:02d}-{day_:02d}", args)


def _in_story(ctx: Context) -> bool:
    """A narrative date without a year is in the story's time (the date in focus), unless
    its clause looks forward from the writer's present ("a summit set for April")."""
    return ctx.narrative and ctx.focus is not None and not (ctx.future and ctx.dct)


def _story_year(month: int, day_: int | None, ctx: Context) -> int:
    """The year of a month (and day) without one in a narrative: the year in focus, or the
    next one when the story has reached a later month and the next occurrence is nearer
    ("In December 1940 ... In January" is January 1941)."""
    focus = ctx.focus
    assert focus is not None
    if ctx.focus_grain not in ("D", "M"):
        return focus.year
    here = date(2001, focus.month, min(focus.day, 28) if ctx.focus_grain == "D" else 1)
    there = date(2001, month, min(day_ or 1, 28))
    if there >= here:
        return focus.year
    back = (here - there).days
    return focus.year + 1 if 365 - back < back else focus.year


def _era_year(raw: Any) -> int | None:
    """A year of one to four digits written with an era (241 BC, AD 79)."""
    text = str(raw).strip().replace(",", "") if raw is not None else ""
    if isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    if not text.isdigit() or len(text) > 4 or int(text) == 0:
        return None
    return int(text)


def _bc_date(year: int, month: int | None = None, day_: int | None = None) -> Result:
    value = f"BC{year:04d}"
    if month is not None:
        value += f"-{month:02d}"
        if day_ is not None:
            value += f"-{day_:02d}"
    return Result(value)


def _era_date(args: dict[str, Any], ctx: Context) -> Result | None:
    """A year, decade or century before (BC) or after (AD) Christ."""
    bc = str(args["era"]).upper() == "BC"
    prefix = "BC" if bc else ""
    if args.get("century") is not None:
        number = _int(args["century"])
        return Result(f"{prefix}{number - 1:02d}") if number and number < 100 else None
    if args.get("decade") is not None:
        digits = "".join(ch for ch in str(args["decade"]) if ch.isdigit())
        if not digits or len(digits) > 4 or int(digits) % 10:
            return None
        return Result(f"{prefix}{int(digits) // 10:03d}")
    year = _era_year(args.get("year"))
    if year is None:
        return None
    month, day_ = _int(args.get("month")), _int(args.get("day"))
    if day_ is not None and (month is None or not 1 <= day_ <= 31):
        return None
    if bc:
        return _bc_date(year, month, day_)
    if day_ is not None and month is not None and not valid_day(year, month, day_):
        return None
    return Result(_bc_date(year, month, day_).value.removeprefix("BC"))


def _spelled_year(args: dict[str, Any]) -> Result | None:
    """A year said as two numbers ("nineteen ninety-six"): century part and the rest."""
    century, rest = _int(args.get("year_century")), _int(args.get("year"))
    if century is None or rest is None or not 0 <= rest < 100:
        return None
    return Result(f"{century * 100 + rest:04d}")


@value_fn("weekday", "day", "offset", "pod")
def weekday(args: dict[str, Any], ctx: Context) -> Result | None:
    """A named weekday: the one before the DCT in past contexts, after it in future ones."""
    target = _int(args.get("day"))
    if target is None:
        return None
    # A weekday in a dated text is one of the reporting week's ("died on Tuesday"), even in
    # a narrative; only a text without a DCT counts it from the day in focus.
    if ctx.dct is None and _in_story(ctx) and ctx.focus_grain == "D" and (
            args.get("offset") is None):
        delta = (target - ctx.focus.isoweekday()) % 7  # the story moves forward
        return _pod((ctx.focus + timedelta(days=delta)).isoformat(), args)
    if ctx.dct is None:
        return Result(f"XXXX-WXX-{target}")
    explicit = _int(args.get("offset"))
    today = ctx.dct.isoweekday()
    if explicit is None:
        delta = (target - today) % 7 if ctx.future else -((today - target) % 7)
    elif explicit < 0:
        delta = -((today - target) % 7 or 7)
    elif explicit > 0:
        delta = (target - today) % 7 or 7
    else:
        delta = target - today
    return _pod((ctx.dct + timedelta(days=delta)).isoformat(), args)


@value_fn("rel", "unit", "offset", "n", "sign", "grain", "anchor", "pod")
def relative(args: dict[str, Any], ctx: Context) -> Result | None:
    """A period ``offset`` units from the DCT (or the date in focus), at the unit's grain."""
    unit = str(args.get("unit"))
    offset = _offset(args)
    if offset is None:
        return None
    grain = str(args.get("grain", unit))
    if ctx.focus_bc is not None and args.get("anchor") == "focus":
        return _bc_shift(ctx.focus_bc, unit, offset)
    base, grain = _anchor(args, ctx, grain)
    if base is None:
        return _unanchored(offset, grain, args)
    try:
        value = render(shift(base, unit, offset), grain)
    except (ValueError, OverflowError):
        return None
    return _pod(value, args)


_UNKNOWN = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX",
            "H": "XXXX-HX", "DE": "XXX", "CE": "XX", "WE": "XXXX-WXX-WE"}


def _unanchored(offset: int, grain: str, args: dict[str, Any]) -> Result | None:
    """A relative date with nothing to count from (no DCT, nothing in focus): the present
    for "today" or "this year", else the value's shape with unknown digits."""
    if offset == 0 and args.get("anchor") not in ("focus", "focus_day"):
        return Result("PRESENT_REF")
    unknown = _UNKNOWN.get(grain)
    return _pod(unknown, args) if unknown else None


def _bc_shift(year_bc: int, unit: str, offset: int) -> Result | None:
    """A year-grained shift from a year before Christ (there is no year 0)."""
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    if years is None:
        return None
    year = -year_bc + 1 + offset * years  # astronomical numbering: 1 BC is year 0
    if year <= 0:
        bc = 1 - year
        if unit == "DE":
            return Result(f"BC{bc // 10:03d}")
        if unit == "CE":
            return Result(f"BC{(bc - 1) // 100:02d}")
        return Result(f"BC{bc:04d}")
    return Result(render(date(year, 1, 1), unit))


@value_fn("weekend")
def weekend(args: dict[str, Any], ctx: Context) -> Result | None:
    """"The weekend": the one just past in a past clause, or on Monday to Wednesday without a
    cue ("over the weekend" in a Monday paper); else the coming one (or this one, on Sat/Sun)."""
    if ctx.dct is None:
        return Result("XXXX-WXX-WE")
    day = ctx.dct.isoweekday()
    if day < 6 and (ctx.past or (not ctx.future and day <= 3)):
        return Result(render(shift(ctx.dct, "W", -1), "WE"))
    return Result(render(ctx.dct, "WE"))


@value_fn("ago", "n", "unit", "sign", "anchor", "grain")
def ago(args: dict[str, Any], ctx: Context) -> Result | None:
    """``n`` units before (or after, sign=1) the DCT; vague counts become PAST_REF/FUTURE_REF."""
    count = args.get("n")
    sign = _int(args.get("sign", -1)) or -1
    if count in (None, "X"):
        return Result("PAST_REF" if sign < 0 else "FUTURE_REF")
    number = _int(count)
    unit = str(args.get("unit"))
    if args.get("anchor") == "period" and unit not in _PERIOD_UNITS:
        args = {**args, "anchor": None}  # "a month ago" is a month, not a quarter
    if ctx.focus_bc is not None and args.get("anchor") == "focus" and number is not None:
        return _bc_shift(ctx.focus_bc, unit, sign * number)
    base, grain = _anchor(args, ctx, str(args.get("grain", unit)))
    if base is None and number is not None:
        return _unanchored(sign * number, grain, args)
    if number is None or base is None:
        return None
    if unit in ("TH", "TM", "TS"):
        return None
    try:
        return Result(render(shift(base, unit, sign * number), grain))
    except (ValueError, OverflowError):
        return None


_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH"),
            "TH": (60, "TM"), "TM": (60, "TS")}
_SCALED = {"DE": (10, "Y"), "CE": (100, "Y"), "H": (6, "M"), "WE": (2, "D"),
           "FN": (2, "W")}


_COMPOUND = ("Y", "M", "D", "TH", "TM")


def _compound(whole: int, unit: str, rest: int, smaller: str) -> str:
    """Two-unit duration value: 5 1/2 hours is PT5H30M, a year and a half P1Y6M."""
    date_part = "".join(f"{n}{u}" for n, u in ((whole, unit), (rest, smaller))
                        if not u.startswith("T"))
    time_part = "".join(f"{n}{u[1]}" for n, u in ((whole, unit), (rest, smaller))
                        if u.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def duration_value(count: Any, unit: str) -> str | None:
    """``P``/``PT`` value for ``count`` units (count "X" for an unspecified number)."""
    if count == "X" or count is None:
        if unit in _SCALED and unit not in ("DE", "CE", "Q"):
            unit = _SCALED[unit][1]
        code = {"TH": "H", "TM": "M", "TS": "S"}.get(unit, unit)
        return f"PTX{code}" if unit.startswith("T") else f"PX{code}"
    try:
        number = count if isinstance(count, int) else float(count)  # ints stay exact
    except (TypeError, ValueError):
        return None
    if unit in _SCALED:
        factor, unit = _SCALED[unit]
        number *= factor
    if unit == "W" and number != int(number):
        number, unit = number * 7, "D"
    if number > 1 and number != int(number) and unit in _COMPOUND:
        factor, smaller = _SMALLER[unit]
        rest = (number - int(number)) * factor
        if rest == int(rest):
            return _compound(int(number), unit, int(rest), smaller)
    given = number, unit
    for _step in range(2):  # half an hour is PT30M; 3.3 years stays P3.3Y
        if number == int(number) or unit not in _SMALLER:
            break
        factor, unit = _SMALLER[unit]
        number *= factor
    if number != int(number):
        number, unit = given
    text = format_number(number)
    if unit.startswith("T"):
        return f"PT{text}{unit[1]}"
    return f"P{text}{unit}"


@value_fn("duration", "n", "unit", "half")
def duration(args: dict[str, Any], ctx: Context) -> Result | None:
    """A length of time: ``n`` (a count or X) units, plus a half when ``half`` is set."""
    count = args.get("n", 1)
    if args.get("half") and count not in (None, "X"):
        count = float(count) + 0.5
    value = duration_value(count, str(args.get("unit")))
    return Result(value) if value else None


@value_fn("elapsed", "hours", "minutes", "seconds")
def elapsed(args: dict[str, Any], ctx: Context) -> Result | None:
    """A stopwatch reading such as a race time, 2:03:38: hours, minutes and seconds."""
    parts = [_int(args.get(key)) for key in ("hours", "minutes", "seconds")]
    if any(part is None for part in parts):
        return None
    hours, minutes, seconds = parts
    return Result(f"PT{hours}H{minutes}M{seconds}S", type="DURATION")


@value_fn("set", "n", "unit", "value", "value_prefix", "season", "month", "day", "pod", "quant",
          "freq")
def recurrence(args: dict[str, Any], ctx: Context) -> Result | None:
    """A recurring time: every ``n`` units, or a fixed pattern value such as XXXX-WXX-2."""
    if args.get("season"):
        value = f"XXXX-{args['season']}"
    elif args.get("month") is not None:
        value = f"XXXX-{_int(args['month']):02d}"
    elif args.get("day") is not None:
        value = f"XXXX-WXX-{_int(args['day'])}"
        if args.get("pod"):
            value += f"T{args['pod']}"
    elif args.get("value_prefix"):
        value = f"{args['value_prefix']}T{args['pod']}"
    elif args.get("value"):
        value = str(args["value"])
    else:
        value = duration_value(args.get("n", 1), str(args.get("unit")))
        if value is None:
            return None
    return Result(value, quant=args.get("quant"), freq=args.get("freq"))


@value_fn("quarter", "n", "unit", "year", "year_offset", "offset")
def quarter(args: dict[str, Any], ctx: Context) -> Result | None:
    """Quarter or half ``n`` of a year (given, or the latest one the DCT allows)."""
    number = _int(args.get("n"))
    unit = str(args.get("unit", "Q"))
    if number is None and ctx.dct is not None and unit == "Q":
        number = (ctx.dct.month - 1) // 3 or 4  # the latest completed quarter
    if number is None:
        return None
    year = _year(args["year"], ctx) if args.get("year") is not None else None
    if year is None and _in_story(ctx):
        year = ctx.focus.year + (_int(args.get("year_offset")) or 0)
    if year is None:
        if ctx.dct is None:
            return Result(f"XXXX-{unit}{number}")
        current = (ctx.dct.month - 1) // (3 if unit == "Q" else 6) + 1
        year = ctx.dct.year
        if args.get("year_offset") is not None:
            year += _int(args["year_offset"]) or 0
        elif number > current and not ctx.future:
            year -= 1
        year += _int(args.get("offset")) or 0
    return Result(f"{year:04d}-{unit}{number}")


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@value_fn("season", "season", "year", "offset", "anchor")
def season(args: dict[str, Any], ctx: Context) -> Result | None:
    """A season (SP, SU, FA, WI) of a given year, the DCT's, or one ``offset`` years off."""
    code = args.get("season")
    if not code:
        return None
    if args.get("anchor") == "focus":
        return _season_from(code, ctx.focus or ctx.dct, _int(args.get("offset")) or 0)
    year = _year(args["year"], ctx) if args.get("year") is not None else None
    if year is None and _in_story(ctx) and args.get("offset") is None:
        year = ctx.focus.year
    if year is None:
        if ctx.dct is None:
            return Result(f"XXXX-{code}")
        year = ctx.dct.year
        starts = _SEASON_START.get(str(code), ctx.dct.month)
        offset = _int(args.get("offset"))
        if offset is not None and offset < 0:
            year -= 0 if starts + 3 <= ctx.dct.month else 1
        elif offset is not None and offset > 0:
            year += 0 if starts > ctx.dct.month else 1
        elif offset is None and ctx.future and starts < ctx.dct.month:
            year += 1
        elif offset is None and ctx.past and starts > ctx.dct.month:
            year -= 1
    return Result(f"{year:04d}-{code}")


def _season_from(code: Any, base: date | None, offset: int) -> Result:
    """The season ``offset`` seasons of that name after (or before) the date ``base``: "that
    spring" (0), "the following spring" (1), "the previous winter" (-1)."""
    if base is None:
        return Result(f"XXXX-{code}")
    starts = _SEASON_START.get(str(code), base.month)
    year = base.year
    if offset > 0:
        year += (0 if starts > base.month else 1) + offset - 1
    elif offset < 0:
        year -= (0 if starts + 3 <= base.month else 1) - offset - 1
    elif starts == 12 and base.month <= 2:
        year -= 1  # "that winter" said of a January: the winter that began in December
    return Result(f"{year:04d}-{code}")


@value_fn("holiday", "name", "year")
def holiday(args: dict[str, Any], ctx: Context) -> Result | None:
    """A holiday given as MM-DD, month:weekday:n (nth weekday) or 'easter[+/-days]'."""
    rule = str(args.get("name") or "")
    year = _year(args["year"], ctx) if args.get("year") is not None else None
    if year is None and _in_story(ctx):
        year = ctx.focus.year
    if year is None:
        if ctx.dct is None:
            return None
        found = [_holiday_date(rule, ctx.dct.year + k) for k in (-1, 0, 1)]
        days = [d for d in found if d is not None]
        if ctx.future:
            days = [d for d in days if d >= ctx.dct] or days
        elif ctx.past:
            days = [d for d in days if d <= ctx.dct] or days
        if not days:
            return None
        return Result(min(days, key=lambda d: abs((d - ctx.dct).days)).isoformat())
    day_ = _holiday_date(rule, year)
    return Result(day_.isoformat()) if day_ else None


def _holiday_date(rule: str, year: int) -> date | None:
    try:
        if rule.startswith("easter"):
            day_ = easter(year) + timedelta(days=int(rule[6:] or 0))
        elif ":" in rule:
            month, weekday_, n = (int(x) for x in rule.split(":"))
            day_ = nth_weekday(year, month, weekday_, n)
        else:
            month, dom = (int(x) for x in rule.split("-"))
            day_ = date(year, month, dom)
    except ValueError:
        return None
    return day_


@value_fn("clock", "hour", "minute", "ampm", "day", "month", "dom", "zone", "offset")
def clock(args: dict[str, Any], ctx: Context) -> Result | None:
    """A clock time (hour, minute, am/pm) on the DCT's day or a weekday's date."""
    hour = _int(args.get("hour"))
    minute = _int(args.get("minute")) or 0
    if hour is None or not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    half = str(args.get("ampm") or "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if args.get("month") is not None:
        base = calendar_date({"month": args["month"], "day": args.get("dom")}, ctx)
        day_text = base.value if base else "XXXX-XX-XX"
    elif args.get("day") is not None:
        base = weekday({"day": args["day"]}, ctx)
        day_text = base.value if base else "XXXX-XX-XX"
    else:
        base, _grain = _anchor({"anchor": "focus_day"}, ctx, "D")
        day_text = base.isoformat() if base else "XXXX-XX-XX"
    return Result(f"{day_text}T{hour:02d}:{minute:02d}{_zone(args)}", type="TIME")


_OFFSET = re.compile(r"([+-−])\s*(\d{1,2})(?::?(\d\d))?$")


def _zone(args: dict[str, Any]) -> str:
    """The ISO 8601 zone of a clock time: ``zone`` as the language data gives it (Z, -05),
    or ``offset``, a written offset such as GMT+8 or UTC-03:30."""
    if args.get("zone"):
        return str(args["zone"])
    match = _OFFSET.search(str(args.get("offset") or ""))
    if not match:
        return ""
    sign = "-" if match.group(1) in "-−" else "+"
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return ""
    if hours == minutes == 0:
        return "Z"
    return f"{sign}{hours:02d}" + (f":{minutes:02d}" if minutes else "")


_LONG_YEAR = re.compile(r"(?:BC|FY)?\d{5}")


def resolve(args: dict[str, Any], ctx: Context) -> Result | None:
    """Run the value function the rule names; None for a value TIMEX3 cannot hold (a year
    of more than four digits, reached by counting past 9999)."""
    fn = FUNCTIONS.get(str(args.get("fn")))
    if fn is None:
        raise KeyError(f"unknown value function {args.get('fn')!r}")
    result = fn(args, ctx)
    if result is not None and _LONG_YEAR.match(result.value):
        return None
    return result
