"""The setting's brand colour on the site: its stylesheet, its app icons and its favicon, each
drawn from a template in ``macros/templates/`` (added to the build by ``mkdocs_hooks``).

The colour is written once, in the setting's setting.yml; ``sitedata.colours`` checks it and
derives its shades. The PNG icons (the ones a phone's home screen asks for) are masks drawn
once from icon.svg: each pixel says how white it is, and the build paints the brand colour
under the white.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from PIL import Image

from sitedata.colours import Palette, parse

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = "assets/stylesheets/brand.css"
SVG_ICON = "assets/images/icon.svg"
# The PNG icons the manifest names, each from its mask (macros/templates/<name>.mask.png).
PNG_ICONS = ("icon-192.png", "icon-512.png", "icon-maskable-512.png")
IMAGES = "assets/images"

# A colour checked by sitedata.colours is # and six hex digits: nothing in it needs escaping.
_templates = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                         keep_trailing_newline=True)


def files(palette: Palette) -> dict[str, str | bytes]:
    """Every file the brand colour draws, by its address in the site."""
    return {
        STYLESHEET: render("brand.css", palette),
        SVG_ICON: render("icon.svg", palette),
        **{f"{IMAGES}/{name}": painted_icon(name, palette.primary) for name in PNG_ICONS},
    }


def favicon(palette: Palette) -> str:
    """The favicon as a data: address, inline in every page: no request of its own."""
    return "data:image/svg+xml," + quote(render("favicon.svg", palette).strip(), safe="/:='")


def render(name: str, palette: Palette) -> str:
    return _templates.get_template(name).render(brand=palette)


def painted_icon(name: str, colour: str) -> bytes:
    """The icon ``name`` in ``colour``: its mask's whiteness (0 the colour, 255 white) mixed,
    channel by channel, through a lookup table; its transparency, if it has one, kept."""
    mask = Image.open(TEMPLATES / name.replace(".png", ".mask.png"))
    whiteness = mask.getchannel("L")
    channels = [whiteness.point([round(c + (255 - c) * w / 255) for w in range(256)]) for c in parse(colour)]
    if mask.mode == "LA":
        channels.append(mask.getchannel("A"))
    icon = Image.merge("RGBA" if mask.mode == "LA" else "RGB", channels)
    out = io.BytesIO()
    icon.save(out, format="PNG")
    return out.getvalue()
