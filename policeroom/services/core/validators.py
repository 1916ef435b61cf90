"""Pure validators and maskers for identity numbers, phones and names.

Everything here is free of I/O and Qt so it can be used by services, the CLI, importers and tests
alike. Invalid input raises :class:`policeroom.errors.ValidationError` with a message in plain
Chinese that the UI shows next to the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policeroom.errors import ValidationError
from policeroom.services.core import clock

__all__ = [
    "COMPOUND_SURNAMES",
    "ETHNICITIES",
    "IdNumberInfo",
    "id_check_char",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "normalize_phone",
    "parse_id_number",
]

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, as typed by Chinese input methods.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def _to_ascii(raw: str) -> str:
    """Map full-width digits, letters and punctuation to ASCII and strip surrounding whitespace."""
    return raw.translate(_FULLWIDTH).strip()


# --------------------------------------------------------------------------------------------
# Resident identity numbers (居民身份证号码, GB 11643-1999)
# --------------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# Province-level codes (GB/T 2260); 71 Taiwan, 81 Hong Kong, 82 Macao, 83 Taiwan residence permits.
_PROVINCE_CODES = frozenset(
    [*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66)]
    + [71, 81, 82, 83]
)
_EARLIEST_BIRTH = date(1880, 1, 1)
_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid resident identity number (居民身份证号码) says about its holder.

    Attributes:
        number: The canonical 18-character number, check character upper-case.
        birth_date: Date of birth encoded in positions 7-14.
        gender: ``"male"`` or ``"female"`` (odd or even 17th digit).
        area_code: The 6-digit administrative area code of first registration.
    """

    number: str
    birth_date: date
    gender: str
    area_code: str


def id_check_char(first17: str) -> str:
    """Compute the ISO 7064 MOD 11-2 check character of an identity number.

    Args:
        first17: The first 17 digits of the number.

    Returns:
        One of ``0``-``9`` or ``X``.

    Raises:
        ValueError: If ``first17`` is not exactly 17 ASCII digits (a programming error).
    """
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"expected 17 ASCII digits, got {first17!r}")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_id_number(raw: str, *, today: date | None = None, field: str = "id_number") -> IdNumberInfo:
    """Validate an 18-character resident identity number and decode it.

    Surrounding whitespace (also full-width) is ignored; full-width digits and a lower-case or
    full-width ``x`` are accepted and normalised.

    Args:
        raw: The number as typed or imported.
        today: Reference date for the "not in the future" check; defaults to ``clock.today()``.
        field: Field name reported in the :class:`ValidationError`.

    Returns:
        The decoded :class:`IdNumberInfo`.

    Raises:
        ValidationError: With a Chinese message naming the first problem found.
    """
    number = _to_ascii(raw).upper()
    if re.fullmatch(r"[0-9X][0-9X \-–—]*[0-9X]", number):  # typed in groups: 110105 19491231 002X
        number = re.sub(r"[ \-–—]", "", number)
    if not number:
        raise ValidationError(field, "请填写身份证号码")
    if len(number) == 15 and number.isascii() and number.isdigit():
        raise ValidationError(field, "15位旧号码已停用，请填写18位号码")
    if len(number) != 18:
        raise ValidationError(field, f"身份证号码应为18位，现在是{len(number)}位")
    if not _ID_PATTERN.fullmatch(number):
        if "X" in number[:17]:
            raise ValidationError(field, "身份证号码只有最后一位可以是 X")
        raise ValidationError(field, "身份证号码只能由数字组成，最后一位可以是 X")

    if int(number[:2]) not in _PROVINCE_CODES:
        raise ValidationError(field, f"地区码不正确：前两位“{number[:2]}”不是有效的省级代码")

    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    shown = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    try:
        birth = date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"出生日期 {shown} 不是有效日期") from None
    if birth > (today or clock.today()):
        raise ValidationError(field, f"出生日期 {shown} 晚于今天，请核对号码")
    if birth < _EARLIEST_BIRTH:
        raise ValidationError(field, f"出生日期 {shown} 早于1880年，请核对号码")

    # Deliberately not telling which check character is expected: it would help forge numbers
    # more than it helps to find a typo.
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(field, "校验位不正确，请逐位核对号码")

    gender = "male" if int(number[16]) % 2 else "female"
    return IdNumberInfo(number=number, birth_date=birth, gender=gender, area_code=number[:6])


