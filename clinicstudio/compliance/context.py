"""The clinic's own identity, prepared for fast "is this ours?" questions.

The clinic's phone numbers, e-mail addresses, websites, street addresses, staff names and
handles are never patient information. They are normalised once per Checker: phone numbers
to their last ten digits, websites to their domain, names to lower-case words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinicstudio.compliance.text import plain, words
from clinicstudio.domain import ClinicIdentity

_TITLES = words("dr dr. doctor nurse np pa rn md do dds dmd phd lcsw lpc pt dpt mrs mr ms "
                 "dra dra. doctora lic lic. enf enf. sra sr srta")


def phone_digits(value: str) -> str:
    """The last ten digits of a phone number (drops a leading country code 1)."""
    digits = re.sub(r"\D", "", value)
    return digits[-10:] if len(digits) >= 10 else digits


def domain_of(url: str) -> str:
    url = url.lower().strip()
    url = re.sub(r"^[a-z]+://", "", url)
    url = url.removeprefix("www.")
    return url.split("/", 1)[0].split("?", 1)[0].rstrip(".")


def _name_words(name: str) -> list[str]:
    """ "Dr. Ana Ruiz, MD" -> ["ana", "ruiz"]; "Lisa Tran, front desk" -> ["lisa", "tran"]."""
    name = re.split(r"[,(]", name, maxsplit=1)[0]
    words = [w.strip(".,").lower() for w in name.split()]
    return [w for w in words if w and w not in _TITLES]


@dataclass(frozen=True)
class ClinicContext:
    identity: ClinicIdentity
    phones: frozenset[str]
    emails: frozenset[str]
    domains: frozenset[str]
    address_keys: frozenset[tuple[str, str]]
    address_words: frozenset[str]
    staff_full_names: frozenset[str]
    staff_words: frozenset[str]
    staff_surnames: frozenset[str]
    staff_first_names: frozenset[str]
    clinic_words: frozenset[str]
    handles: frozenset[str]

    @classmethod
    def build(cls, identity: ClinicIdentity) -> ClinicContext:
        staff_words: set[str] = set()
        full_names: set[str] = set()
        surnames: set[str] = set()
        for name in identity.staff:
            written = _name_words(name)
            words = [plain(w) for w in written]
            staff_words.update(written)
            staff_words.update(words)
            if words:
                full_names.add(" ".join(words))
                full_names.add(f"{words[0]} {words[-1]}")
            if len(words) > 2:
                # A two-word given name said without the surname ("Ana Lucía", "Mary Beth").
                full_names.add(" ".join(words[:-1]))
            if len(words) > 1:
                surnames.add(words[-1])
        address_words: set[str] = set()
        for address in identity.addresses:
            address_words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", address))
        domains = {domain_of(site) for site in identity.websites if site.strip()}
        domains.update(email.split("@", 1)[1].lower() for email in identity.emails
                       if "@" in email)
        handles = {h.lower().lstrip("@") for h in identity.handles if h.strip()}
        return cls(
            identity=identity,
            phones=frozenset(phone_digits(p) for p in identity.phones if phone_digits(p)),
            emails=frozenset(e.strip().lower() for e in identity.emails if e.strip()),
            domains=frozenset(domains),
            address_keys=frozenset(k for a in identity.addresses if (k := address_key(a))),
            address_words=frozenset(address_words),
            staff_full_names=frozenset(full_names),
            staff_words=frozenset(staff_words),
            staff_surnames=frozenset(surnames),
            staff_first_names=frozenset(
                plain(w) for n in identity.staff_first_names for w in _name_words(n)[:1]),
            clinic_words=frozenset(w.lower() for w in re.findall(
                r"[A-Za-z]+", " ".join((identity.name, *identity.words)))),
            handles=frozenset(handles),
        )

    def is_own_phone(self, text: str) -> bool:
        return phone_digits(text) in self.phones

    def is_own_email(self, text: str) -> bool:
        email = text.lower()
        return email in self.emails or email.split("@", 1)[-1] in self.domains

    def is_own_url(self, text: str) -> bool:
        domain = domain_of(text)
        return any(domain == d or domain.endswith("." + d) for d in self.domains)

    def is_own_handle(self, text: str) -> bool:
        handle = text.lower().lstrip("@")
        return handle in self.handles

    def is_staff_name(self, words: list[str], *, titled: bool = False) -> bool:
        """A staff member by full name, by title plus surname ("Dr. Park", ``titled``), or by a
        first name the clinic marks as its staff's own; the clinic's own name is not a person.
        Any other single word of a staff name ("Megan" when only Megan Brooks works here and
        the profile does not mark "Megan") may be a patient who shares it."""
        lowered = [plain(w.lower().strip(".")) for w in words]
        if not lowered:
            return False
        if " ".join(lowered) in self.staff_full_names:
            return True
        if all(w in self.clinic_words for w in lowered):
            return True
        if len(lowered) == 1:
            word = lowered[0]
            return word in self.staff_first_names or (titled and word in self.staff_surnames)
        return False

    def is_own_address(self, text: str) -> bool:
        """Same house number and street name as one of the clinic's addresses."""
        key = address_key(text)
        return key is not None and key in self.address_keys


def address_key(text: str) -> tuple[str, str] | None:
    """House number and first word of the street name: "120 Elm Street" -> ("120", "elm")."""
    match = re.search(r"(\d+[a-z]?)\s+(?:[nsew]\.?\s+)?([a-z0-9]+)", text.lower())
    return (match.group(1), match.group(2)) if match else None
