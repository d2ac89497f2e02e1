"""A three-row font for numbers, so a countdown's value reads from across a classroom."""

from __future__ import annotations

from typing import Final

_GLYPHS: Final = {
    "0": ("┏━┓", "┃ ┃", "┗━┛"),
    "1": ("╺┓ ", " ┃ ", "╺┻╸"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    "%": ("\u25aa \u2571", " \u2571 ", "\u2571 \u25aa"),
    " ": ("   ", "   ", "   "),
}
HEIGHT: Final = 3


def big_text(text: str) -> tuple[str, str, str]:
    """`text` (digits, spaces and %) as three rows; other characters are left out."""
    glyphs = [_GLYPHS[c] for c in text if c in _GLYPHS]
    top, middle, bottom = (" ".join(glyph[row] for glyph in glyphs) for row in range(HEIGHT))
    return top, middle, bottom
