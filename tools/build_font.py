"""Build the shipped fonts ``resources/fonts/PoliceroomSans.ttf`` and ``PoliceroomSong.ttf``.

PoliceroomSans (UI and registers) is a subset of WenQuanYi Micro Hei (文泉驿微米黑, face 0 of the
Debian ``fonts-wqy-microhei`` TTC). PoliceroomSong (official documents: the mediation forms, in
the Song/Ming style such documents are printed in) is a subset of AR PL UMing CN (face 0 of the
Debian ``fonts-arphic-uming`` TTC). Both have TrueType (``glyf``) outlines, so they serve Qt
(``QFontDatabase.addApplicationFont``) and reportlab (``TTFont``), which cannot read CFF outlines.

The subsets keep the whole CJK Unified Ideographs block (U+4E00-9FFF) rather than GB2312 only,
because residents' names use characters such as 喆 堃 昇 赟 (UMing lacks about 2,250 rare ones of
the block's 20,992). The families are renamed ("Policeroom Sans", "Policeroom Song") so they never
clash with an installed WenQuanYi or UMing, and localized (Chinese) family names are dropped for
the same reason.

Usage::

    python tools/build_font.py                  # build both fonts with the defaults below
    python tools/build_font.py --font song      # only the Song font
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
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO_ROOT / "resources" / "fonts"


@dataclass(frozen=True)
class FontSpec:
    """One shipped font: where it comes from, what it is called, where it goes."""

    key: str  # --font choice
    source: Path  # the Debian TTC
    index: int  # face in the collection
    source_family: str
    source_version: str
    family: str
    postscript_name: str
    output: Path
    licence_name: str  # spelled as the licence calls itself
    drop_tables: tuple[str, ...] = ()


SANS = FontSpec(
    key="sans",
    source=Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    index=0,
    source_family="WenQuanYi Micro Hei",
    source_version="0.2.0-beta",
    family="Policeroom Sans",
    postscript_name="PoliceroomSans-Regular",
    output=FONTS_DIR / "PoliceroomSans.ttf",
    licence_name="the Apache License, Version 2.0",
)
#: The Song-style (明体) face for official documents: AR PL UMing CN (face 0 of uming.ttc, the
#: mainland-China glyph forms) from Debian's fonts-arphic-uming. Its embedded bitmap strikes
#: (EBDT/EBLC, 12-16 px) and FontForge's BDF table are dropped: PDFs only use the outlines.
SONG = FontSpec(
    key="song",
    source=Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    index=0,
    source_family="AR PL UMing CN",
    source_version="0.2.20080216.1",
    family="Policeroom Song",
    postscript_name="PoliceroomSong-Regular",
    output=FONTS_DIR / "PoliceroomSong.ttf",
    licence_name="the Arphic Public License",
    drop_tables=("EBDT", "EBLC", "EBSC", "BDF "),
)
SPECS = {spec.key: spec for spec in (SANS, SONG)}

# Kept for callers of the first version of this tool.
SOURCE_TTC = SANS.source
OUTPUT_FONT = SANS.output
FAMILY = SANS.family

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


def load_source(path: Path = SANS.source, index: int = 0) -> TTFont:
    """Load face ``index`` of the source collection and check it has TrueType outlines.

    Raises:
        SystemExit: If the face has CFF outlines, which reportlab cannot embed.
    """
    font = TTFont(str(path), fontNumber=index, recalcTimestamp=False)
    if "glyf" not in font or "CFF " in font or "CFF2" in font:
        raise SystemExit(f"{path}#{index} has no TrueType glyf outlines (tables: {sorted(font.keys())})")
    return font


def subset_font(font: TTFont, *, keep_hinting: bool, drop_tables: tuple[str, ...] = ()) -> TTFont:
    """Subset ``font`` in place to :func:`wanted_codepoints` and return it."""
    options = subset.Options()
    options.hinting = keep_hinting
    options.notdef_outline = True  # a visible box for a missing character beats a blank
    options.name_IDs = ["*"]  # keep copyright, licence and URL records
    options.name_languages = [0x0409]  # drop the localized 文泉驿微米黑 names
    options.name_legacy = False  # Windows-platform names only
    options.layout_features = ["*"]  # vertical forms (vert), fullwidth punctuation ...
    options.drop_tables += ["FFTM", *drop_tables]  # FontForge timestamp: useless and unsubsettable
    subsetter = subset.Subsetter(options)
    present = set(font.getBestCmap())
    subsetter.populate(unicodes=sorted(wanted_codepoints() & present))
    subsetter.subset(font)
    return font


def rename(font: TTFont, spec: FontSpec = SANS) -> None:
    """Rename the family to ``spec.family`` and record the modification (Apache-2.0 section 4b,
    Arphic Public License section 2).

    Also sets the OS/2 code page bits to :data:`CODE_PAGE_BITS`.
    """
    name_table = font["name"]
    version = (name_table.getDebugName(5) or f"Version {spec.source_version}").strip()
    description = (
        f"{spec.family} is a subset of {spec.source_family} {spec.source_version} (renamed and subset by "
        f"the policeroom project with tools/build_font.py). Licensed under {spec.licence_name}."
    )
    records = {
        1: spec.family,
        2: "Regular",
        3: f"{spec.family} Regular; {version}; subset of {spec.source_family}",
        4: spec.family,
        5: f"{version}; policeroom subset",
        6: spec.postscript_name,
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


def build(*, keep_hinting: bool, spec: FontSpec = SANS, source: Path | None = None) -> bytes:
    """Build the subset font of ``spec`` and return its bytes."""
    font = load_source(source or spec.source, spec.index)
    subset_font(font, keep_hinting=keep_hinting, drop_tables=spec.drop_tables)
    rename(font, spec)
    return serialize(font)


def verify(data: bytes, spec: FontSpec = SANS) -> None:
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
    if font["name"].getDebugName(1) != spec.family:
        raise SystemExit(f"family name is {font['name'].getDebugName(1)!r}, expected {spec.family!r}")
    left = [tag for tag in spec.drop_tables if tag in font]
    if left:
        raise SystemExit(f"tables not dropped: {left}")


def licence_path(spec: FontSpec) -> Path:
    return spec.output.with_name(f"{spec.output.stem}-LICENSE.txt")


def _banner(title: str) -> str:
    rule = "-" * 93
    return f"\n{rule}\n{title}\n{rule}\n\n"


def license_text(spec: FontSpec = SANS) -> str:
    """Return the licence file: our header, the Debian copyright file and the licence text."""
    name = spec.output.name
    heading = f'{name} - font "{spec.family}"'
    if spec is SANS:
        body = f"""\
{name} is derived from "{spec.source_family}" (文泉驿微米黑) version 0.2.0-beta,
face 0 of wqy-microhei.ttc as packaged by Debian (fonts-wqy-microhei). It was modified by the
policeroom project with tools/build_font.py: subset to Basic Latin, Latin-1, General
Punctuation, CJK Symbols and Punctuation, the CJK Unified Ideographs block U+4E00-9FFF,
Halfwidth and Fullwidth Forms, Bopomofo, pinyin tone vowels, circled numbers, box drawing,
arrows and a few symbols; and the family renamed to "{spec.family}".

