"""Pages rendered as images, to look at them as readers do (`make screens`): each page given, at a
small phone, an iPhone SE and a laptop, in light and dark mode, its first screen and its whole
length, into test-artefacts/screens/ (not committed).

    python -m tools.screens SITE_DIR [PAGE ...]    (pages as addresses: "", "contacts/", ...)

The pages' clock is the reader's device's: pass --at 2027-04-05T10:00 to see the "who to call
now" panel at that moment (UK time).
"""

from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitedata.hours import LONDON
from tools.browser import CHROMIUM, CHROMIUM_ARGS
from tools.local_server import serve

OUT = Path("test-artefacts/screens")
SIZES = {"360x800": (360, 800), "375x667": (375, 667), "1280x800": (1280, 800)}
SCHEMES = ["light", "dark"]
# The home page, an answer, contacts, the signs, a policy section and the trainer's view.
PAGES = ["", "what-to-do/concern/", "contacts/", "signs/", "policy/11-concerns/", "training/scenarios/"]


def image_name(page: str, size: str, scheme: str, whole: bool) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', page).strip('-') or 'home'}-{size}-{scheme}{'-whole' if whole else ''}.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", default=PAGES)
    parser.add_argument("--at", type=datetime.datetime.fromisoformat, help="the reader's moment, UK time")
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(arguments.site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for page_address in arguments.pages:
            for size, (width, height) in SIZES.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                  service_workers="block")
                    page = context.new_page()
                    if arguments.at:
                        page.clock.set_fixed_time(arguments.at.replace(tzinfo=LONDON))
                    page.goto(url + page_address, wait_until="load")
                    for whole in (False, True):
                        page.screenshot(path=OUT / image_name(page_address, size, scheme, whole), full_page=whole)
                    context.close()
        browser.close()
    print(f"{OUT}/: {len(list(OUT.glob('*.png')))} images")


if __name__ == "__main__":
    main()
