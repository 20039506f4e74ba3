"""Postal addresses: the one rule for a French postcode, used by the server (422 naming
`fulfillment.address.postcode`) and by the app's checkout form before it sends anything.

A French postcode is five digits whose first two (three overseas) name an existing
département: 01 to 95 (Corsica's 2A and 2B are written 20 in a postcode), or 971 to 976
overseas (Guadeloupe, Martinique, Guyane, La Réunion, Saint-Pierre-et-Miquelon, Mayotte).
"""

from __future__ import annotations

import re

_FIVE_DIGITS = re.compile(r"^[0-9]{5}$")
OVERSEAS = frozenset({"971", "972", "973", "974", "975", "976"})

# Why a postcode is refused, as codes the app translates (ui/i18n) and English for the API.
NOT_FIVE_DIGITS = "postcode.not_five_digits"
NO_SUCH_DEPARTEMENT = "postcode.no_departement"

MESSAGES = {
    NOT_FIVE_DIGITS: "a French postcode is five digits",
    NO_SUCH_DEPARTEMENT: "no French département has this postcode",
}


def normalise_postcode(text: str) -> str:
    """The postcode without the spaces people type in it ("75 011" → "75011")."""
    return "".join(text.split())


def postcode_problem(postcode: str, country: str = "FR") -> str | None:
    """Why `postcode` is not a postcode of `country` (a code of MESSAGES), or None when it is.

    Only France is checked; other countries' postcodes are taken as given.
    """
    if country.upper() != "FR":
        return None
    code = normalise_postcode(postcode)
    if not _FIVE_DIGITS.match(code):
        return NOT_FIVE_DIGITS
    if code[:2] == "97":
        return None if code[:3] in OVERSEAS else NO_SUCH_DEPARTEMENT
    if code[:2] == "00" or int(code[:2]) > 95:
        return NO_SUCH_DEPARTEMENT
    return None
