"""A setting's brand colour, and the shades the site derives from it.

A setting gives one colour (``brand_colour`` in its setting.yml). The site uses it as the
header's and the buttons' background under white text, and as the links' colour on white, so it
must have a contrast of at least 4.5:1 with white (WCAG 2.2, 1.4.3). Every other shade is derived
from it here, each with the contrast it needs, so a DSL who picks a colour cannot pick an
unreadable dark mode.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

Rgb = tuple[int, int, int]

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE: Rgb = (255, 255, 255)
BLACK: Rgb = (0, 0, 0)
# The text on a filled button in dark mode (site.css, --focus-text's near-black).
NEAR_BLACK: Rgb = (0x0B, 0x0C, 0x0C)
# Dark mode's page background: Material's slate, hsl(225deg 15% 14%) (site.css).
DARK_BACKGROUND: Rgb = (30, 33, 41)
# WCAG 2.2 AA for text (1.4.3).
AA_TEXT = 4.5
# Dark mode's links and buttons are lightened further than AA asks: thin link text on a dark
# screen in a dim room reads better at 7:1 (AAA), and Bankside's reviewed colours sit there.
DARK_MODE_TARGET = 7.0


def parse(colour: str) -> Rgb:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_colour(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: Rgb) -> float:
    """Relative luminance, as WCAG defines it."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(rgb: Rgb, other: Rgb, share: float) -> Rgb:
    """``rgb`` with ``share`` (0 to 1) of ``other`` mixed in."""
    return tuple(round(c + (o - c) * share) for c, o in zip(rgb, other))  # type: ignore[return-value]


def with_lightness(rgb: Rgb, lightness: float) -> Rgb:
    """``rgb`` at another HSL lightness (0 to 1), its hue and saturation kept."""
    hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue, lightness, saturation))  # type: ignore[return-value]


def lightened_until(rgb: Rgb, ratio: float, *against: Rgb) -> Rgb:
    """The darkest lightening of ``rgb`` (same hue and saturation) with at least ``ratio``
    against every colour given. White, the end of the scale, reaches any ratio asked of a dark
    background."""
    _, start, _ = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    for step in range(101):
        candidate = with_lightness(rgb, start + (1 - start) * step / 100)
        if all(contrast(candidate, colour) >= ratio for colour in against):
            return candidate
    return WHITE


def _written_in_quotes(value: object) -> object:
    # In YAML, # begins a comment: brand_colour: #1d4e89 reads as nothing at all.
    if value is None:
        raise ValueError('is empty — fix: write the colour in quotes, e.g. brand_colour: "#1d4e89" '
                         "(without them, YAML reads # and what follows as a comment)")
    return value


def check_brand_colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour written as # and six hex digits — fix: write it like \"#1d4e89\"")
    ratio = contrast(parse(value), WHITE)
    if ratio < AA_TEXT:
        raise ValueError(
            f"{value} has a contrast of {ratio:.1f}:1 with the white text on the header and buttons, below the "
            f"{AA_TEXT}:1 that WCAG asks — fix: choose a darker colour (e.g. \"#1d4e89\", a dark blue)"
        )
    return value.lower()


BrandColour = Annotated[str, BeforeValidator(_written_in_quotes), AfterValidator(check_brand_colour)]


@dataclass(frozen=True)
class Palette:
    """The site's colours, all from the setting's one brand colour (macros/templates/brand.css)."""

    primary: str  # the header, filled buttons, links on white: 4.5:1 with white
    light: str  # Material's lighter primary (hover shades in the theme)
    dark: str  # hovered links and Material's darker primary
    primary_rgb: str  # "r, g, b", for Material's transparent accent
    dark_mode_link: str  # links and filled buttons in dark mode
    dark_mode_accent: str  # hovered links in dark mode

    @classmethod
    def from_brand(cls, colour: str) -> Palette:
        rgb = parse(colour)
        # In dark mode, a filled button's fill carries near-black text and sits on the dark page.
        link = lightened_until(rgb, DARK_MODE_TARGET, DARK_BACKGROUND, NEAR_BLACK)
        _, link_lightness, _ = colorsys.rgb_to_hls(*(c / 255 for c in link))
        return cls(
            primary=hex_colour(rgb),
            light=hex_colour(mix(rgb, WHITE, 0.15)),
            dark=hex_colour(mix(rgb, BLACK, 0.38)),
            primary_rgb=", ".join(str(c) for c in rgb),
            dark_mode_link=hex_colour(link),
            dark_mode_accent=hex_colour(with_lightness(rgb, link_lightness + (1 - link_lightness) * 0.4)),
        )
