"""A setting's brand colour: checked once, its shades derived with the contrast each needs, and
drawn into the stylesheet, the icons and the favicon (sitedata/colours.py, macros/brand.py).
No site is built here."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from PIL import Image

from macros import brand
from sitedata.colours import (AA_TEXT, DARK_BACKGROUND, DARK_MODE_TARGET, NEAR_BLACK, WHITE, Palette,
                              check_brand_colour, contrast, parse)

# Dark and light, saturated and grey, at the edge of AA and far from it.
COLOURS = ["#1d4e89", "#000000", "#767676", "#8e0b1c", "#0000ff", "#1f5c3a", "#5b2a86", "#6b4e00"]


@pytest.mark.parametrize("colour", COLOURS)
def test_every_shade_has_the_contrast_it_needs(colour):
    palette = Palette.from_brand(colour)
    assert contrast(parse(palette.primary), WHITE) >= AA_TEXT  # header and buttons under white text
    assert contrast(parse(palette.dark), WHITE) >= AA_TEXT  # hovered links on white
    for shade in (palette.dark_mode_link, palette.dark_mode_accent):
        assert contrast(parse(shade), DARK_BACKGROUND) >= DARK_MODE_TARGET  # links on the dark page
        assert contrast(parse(shade), NEAR_BLACK) >= DARK_MODE_TARGET  # a dark-mode button's text


@pytest.mark.parametrize("written, fix", [
    ("#ffcc00", "choose a darker colour"),  # yellow: white text on it is unreadable
    ("#777777", "choose a darker colour"),  # just below 4.5:1
    ("blue", "# and six hex digits"),
    ("#1d4e8", "# and six hex digits"),
    ("#1d4e89; color: red", "# and six hex digits"),  # it is written into a stylesheet
])
def test_a_colour_white_text_cannot_sit_on_is_refused(written, fix):
    with pytest.raises(ValueError, match=fix):
        check_brand_colour(written)


def test_a_colour_is_written_in_lower_case():
    assert check_brand_colour("#1D4E89") == "#1d4e89"


@pytest.mark.parametrize("colour", ["#1d4e89", "#5b2a86"])
def test_the_stylesheet_and_svg_icon_carry_every_shade(colour):
    palette = Palette.from_brand(colour)
    drawn = brand.files(palette)
    css = drawn[brand.STYLESHEET]
    shades = [palette.primary, palette.light, palette.dark, palette.dark_mode_link, palette.dark_mode_accent]
    assert all(shade in css for shade in shades) and f"rgba({palette.primary_rgb}, 0.1)" in css
    assert drawn[brand.SVG_ICON].count(f'fill="{colour}"') == 2
    assert unquote(brand.favicon(palette)).endswith(f"fill='{colour}'/></svg>")


@pytest.mark.parametrize("name", brand.PNG_ICONS)
def test_the_png_icons_are_painted_in_the_colour(name):
    colour = "#5b2a86"
    icon = Image.open(io.BytesIO(brand.files(Palette.from_brand(colour))[f"{brand.IMAGES}/{name}"])).convert("RGBA")
    width, height = icon.size
    assert icon.getpixel((width // 2, height // 8)) == (*parse(colour), 255)  # the background
    assert icon.getpixel((width * 5 // 8, height // 2)) == (255, 255, 255, 255)  # the shield's white half
    # The rounded corners of the app icon are see-through; the maskable icon fills its square.
    assert icon.getpixel((0, 0))[3] == (255 if "maskable" in name else 0)
