"""The Unicode ranges of the East Asian scripts, spelled once (pure).

Modules ask about them for different reasons: whether a teaser is dense enough that 80
characters say what 200 Latin ones do (spider), whether a text is Chinese rather than
Japanese and how much text a page holds (extraction), whether a line break between two
characters stands for a space (sanitizing). Each composes its question from these.
"""

from __future__ import annotations

import re

KANA = "\u3040-\u30ff"  # hiragana and katakana
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs: extension A, unified, compatibility
HANGUL = "\uac00-\ud7af"  # syllables
# Written without spaces between words: Han with its radicals, CJK punctuation and
# fullwidth forms, and kana with its phonetic extensions. Hangul is not among them:
# Korean puts spaces between words.
UNSPACED = f"\u2e80-\u2fdf\u3000-\u303f{KANA}\u31f0-\u31ff{HAN}\uff00-\uffef"

HAN_CHAR = re.compile(f"[{HAN}]")
KANA_CHAR = re.compile(f"[{KANA}]")
CJK_CHAR = re.compile(f"[{KANA}{HAN}{HANGUL}]")  # a character that carries about a word
