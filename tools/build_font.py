"""Build the shipped UI/PDF font ``resources/fonts/PoliceroomSans.ttf``.

The font is a subset of WenQuanYi Micro Hei (文泉驿微米黑, face 0 of the Debian
``fonts-wqy-microhei`` TTC). It has TrueType (``glyf``) outlines, so one file serves both Qt
(``QFontDatabase.addApplicationFont``) and reportlab (``TTFont``), which cannot read CFF outlines.

The subset keeps the whole CJK Unified Ideographs block (U+4E00-9FFF) rather than GB2312 only,
because residents' names use characters such as 喆 堃 昇 赟. The family is renamed to
"Policeroom Sans" so it never clashes with an installed WenQuanYi, and localized (Chinese) family
names are dropped for the same reason.

Usage::

    python tools/build_font.py                  # build with the defaults below
    python tools/build_font.py --measure        # also report the size without hinting
    python tools/build_font.py --drop-hinting   # drop the TrueType instructions

Hinting is kept by default: dropping it saves only about 16 kB (0.5 %) of 3 MB, measured with
``--measure``, while the hinted Latin glyphs (from Droid Sans) look crisper on Windows at 13-14 px.

The output is deterministic (the source's ``head`` timestamps are kept), so rebuilding without
changes gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_TTC = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SOURCE_COPYRIGHT = Path("/usr/share/doc/fonts-wqy-microhei/copyright")
APACHE_LICENSE = Path("/usr/share/common-licenses/Apache-2.0")
OUTPUT_FONT = REPO_ROOT / "resources" / "fonts" / "PoliceroomSans.ttf"
OUTPUT_LICENSE = REPO_ROOT / "resources" / "fonts" / "PoliceroomSans-LICENSE.txt"

FAMILY = "Policeroom Sans"
POSTSCRIPT_NAME = "PoliceroomSans-Regular"
SOURCE_FAMILY = "WenQuanYi Micro Hei"

#: Inclusive code point ranges kept in the subset.
UNICODE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (× ÷ ± · ¥ ...)
    (0x2000, 0x206F),  # General Punctuation (“ ” — … ※ ...)
    (0x2190, 0x2193),  # ← ↑ → ↓
    (0x2460, 0x2473),  # ① - ⑳
    (0x2500, 0x257F),  # Box Drawing (─ │ ┌ ...)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (、。《》【】 ...)
    (0x3105, 0x3129),  # Bopomofo (注音符号, part of GB2312)
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (whole block, not GB2312 only)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，：；（）￥ ...)
)
#: Single characters often typed in forms and reports, and pinyin vowels with tone marks.
EXTRA_CHARACTERS = "・℃№√○●□■△▲★☆" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňḿ"

#: OS/2 code page bits: Latin 1, Chinese Simplified (GB2312), Chinese Traditional (Big5).
#: Qt on Windows derives a font's writing systems from these bits; without bit 18 it would not
#: consider the font for Simplified Chinese text. Set explicitly rather than trusting the
#: subsetter's pruning, which tests for single marker characters.
CODE_PAGE_BITS = frozenset({0, 18, 20})

#: Characters that must be in the output; the build fails otherwise.
REQUIRED_CHARACTERS = "张喆堃昇赟、。《》“”×・─→←①⑳社区警务室保存" + "".join(
    chr(c) for c in range(0x20, 0x7F)
)


def wanted_codepoints() -> set[int]:
    """Return every code point the subset should keep (if the source font has it)."""
    codepoints = {c for start, end in UNICODE_RANGES for c in range(start, end + 1)}
    codepoints.update(ord(ch) for ch in EXTRA_CHARACTERS)
    return codepoints


def load_source(path: Path = SOURCE_TTC, index: int = 0) -> TTFont:
    """Load face ``index`` of the source collection and check it has TrueType outlines.

    Raises:
        SystemExit: If the face has CFF outlines, which reportlab cannot embed.
    """
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
    if "glyf" not in font or "CFF " in font or "CFF2" in font:
        raise SystemExit(f"{path}#{index} has no TrueType glyf outlines (tables: {sorted(font.keys())})")
    return font


def subset_font(font: TTFont, *, keep_hinting: bool) -> TTFont:
    """Subset ``font`` in place to :func:`wanted_codepoints` and return it."""
    options = subset.Options()
    options.hinting = keep_hinting
    options.notdef_outline = True  # a visible box for a missing character beats a blank
    options.name_IDs = ["*"]  # keep copyright, licence and URL records
    options.name_languages = [0x0409]  # drop the localized 文泉驿微米黑 names
    options.name_legacy = False  # Windows-platform names only
    options.layout_features = ["*"]  # vertical forms (vert), fullwidth punctuation ...
    options.drop_tables += ["FFTM"]  # FontForge timestamp: useless and unsubsettable
    subsetter = subset.Subsetter(options)
    present = set(font.getBestCmap())
    subsetter.populate(unicodes=sorted(wanted_codepoints() & present))
    subsetter.subset(font)
    return font


def rename(font: TTFont) -> None:
    """Rename the family to :data:`FAMILY` and record the modification (Apache-2.0 section 4b).

    Also sets the OS/2 code page bits to :data:`CODE_PAGE_BITS`.
    """
    name_table = font["name"]
    version = name_table.getDebugName(5) or "Version 0.2.0-beta"
    description = (
        f"{FAMILY} is a subset of {SOURCE_FAMILY} 0.2.0-beta (renamed and subset by the policeroom "
        "project with tools/build_font.py). Licensed under the Apache License, Version 2.0."
    )
    records = {
        1: FAMILY,
        2: "Regular",
        3: f"{FAMILY} Regular; {version}; subset of {SOURCE_FAMILY}",
        4: FAMILY,
        5: f"{version}; policeroom subset",
        6: POSTSCRIPT_NAME,
        10: description,
    }
    font["OS/2"].setCodePageRanges(CODE_PAGE_BITS)
    for name_id in (16, 17, 18, 21, 22):  # typographic/compatible names would reintroduce the old family
        name_table.removeNames(nameID=name_id)
    for name_id, text in records.items():
        name_table.removeNames(nameID=name_id)
        name_table.setName(text, name_id, 3, 1, 0x0409)


def serialize(font: TTFont) -> bytes:
    """Return the font as bytes without touching its timestamps."""
    buffer = io.BytesIO()
    font.recalcTimestamp = False
    font.save(buffer)
    return buffer.getvalue()


def build(*, keep_hinting: bool, source: Path = SOURCE_TTC) -> bytes:
    """Build the subset font and return its bytes."""
    font = subset_font(load_source(source), keep_hinting=keep_hinting)
    rename(font)
    return serialize(font)


def verify(data: bytes) -> None:
    """Check outlines, required characters and names of a built font.

    Raises:
        SystemExit: If a check fails.
    """
    font = TTFont(io.BytesIO(data))
    if "glyf" not in font or "CFF " in font:
        raise SystemExit("output has no TrueType glyf outlines")
    cmap = font.getBestCmap()
    missing = [ch for ch in REQUIRED_CHARACTERS if ord(ch) not in cmap]
    if missing:
        raise SystemExit(f"output lacks required characters: {''.join(missing)}")
    glyf = font["glyf"]
    # numberOfContours is -1 for composite glyphs (most of these ideographs), 0 for empty ones.
    empty = [ch for ch in "张喆堃昇赟" if glyf[cmap[ord(ch)]].numberOfContours == 0]
    if empty:
        raise SystemExit(f"glyphs without outlines: {''.join(empty)}")
    if not CODE_PAGE_BITS <= font["OS/2"].getCodePageRanges():
        raise SystemExit(f"OS/2 code page bits {sorted(font['OS/2'].getCodePageRanges())}")
    if font["name"].getDebugName(1) != FAMILY:
        raise SystemExit(f"family name is {font['name'].getDebugName(1)!r}, expected {FAMILY!r}")


def license_text() -> str:
    """Return the licence file: our header, the Debian copyright file and the Apache-2.0 text."""
    header = f"""\
{OUTPUT_FONT.name} - font "{FAMILY}"
{"=" * (len(OUTPUT_FONT.name) + 9 + len(FAMILY) + 2)}

