"""The course's colours: the Okabe-Ito palette, by name, and a few greys.

Okabe and Ito chose these eight colours to stay distinguishable with the
common colour-vision deficiencies (Okabe & Ito, "Color Universal Design",
2008). Figures take their colours from here and tests check figures
against :data:`OKABE_ITO`, so a colour is written down once. Colour never
carries meaning alone in a course figure: text, hatching or markers say the
same.

Examples
--------
>>> from cloudsec.kit.palette import BLUE, GREY, is_okabe_ito
>>> BLUE
'#0072B2'
>>> is_okabe_ito("#0072b2"), is_okabe_ito(GREY)
(True, False)
"""

from __future__ import annotations

__all__ = [
    "BLACK", "BLUE", "BLUISH_GREEN", "DARK_GREY", "DARK_ORANGE",
    "DARK_VERMILLION", "GREY", "LIGHT_GREY", "MID_GREY", "OFF_WHITE",
    "OKABE_ITO", "OKABE_ITO_HEX", "ORANGE", "OUTLINE_GREY", "PALE_GREY",
    "PALE_VERMILLION",
    "REDDISH_PURPLE", "RULE_GREY", "SKY_BLUE", "VERMILLION", "WHITE", "YELLOW",
    "is_okabe_ito",
]

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

#: the eight Okabe-Ito colours by name
OKABE_ITO: dict[str, str] = {
    "black": BLACK, "orange": ORANGE, "sky blue": SKY_BLUE,
    "bluish green": BLUISH_GREEN, "yellow": YELLOW, "blue": BLUE,
    "vermillion": VERMILLION, "reddish purple": REDDISH_PURPLE,
}

#: the same eight as lower-case ``#rrggbb`` (what
#: ``matplotlib.colors.to_hex`` returns), for tests of a figure's colours
OKABE_ITO_HEX: frozenset[str] = frozenset(c.lower() for c in OKABE_ITO.values())

# Neutrals for text, outlines and backgrounds (not data colours).
WHITE = "#FFFFFF"
#: secondary text; 12.6:1 on white
DARK_GREY = "#333333"
#: outlines and reference lines; 7.5:1 on white
GREY = "#555555"
#: muted text that must stay readable; 5.7:1 on white
MID_GREY = "#666666"
#: light outlines and rules
LIGHT_GREY = "#999999"
#: backgrounds of muted areas
PALE_GREY = "#EEEEEE"
#: grid lines
RULE_GREY = "#DDDDDD"
#: hosts and frames drawn behind the data
OFF_WHITE = "#F2F2F2"
#: thin outlines of unexposed items
OUTLINE_GREY = "#777777"
#: the background of unused permissions (a pale vermillion)
PALE_VERMILLION = "#F5D0B5"
#: vermillion and orange dark enough for text on white (6.6:1 and 6.9:1)
DARK_VERMILLION = "#8C3300"
DARK_ORANGE = "#7A5200"


def is_okabe_ito(colour: str) -> bool:
    """Whether a ``#RRGGBB`` colour (any case) is one of :data:`OKABE_ITO`."""
    return colour.upper() in OKABE_ITO.values()