def mask_id_number(n: str) -> str:
    """Mask an identity number for display: ``110105********002X``.

    Keeps the first 6 and last 4 characters of an 18-character number; other lengths keep the
    first 6 and last 4 when long enough, otherwise everything is starred.
    """
    s = _to_ascii(n).upper()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

_SERVICE_NUMBERS = frozenset({"110", "119", "120", "122"})
_GOV_HOTLINE = re.compile(r"123[0-9]{2}")  # 12345 and the other 123xx hotlines (12315, 12348 ...)
_FREEPHONE = re.compile(r"[48]00[0-9]{7}")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_EXT_KEYWORD = re.compile(r"转|分机|ext\.?|x|#", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-.()–—]+")
_INTL_PREFIX = "+86"

_AREA_CODE_HINT = "座机号码请加区号，如 010-12345678"


def _area_code_length(digits: str) -> int:
    """Length of the area code at the start of ``digits`` (which starts with 0), or 0 if invalid."""
    if digits.startswith("010") or re.match(r"02[0-9]", digits):
        return 3
    if re.match(r"0[3-9]", digits):
        return 4
    return 0


def _split_extension(s: str, field: str) -> tuple[str, str]:
    """Split a keyword-marked extension (转123, ext123, x123, #123, 分机123) off the end."""
    match = _EXT_KEYWORD.search(s)
    if match is None:
        return s, ""
    ext = match.string[match.end() :].strip(" :：-")
    if not re.fullmatch(r"[0-9]{1,6}", ext):
        raise ValidationError(field, "分机号应为1-6位数字，写在“转”后面，如 010-12345678转123")
    return s[: match.start()].strip(), ext


def _strip_country_code(compact: str, field: str) -> str:
    """Remove +86 / 0086 / 86 so that what remains is a domestic number."""
    if compact.startswith("+"):
        if not compact.startswith(_INTL_PREFIX):
            raise ValidationError(field, "暂只支持中国大陆电话号码（+86）")
        rest = compact[3:]
    elif compact.startswith("0086"):
        rest = compact[4:]
    elif len(compact) == 13 and _MOBILE.fullmatch(compact[2:]) and compact.startswith("86"):
        return compact[2:]
    else:
        return compact
    # After an international prefix a landline loses its trunk 0: +86 10 12345678, +86 755 ...
    if rest.startswith("10") or rest[:1] in tuple("23456789"):
        return "0" + rest
    return rest


def _landline(digits: str, groups: list[str], ext: str, field: str) -> str:
    """Canonical ``AREA-LOCAL[转EXT]`` for a landline whose digits start with 0."""
    area_len = _area_code_length(digits)
    if area_len == 0:
        raise ValidationError(field, f"区号“{digits[:4]}”不正确，区号应为 010、02X 或 0 加3位数字")
    area = digits[:area_len]
    # A third hyphen group after a complete AREA-LOCAL is an extension: 010-12345678-123.
    if (
        not ext
        and len(groups) == 3
        and groups[0] == area
        and len(groups[1]) in ((8,) if area_len == 3 else (7, 8))
        and 1 <= len(groups[2]) <= 6
    ):
        ext = groups[2]
        digits = area + groups[1]
    local = digits[area_len:]
    if area_len == 3 and len(local) != 8:
        raise ValidationError(field, f"区号 {area} 后面的号码应为8位，现在是{len(local)}位")
    if area_len == 4 and len(local) not in (7, 8):
        raise ValidationError(field, f"区号 {area} 后面的号码应为7或8位，现在是{len(local)}位")
    # Real local numbers never start with 0 or 1 either, but 010-12345678 is the example every
    # form (and our own hint) shows, so only the leading 0 (a repeated trunk prefix) is refused.
    if local[0] == "0":
        raise ValidationError(field, "座机号码（区号后面的部分）不能以0开头，请勿重复填写区号")
    return f"{area}-{local}" + (f"转{ext}" if ext else "")


