"""The fonts docgen ships: Liberation Sans 2 (SIL Open Font License, see OFL.txt)."""

from pathlib import Path

FONTS = Path(__file__).resolve().parent
FONT_FAMILY = "Liberation Sans"
FONT_FILES = {
    ("normal", "normal"): "LiberationSans-Regular.ttf",
    ("bold", "normal"): "LiberationSans-Bold.ttf",
    ("normal", "italic"): "LiberationSans-Italic.ttf",
    ("bold", "italic"): "LiberationSans-BoldItalic.ttf",
}