{OUTPUT_FONT.name} is derived from "{SOURCE_FAMILY}" (文泉驿微米黑) version 0.2.0-beta,
face 0 of wqy-microhei.ttc as packaged by Debian (fonts-wqy-microhei). It was modified by the
policeroom project with tools/build_font.py: subset to Basic Latin, Latin-1, General
Punctuation, CJK Symbols and Punctuation, the CJK Unified Ideographs block U+4E00-9FFF,
Halfwidth and Fullwidth Forms, Bopomofo, pinyin tone vowels, circled numbers, box drawing,
arrows and a few symbols; and the family renamed to "{FAMILY}".

WenQuanYi Micro Hei is dual-licensed under the Apache License, Version 2.0, or the GNU GPL
version 3 or later with font exception. The policeroom project uses and redistributes this
derived font under the Apache License, Version 2.0, whose full text follows the copyright
notice below.

---------------------------------------------------------------------------------------------
Copyright notice (from /usr/share/doc/fonts-wqy-microhei/copyright)
---------------------------------------------------------------------------------------------

"""
    apache_header = """
---------------------------------------------------------------------------------------------
Apache License, Version 2.0 (from /usr/share/common-licenses/Apache-2.0)
---------------------------------------------------------------------------------------------

"""
    return (
        header
        + SOURCE_COPYRIGHT.read_text(encoding="utf-8")
        + apache_header
        + APACHE_LICENSE.read_text(encoding="utf-8")
    )


def main(argv: list[str] | None = None) -> int:
    """Build, verify and write the font and its licence file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_TTC)
    parser.add_argument("--output", type=Path, default=OUTPUT_FONT)
    parser.add_argument("--drop-hinting", action="store_true", help="drop TrueType instructions")
    parser.add_argument("--measure", action="store_true", help="also build the other hinting variant")
    args = parser.parse_args(argv)

    keep_hinting = not args.drop_hinting
    data = build(keep_hinting=keep_hinting, source=args.source)
    verify(data)
    if args.measure:
        other = build(keep_hinting=not keep_hinting, source=args.source)
        hinted, unhinted = (data, other) if keep_hinting else (other, data)
        saved = len(hinted) - len(unhinted)
        print(
            f"hinted {len(hinted):,} B, unhinted {len(unhinted):,} B, saved {saved:,} B "
            f"({saved / len(hinted):.1%})"
        )

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    OUTPUT_LICENSE.write_text(license_text(), encoding="utf-8")
    glyphs = TTFont(io.BytesIO(data)).getGlyphOrder()
    print(f"wrote {args.output} ({len(data):,} B, {len(glyphs):,} glyphs) and {OUTPUT_LICENSE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