def normalize_phone(raw: str, *, field: str = "phone") -> str:
    """Validate a phone number and return the canonical form stored in the database.

    Canonical forms: mobile ``13800138000``; landline ``010-12345678``, ``0755-1234567``,
    ``010-12345678转123``; service numbers ``110``, ``12345``; freephone ``400-123-4567``.
    Spaces, hyphens, dots, parentheses, full-width characters and a +86 / 0086 / 86 prefix are
    accepted on input. Empty input is an error: optional fields are the caller's business.

    Args:
        raw: The number as typed or imported.
        field: Field name reported in the :class:`ValidationError`.

    Returns:
        The canonical phone number.

    Raises:
        ValidationError: With a Chinese message saying what is wrong.
    """
    s = _to_ascii(raw)
    if not s:
        raise ValidationError(field, "请填写电话号码")
    body, ext = _split_extension(s, field)
    compact = _SEPARATORS.sub("", body)
    if not re.fullmatch(r"\+?[0-9]+", compact):
        raise ValidationError(field, "电话号码只能包含数字，可用空格或“-”分隔")
    groups = re.findall(r"[0-9]+", body)
    if len(groups) > 1 and groups[0] == "86" and not body.lstrip().startswith("0"):
        compact = "+" + compact.lstrip("+")  # 86-755-23456789 is +86 755 23456789
    digits = _strip_country_code(compact, field)
    had_prefix = digits != compact

    if digits.startswith("0"):
        if had_prefix:
            groups = []  # the groups no longer line up with the digits
        return _landline(digits, groups, ext, field)

    if not had_prefix and (digits in _SERVICE_NUMBERS or _GOV_HOTLINE.fullmatch(digits)):
        if ext:
            raise ValidationError(field, "服务号码不能带分机号")
        return digits
    if not had_prefix and _FREEPHONE.fullmatch(digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" + (f"转{ext}" if ext else "")
    if not had_prefix and len(digits) in (7, 8):
        raise ValidationError(field, _AREA_CODE_HINT)
    if digits.startswith("1"):
        if len(digits) != 11:
            raise ValidationError(field, f"手机号码应为11位，现在是{len(digits)}位")
        if not _MOBILE.fullmatch(digits):
            raise ValidationError(field, "手机号码第二位应为3-9，请核对")
        if ext:
            raise ValidationError(field, "手机号码不能带分机号")
        return digits
    raise ValidationError(field, "无法识别的电话号码：手机请填11位，座机请加区号，如 010-12345678")


def mask_phone(p: str) -> str:
    """Mask a phone number for display.

    Mobiles become ``138****0000``; landlines keep the area code and hide the first four digits of
    the local number (``010-****5678``, ``0755-****567``); public service and 400/800 numbers are
    shown unchanged. Anything unparseable keeps only its first and last two characters.
    """
    try:
        canonical = normalize_phone(p)
    except ValidationError:
        s = _to_ascii(p)
        return s[:2] + "*" * (len(s) - 4) + s[-2:] if len(s) > 4 else "*" * len(s)
    if _MOBILE.fullmatch(canonical):
        return canonical[:3] + "****" + canonical[7:]
    if canonical.startswith("0"):
        area, _, rest = canonical.partition("-")
        local, sep, ext = rest.partition("转")
        return f"{area}-****{local[4:]}{sep}{ext}"
    return canonical


# --------------------------------------------------------------------------------------------
# Names and ethnicities
# --------------------------------------------------------------------------------------------

#: Common two-character surnames (复姓) kept whole when masking or romanising names.
COMPOUND_SURNAMES: tuple[str, ...] = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
    "慕容", "长孙", "令狐", "司徒", "夏侯", "万俟", "澹台", "宇文",
)  # fmt: skip

_NAME_SEPARATORS = frozenset("·•・‧. -")


def mask_name(name: str) -> str:
    """Mask a person's name for display, keeping the surname: 张三 → 张某, 欧阳娜娜 → 欧阳某某.

    Separators in transliterated names are kept (买买提·艾力 → 买某某·某某).
    """
    s = name.strip()
    if len(s) <= 1:
        return s
    keep = 2 if len(s) > 2 and s[:2] in COMPOUND_SURNAMES else 1
    masked = (ch if ch in _NAME_SEPARATORS else "某" if ch >= "\u2e80" else "*" for ch in s[keep:])
    return s[:keep] + "".join(masked)


#: The 56 ethnic groups (民族) in GB/T 3304 code order, 01 汉族 to 56 基诺族.
ETHNICITIES: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族",
    "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族",
    "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族",
    "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族",
    "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族",
    "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)  # fmt: skip
