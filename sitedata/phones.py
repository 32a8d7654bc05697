"""Phone numbers that are what they look like: checked character by character, classed as Ofcom
classes them, and kept as people read them (``display``) and as a phone dials them (``tel``).

A number is written with the digits 0-9, spaces, "+", brackets and hyphens, nothing else. A
letter is never read as a keypad letter (a letter O typed for a zero would otherwise dial
another service), a digit of another script may not dial, and an invisible character can make
an editor show the digits in another order than the site dials them: each is refused, naming
the character and where it is.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from contextvars import ContextVar

import phonenumbers
from phonenumbers import shortnumberinfo

from .characters import describe, visible
from .fields import Strict

# The policy is a UK policy: numbers are written as dialled in the UK.
PHONE_REGION = "GB"
WRITTEN_WITH = set("0123456789 +()-")
SEPARATORS = re.compile(r"[ ()\-]")

# Relay UK (https://www.relayuk.bt.com/): a deaf, hard of hearing or speech-impaired caller
# dials 18001 and then the number, from a textphone or the Relay UK app, and a relay assistant
# joins the call. "18001 101" is the police's non-emergency number by text relay.
RELAY_PREFIX = "18001"
RELAY_WORDS = "text relay: for a textphone or the Relay UK app"

# Ofcom's classes of number (https://www.ofcom.org.uk/phones-and-broadband/calling-costs and
# "What has Ofcom changed with regard to 08 numbers?", http://ask.ofcom.org.uk/help/telephone/08_changes):
# 084 and 087 numbers are service numbers, whose calls cost the organisation's service charge
# plus the caller's phone company's access charge; 09 numbers are premium rate and 118 numbers
# directory enquiries, never a safeguarding line. (The phonenumbers package files 084 and 087
# under premium rate: Ofcom's classes decide here.) As national significant numbers, by prefix.
SERVICE_PREFIXES = ("84", "87")
SERVICE_NUMBER_COST = "service number: calls cost a service charge plus your phone company's access charge"
DIRECTORY_ENQUIRIES = "118"
REFUSED_NUMBER_TYPES = {
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium-rate (09)",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal-number (070)",
    phonenumbers.PhoneNumberType.PAGER: "pager",
}
# The UK's emergency numbers (999, and 112 which reaches the same service).
EMERGENCY_NUMBERS = {"999", "112"}

# Numbers Ofcom keeps for drama (https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama):
# each connects to no one, so one in data/ is a placeholder left in by mistake. As national
# significant numbers (without the leading 0), by prefix.
DRAMA_RANGES = (
    "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960", "1314960", "1414960",
    "1514960", "1614960", "1914980", "2079460", "2896496", "2920180", "1632960", "7700900", "8081570",
    "9098790", "3069990",
)
# An example setting (`example: true`) is fictional, so its numbers are drama numbers: allowed
# while its files load (sitedata/load.py), refused everywhere else.
_DRAMA_ALLOWED: ContextVar[bool] = ContextVar("drama_allowed", default=False)


@contextlib.contextmanager
def drama_allowed(allowed: bool):
    token = _DRAMA_ALLOWED.set(allowed)
    try:
        yield
    finally:
        _DRAMA_ALLOWED.reset(token)


def is_drama(national: str) -> bool:
    return national.startswith(DRAMA_RANGES)


# What a made-up number looks like: a run of one digit, or the digits counted up or down
# (01234 567890). A real service's number is none of these.
SAME_DIGIT_RUN = re.compile(r"(\d)\1{5}")
COUNTING = ("1234567890", "0987654321")
COUNTED_RUN = 7

EXAMPLE_FIX = 'write the number as dialled in the UK, e.g. "0800 011 3764", or a short code such as "999"'


def as_written(text: str) -> str:
    """The number with any kind of space as a space and any dash as a hyphen (a number copied from
    a web page often has no-break spaces or an en dash): neither changes a digit."""
    return "".join(" " if unicodedata.category(c) == "Zs" else "-" if unicodedata.category(c) == "Pd" else c
                   for c in text)


def check_characters(text: str) -> None:
    """Refuse any character that is not a digit 0-9, a space, "+", a bracket or a hyphen."""
    for position, character in enumerate(text, start=1):
        if character in WRITTEN_WITH:
            continue
        if character.isascii() and character.isalpha():
            digit = {"O": "0", "o": "0", "I": "1", "l": "1"}.get(character)
            fix = (f"type the digit {digit}, not the letter {character}" if digit
                   else "write the number in digits only: letters are never read as the keypad's digits")
        elif character.isdigit():
            fix = "type the number with the digits 0 to 9"
        else:
            fix = "delete it (retype the number)"
        raise ValueError(f"{visible(text)!r} has {describe(character)} at character {position} — fix: {fix}")


def looks_made_up(national: str) -> bool:
    return bool(SAME_DIGIT_RUN.search(national)) or any(
        national[i:i + COUNTED_RUN] in run for run in COUNTING for i in range(len(national) - COUNTED_RUN + 1))


class Phone(Strict):
    """A number as people read it (``display``) and as a phone dials it (``tel``).

    ``tel`` is E.164 (+448000113764) for full numbers, and the bare digits for UK short codes
    (999, 101), which have no international form, and for text relay (18001101). ``words`` says
    what the reader should know before calling: a text-relay number, or a service number's cost.
    """

    display: str
    tel: str
    relay: bool = False
    words: str | None = None

    @property
    def drama(self) -> bool:
        """A number Ofcom keeps for drama: an example setting's, reaching no one."""
        return self.tel.startswith("+44") and is_drama(self.tel[3:])

    @property
    def href(self) -> str:
        """The link that dials it: every tap-to-call link on the site is this."""
        return f"tel:{self.tel}"

    @classmethod
    def parse(cls, written: object, person: bool = False) -> Phone:
        """Check and format a number. Premium-rate, personal-number, pager and directory-enquiry
        numbers are refused (a safeguarding line is never one); a mobile only for a ``person`` of
        the setting's team, whose number is also never a short code, text relay or service number."""
        if isinstance(written, Phone):
            return written
        text = as_written(str(written)).strip()
        check_characters(text)
        if text.startswith(RELAY_PREFIX) and SEPARATORS.sub("", text) != RELAY_PREFIX:
            return cls._relay(text, person)
        try:
            number = phonenumbers.parse(text, PHONE_REGION)
        except phonenumbers.NumberParseException:
            raise ValueError(f"{text!r} is not a valid UK phone number or short code — fix: {EXAMPLE_FIX}") from None
        digits = SEPARATORS.sub("", text)
        if digits.isdigit() and len(digits) <= 6 and shortnumberinfo.is_valid_short_number_for_region(number, PHONE_REGION):
            return cls._short_code(text, digits, person)
        national = phonenumbers.national_significant_number(number)
        if is_drama(national):
            if not _DRAMA_ALLOWED.get():
                raise ValueError(f"{text!r} is in a range Ofcom keeps for TV and radio drama, so it reaches no one "
                                 "— fix: use the service's real number (only an example setting, `example: true` in "
                                 "its setting.yml, may use drama numbers)")
            # Some drama ranges are not numbers phonenumbers knows (07700 900): kept as written.
            return cls(display=" ".join(text.split()), tel=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        if not phonenumbers.is_valid_number_for_region(number, PHONE_REGION):
            raise ValueError(f"{text!r} is not a valid UK phone number or short code — fix: {EXAMPLE_FIX}")
        service = national.startswith(SERVICE_PREFIXES)
        kind = phonenumbers.number_type(number)
        if service and person:
            raise ValueError(f"{text!r} is a service number (084 or 087) — fix: write the person's own landline "
                             "or mobile number")
        if kind in REFUSED_NUMBER_TYPES and not service:
            raise ValueError(f"{text!r} is a {REFUSED_NUMBER_TYPES[kind]} number — fix: use the service's ordinary "
                             "landline, freephone or short number")
        if kind == phonenumbers.PhoneNumberType.MOBILE and not person:
            raise ValueError(f"{text!r} is a mobile number — fix: use the service's landline or freephone number "
                             "(a mobile is allowed only for a person in the setting's team.yml)")
        if looks_made_up(national):
            raise ValueError(f"{text!r} looks like a made-up number (a run of one digit, or digits counted in order) "
                             "— fix: write the real number, or `to be supplied` for a value the setting has not given yet")
        return cls(display=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
                   tel=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                   words=SERVICE_NUMBER_COST if service else None)

    @classmethod
    def _short_code(cls, text: str, digits: str, person: bool) -> Phone:
        if digits.startswith(DIRECTORY_ENQUIRIES):
            raise ValueError(f"{text!r} is a directory-enquiries number (118) — fix: use the service's own number")
        if person:
            kind = "the emergency number" if digits in EMERGENCY_NUMBERS else "a short code for a service"
            raise ValueError(f"{text!r} is {kind}, not a person's own number — fix: write the person's own "
                             "landline or mobile number")
        return cls(display=digits, tel=digits)

    @classmethod
    def _relay(cls, text: str, person: bool) -> Phone:
        """Relay UK: 18001, then the number the relay assistant calls (checked as any number is)."""
        if person:
            raise ValueError(f"{text!r} is a text-relay number (18001 and a number) — fix: write the person's own "
                             "landline or mobile number")
        relayed = cls.parse(text[len(RELAY_PREFIX):].lstrip(" -"))
        if relayed.relay or relayed.tel in EMERGENCY_NUMBERS:
            raise ValueError(f"{text!r} relays to {relayed.display}, which is not a number Relay UK calls this way "
                             "— fix: write 18001 and the service's number (text relay to 999 is 18000, not 18001)")
        return cls(display=f"{RELAY_PREFIX} {relayed.display}", tel=RELAY_PREFIX + SEPARATORS.sub("", relayed.display),
                   relay=True, words=RELAY_WORDS)