WenQuanYi Micro Hei is dual-licensed under the Apache License, Version 2.0, or the GNU GPL
version 3 or later with font exception. The policeroom project uses and redistributes this
derived font under the Apache License, Version 2.0, whose full text follows the copyright
notice below.
"""
        tail = _banner("Apache License, Version 2.0 (from /usr/share/common-licenses/Apache-2.0)") + Path(
            "/usr/share/common-licenses/Apache-2.0"
        ).read_text(encoding="utf-8")
        copyright_file = Path("/usr/share/doc/fonts-wqy-microhei/copyright")
    else:
        body = f"""\
{name} is derived from "{spec.source_family}" (文鼎ＰＬ细上海宋 / AR PL UMing, 明体) version
{spec.source_version}, face 0 of uming.ttc as packaged by Debian (fonts-arphic-uming), itself
derived by the CJK Unifonts project from Arphic Technology's "AR PL Mingti2L Big5" and
"AR PL SungtiL GB". It was modified by the policeroom project with tools/build_font.py: subset
to the same character ranges as PoliceroomSans.ttf (Basic Latin, Latin-1, General Punctuation,
CJK Symbols and Punctuation, the CJK Unified Ideographs block U+4E00-9FFF as far as the source
covers it, Halfwidth and Fullwidth Forms, Bopomofo, circled numbers, box drawing, arrows and a
few symbols), its embedded bitmap strikes (EBDT/EBLC) and BDF table removed, and the family
renamed to "{spec.family}".

This derived font is distributed under the ARPHIC PUBLIC LICENSE, whose full text follows
(section 2: a modified font is distributed under this same licence, with this licence text).
The source of the original font is the Debian package fonts-arphic-uming.
"""
        tail = ""
        copyright_file = Path("/usr/share/doc/fonts-arphic-uming/copyright")
    return (
        f"{heading}\n{'=' * len(heading)}\n\n"
        + body
        + _banner(f"Copyright notice (from {copyright_file})")
        + copyright_file.read_text(encoding="utf-8")
        + tail
    )


def main(argv: list[str] | None = None) -> int:
    """Build, verify and write the fonts and their licence files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", choices=[*SPECS, "all"], default="all", help="which font to build")
    parser.add_argument("--source", type=Path, help="source TTC (with a single --font)")
    parser.add_argument("--output", type=Path, help="output TTF (with a single --font)")
    parser.add_argument("--drop-hinting", action="store_true", help="drop TrueType instructions")
    parser.add_argument("--measure", action="store_true", help="also build the other hinting variant")
    args = parser.parse_args(argv)
    specs = list(SPECS.values()) if args.font == "all" else [SPECS[args.font]]
    if (args.source or args.output) and len(specs) > 1:
        parser.error("--source/--output need a single --font")

    keep_hinting = not args.drop_hinting
    for spec in specs:
        data = build(keep_hinting=keep_hinting, spec=spec, source=args.source)
        verify(data, spec)
        if args.measure:
            other = build(keep_hinting=not keep_hinting, spec=spec, source=args.source)
            hinted, unhinted = (data, other) if keep_hinting else (other, data)
            saved = len(hinted) - len(unhinted)
            print(
                f"{spec.key}: hinted {len(hinted):,} B, unhinted {len(unhinted):,} B, saved {saved:,} B "
                f"({saved / len(hinted):.1%})"
            )
        output = args.output or spec.output
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        licence = licence_path(spec)
        licence.write_text(license_text(spec), encoding="utf-8")
        glyphs = TTFont(io.BytesIO(data)).getGlyphOrder()
        print(f"wrote {output} ({len(data):,} B, {len(glyphs):,} glyphs) and {licence.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
