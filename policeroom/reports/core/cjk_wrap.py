"""reportlab's two CJK line splitters, with the Chinese rule for runs of closing punctuation.

reportlab hangs one character that cannot start a line in the right margin, but only one: when a
line overflows at the ``）`` of ``（1件）`` and a ``，`` follows, the comma starts the next line
(issue 11 item 13: "（1件）↵，无红色风险纠纷"). Here, when the character after the hung one cannot
start a line either, the break moves back instead, before the last character that may start one, so
``件），`` go down together. Otherwise the code is reportlab's (3.x ``dumbSplit``, ``cjkFragSplit``).
Installed by :func:`policeroom.reports.core.fonts.chinese_line_breaking`.
"""

from __future__ import annotations

from unicodedata import category

from reportlab.lib import textsplit as rl_textsplit
from reportlab.platypus import paragraph as rl_paragraph


def _back_off(chars, start: int, i: int, cannot_start: str) -> int | None:  # noqa: ANN001 - a sequence
    """Where to break instead of hanging ``chars[i-1]`` when ``chars[i]`` cannot start a line either."""
    if i >= len(chars) or chars[i] not in cannot_start:
        return None
    k = i - 1
    while k > start + 1 and chars[k] in cannot_start:
        k -= 1
    return k if k > start + 1 else None


def dumb_split(word: str, widths: list[float], maxWidths):  # noqa: ANN001, ANN201, N803 - reportlab's API
    """``reportlab.lib.textsplit.dumbSplit`` (text in one style) keeping runs like ``），`` off line starts."""
    cannot_start = rl_textsplit.ALL_CANNOT_START
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]  # noqa: N806
    lines: list[list] = []
    i = used = start = 0
    max_width = maxWidths[0]
    n = len(word)
    while i < n:
        w = widths[i]
        c = word[i]
        used += w
        i += 1
        if used > max_width + rl_textsplit._FUZZ and used > 0:
            extra = max_width - used
            if ord(c) < 0x3000:  # inside a non-Asian run: break at a space or where Chinese resumes
                for j in range(i - 1, (start + i) >> 1, -1):
                    cj = word[j]
                    if category(cj) == "Zs" or ord(cj) >= 0x3000:
                        k = j + 1
                        if k < i:
                            j = k + 1
                            extra += sum(widths[j:i])
                            w, c, i = widths[k], word[k], j
                            break
            if c not in cannot_start and i > start + 1:
                i -= 1
                extra += w
            elif (k := _back_off(word, start, i, cannot_start)) is not None:
                extra += sum(widths[k:i])
                i = k
            lines.append([extra, word[start:i].strip()])
            try:
                max_width = maxWidths[len(lines)]
            except IndexError:
                max_width = maxWidths[-1]
            start = i
            used = 0
    if used > 0:
        lines.append([max_width - used, word[start:]])
    return lines


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: ANN001, ANN201, N803 - reportlab's API
    """``reportlab.platypus.paragraph.cjkFragSplit`` (marked-up text) with the same rule as :func:`dumb_split`."""
    cannot_start = rl_paragraph.ALL_CANNOT_START
    units = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            units.extend(rl_paragraph.cjkU(t, f, encoding) for t in text)
        else:
            units.append(rl_paragraph.cjkU(text, f, encoding))
    lines = []
    i = used = start = 0
    max_width = maxWidths[0]
    n = len(units)
    while i < n:
        u = units[i]
        i += 1
        w = _width(u, max_width)
        used += w
        line_break = hasattr(u.frag, "lineBreak")
        if (used > max_width + rl_paragraph._FUZZ and used > 0) or line_break:
            extra = max_width - used
            if not line_break:
                if ord(u) < 0x3000:
                    for j in range(i - 1, (start + i) >> 1, -1):
                        uj = units[j]
                        if uj and category(uj) == "Zs" or ord(uj) >= 0x3000:
                            k = j + 1
                            if k < i:
                                j = k + 1
                                extra += sum(units[ii].width for ii in range(j, i))
                                w, u, i = units[k].width, units[k], j
                                break
                if u not in cannot_start and i > start + 1:
                    i -= 1
                    extra += w
                elif (k := _back_off(units, start, i, cannot_start)) is not None:
                    extra += sum(_width(x, max_width) for x in units[k:i])
                    i = k
            lines.append(rl_paragraph.makeCJKParaLine(units[start:i], max_width, used, extra, line_break, calcBounds))
            try:
                max_width = maxWidths[len(lines)]
            except IndexError:
                max_width = maxWidths[-1]
            start = i
            used = 0
    if used > 0:
        lines.append(rl_paragraph.makeCJKParaLine(units[start:], max_width, used, max_width - used, False, calcBounds))
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _width(u, max_width: float) -> float:  # noqa: ANN001 - reportlab's cjkU
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return w


def install() -> None:
    """Make reportlab use :func:`dumb_split` and :func:`cjk_frag_split` (idempotent)."""
    rl_textsplit.dumbSplit = dumb_split
    rl_paragraph.cjkFragSplit = cjk_frag_split
