"""Text that is what it looks like: the characters data/ may not hold, and how a message names one.

An editor and a browser can show the same text differently. A right-to-left override (U+202E)
before digits makes an editor show them reversed while the site dials them as stored; a value of
zero-width spaces looks filled in and shows nothing. So every text field refuses the characters
that reorder text and the control characters, and refuses a value that is only invisible
characters; a message names the character and where it is, since the eye cannot find it.
"""

from __future__ import annotations

import re
import string
import unicodedata

# Embeddings, overrides and isolates: they reorder what follows them on screen.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks and tabs are the only control characters a text may hold (a folded YAML paragraph).
ALLOWED_CONTROLS = set("\n\t")
# The reordering characters and the control characters (Unicode's category Cc) but those.
REFUSED_IN_TEXT = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What an address may be written with (RFC 3986): anything else is percent-encoded by the
# browser that the address is copied from.
ADDRESS_CHARACTERS = set(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")


def describe(character: str) -> str:
    """A character as a message names it: "the letter 'O'", "RIGHT-TO-LEFT OVERRIDE (U+202E)"."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "an unnamed character")
    if character == " ":
        return "a space"
    if character.isascii() and character.isalpha():
        return f"the letter {character!r}"
    if unicodedata.category(character) in ("Cf", "Cc", "Zs", "Zl", "Zp") or character.isspace():
        return f"an invisible character, {name} ({code})"
    return f"{character!r} ({name}, {code})"


def visible(text: str) -> str:
    """``text`` with its invisible characters written as <U+XXXX>, for a message."""
    return "".join(
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") and c not in ALLOWED_CONTROLS else c
        for c in text
    )


def is_invisible(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("Cf", "Cc")


def check_text(value: str) -> str:
    """Refuse a text that an editor and a browser would show differently."""
    if found := REFUSED_IN_TEXT.search(value):
        character, position = found.group(), found.start() + 1
        if character in BIDI_CONTROLS:
            raise ValueError(
                f"{visible(value)!r} has {describe(character)} at character {position}, which makes an editor "
                "show the text in another order than the site uses — fix: delete it (retype the value)"
            )
        raise ValueError(f"{visible(value)!r} has {describe(character)} at character {position} — fix: delete it")
    if value and all(is_invisible(character) for character in value):
        raise ValueError(f"{visible(value)!r} holds only invisible characters, so it shows nothing — fix: write the "
                         "value, or remove the field")
    return value


def check_address_characters(value: str) -> str:
    """Refuse a web address with a character that addresses are not written with (a space, a
    quote, an angle bracket: markup; letters outside ASCII; invisible characters)."""
    if value.strip().lower() == "to be supplied":
        # What team.yml says of a value not known yet; an address not known yet is left out.
        raise ValueError("'to be supplied' is not a web address — fix: until the address is known, leave it "
                         "out (in links.yml: url: null, with confidence: none)")
    for position, character in enumerate(value, start=1):
        if character not in ADDRESS_CHARACTERS:
            raise ValueError(
                f"{visible(value)!r} has {describe(character)} at character {position}, which is not part of a web "
                "address — fix: copy the address from the browser's address bar"
            )
    return value


def safe_line(text: str, limit: int) -> str:
    """Text from outside (a web server's answer) as one line that passes ``check_text``: control
    and reordering characters dropped, whitespace collapsed, at most ``limit`` characters."""
    line = " ".join("".join(c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
