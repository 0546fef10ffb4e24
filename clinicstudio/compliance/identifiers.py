"""Direct identifiers in a post: phone and fax numbers, e-mail addresses, links, ID numbers,
street addresses, ZIP codes, IP addresses and licence plates (Safe Harbor items B, D-O).

Each hit says whether it is *inherently personal* (a social security, medical record or member
number belongs to one person whatever the context) or only *possibly personal* (a phone number
may be a pharmacy's). The clinic's own numbers, addresses and websites are never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinicstudio.compliance.context import ClinicContext
from clinicstudio.compliance.patterns import matches
from clinicstudio.compliance.rulepack import match_prefixes
from clinicstudio.compliance.text import OTHER_SPACES
from clinicstudio.platforms.counting.urls import extract_urls

_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w/-])"
    r"|(?<![\w/.-])\d{10}(?!\w)"
)
# Toll-free numbers (800, 833, 844, 855, 866, 877, 888) belong to hotlines and businesses: a
# crisis line or an insurer's number is never a patient's.
_TOLL_FREE = re.compile(r"(?:1)?8(?:00|33|44|55|66|77|88)\d{7}")
_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}\b")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
# A labelled number: MRN 00482913, member ID W123456789, account #4471, licence no. D1234567.
_LABELLED_ID = re.compile(
    r"\b(?P<label>mrn|medical record(?: number| no\.?| #)?|chart(?: number| no\.?| #)|member"
    r"(?: id| number| no\.?| #)|subscriber id|(?:medicare|medicaid|insurance|health plan|member"
    r"|benefits?) card(?: id| number| no\.?| #)?|policy(?: number| no\.?| #)|group(?: number| no\.?"
    r"| #)|insurance (?:card )?(?:id|number|#)|card id|account(?: number| no\.?| #|\s*#)?|acct\.?"
    r"(?: #| no\.?)?|patient (?:id|number|#)|claim(?: number| no\.?| #)|invoice(?: number| #)"
    r"|driver'?s licen[cs]e(?: number| no\.?| #)?|licen[cs]e (?:number|no\.?|#)|dl ?#|ssn|"
    r"social security(?: number| no\.?)?|serial(?: number| no\.?| #)?|device id|plate(?: number)?"
    r"|license plate|licence plate|npi|dea(?: number| #)?|id ?#|id number|case(?: number| #))"
    r"\s*(?:is|was|:|#|no\.?|=)?\s*(?P<value>[A-Z]{0,3}[-\s]?\d[\w-]{3,})",
    re.IGNORECASE,
)
_LABEL_PREFIXES = match_prefixes(_LABELLED_ID.pattern)
_DIGIT = re.compile(r"\d")
# Words just before a number or address that show the clinic offering its own contact details.
_OWN_CONTACT = re.compile(
    r"\b(?:call|text|email|e-mail|fax|reach|contact|message|phone|ring)\s+(?:us|our\s+[\w -]{0,25}|"
    r"the\s+(?:office|clinic|front desk|practice)[\w -]{0,15})\s*(?:at|on|:)?\s*$|"
    r"\b(?:our|office|clinic|main|front desk|appointment|scheduling|billing|after-hours|fax)\s+"
    r"(?:phone|number|line|email|fax)\s*(?:is|:)?\s*$|\b(?:phone|tel|fax|call|text|email)\s*:\s*$|"
    r"\bbook (?:online |now |today )?(?:at|by calling)\s*$|"
    r"(?:^|[.!?]\s*|\bplease\s+|\bor\s+)(?:call|text|fax|dial)\s*$", re.IGNORECASE)
_IP = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
_STREET = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'-]*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Ln|"
    r"Lane|Dr|Drive|Blvd|Boulevard|Ct|Court|Way|Pl|Place|Ter|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|"
    r"Highway|Trail|Trl|Loop|Row|Sq|Square)\b\.?(?:,?\s+(?:Apt|Unit|Suite|Ste|#)\.?\s*\w+)?"
)
# "on Birch Lane", "over on Elm St." - a named street without a number, next to a patient.
_NAMED_STREET = re.compile(
    r"\b(?:on|off|near|at|from)\s+(?P<hit>(?:[A-Z][\w'-]*\s+){1,2}(?:St|Street|Ave|Avenue|Rd|"
    r"Road|Ln|Lane|Dr|Drive|Blvd|Boulevard|Ct|Court|Way|Pl|Place|Circle|Trail))\b"
)
_ZIP = re.compile(r"(?<![\d$#-])\d{5}(?:-\d{4})?(?![\d%])")
_PLATE = re.compile(r"\b(?:plate|tag|plates)\s*(?:#|number|no\.?|:)?\s*(?P<value>[A-Z0-9]{2,4}"
                    r"[-\s]?[A-Z0-9]{2,4})\b")
# Sites where a link points to a person rather than an organisation.
_PERSONAL_SITES = re.compile(
    r"gofundme\.com|givesendgo|caringbridge|facebook\.com/(?!groups|events|pages)[\w.]+|"
    r"instagram\.com/|tiktok\.com/@|twitter\.com/|x\.com/|linkedin\.com/in/|venmo|cash\.app|"
    r"paypal\.me|youtube\.com/@|blogspot|wordpress\.com|substack|linktr\.ee|mychart|portal",
    re.IGNORECASE)
_ZIP_CONTEXT = re.compile(r"\b(?:zip|zip code|area|family|patient|neighbou?rhood|lives?|from)\b",
                          re.IGNORECASE)




def _starting_with(first: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters a match can start with.

    The regular-expression engine cannot see past a leading lookbehind or alternation, so it
    would try the whole pattern at every position; the lookahead rules most positions out
    with one character test (the number patterns scan twice as fast).
    """
    return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)


_PHONE = _starting_with(r"[\d(+]", _PHONE)
_SSN = _starting_with(r"\d", _SSN)
_IP = _starting_with(r"\d", _IP)
_ZIP = _starting_with(r"\d", _ZIP)


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str  # phone, email, url, ssn, id, ip, street, zip, plate
    start: int
    end: int
    personal: bool  # inherently about one person (blocks even without other context)
    label: str

    @property
    def replacement(self) -> str:
        return f"[{self.label} removed]"


def find_identifiers(raw: str, clinic: ClinicContext) -> list[Identifier]:
    found: list[Identifier] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, personal: bool, label: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Identifier(kind, start, end, personal, label))

    def offered(start: int) -> bool:
        """ "Call us at ...", "email our front desk at ...": the clinic offering its own contact."""
        return bool(_OWN_CONTACT.search(raw[max(0, start - 40) : start]))

    for match in _EMAIL.finditer(raw) if "@" in raw else ():
        if not clinic.is_own_email(match.group()) and not offered(match.start()):
            add("email", *match.span(), False, "email")
        else:
            taken.append(match.span())
    digits = _DIGIT.search(raw) is not None  # most captions have none: skip number rules
    for match in _SSN.finditer(raw) if digits else ():
        add("ssn", *match.span(), True, "number")
    lower = OTHER_SPACES.sub(" ", raw.lower())
    for match in matches(_LABELLED_ID, _LABEL_PREFIXES, raw, lower) if digits else ():
        label = match.group("label").lower()
        if label.startswith(("npi", "dea")):
            continue  # a clinician's public registry number, not a patient's
        add("id", *match.span("value"), True, "ID number")
    for match in matches(_PLATE, ("plate", "tag"), raw, lower):
        add("plate", *match.span("value"), True, "plate")
    for match in _PHONE.finditer(raw) if digits else ():
        label = raw[max(0, match.start() - 10) : match.start()].lower()
        number = re.sub(r"\D", "", match.group())
        if clinic.is_own_phone(match.group()) or "npi" in label or "dea" in label or offered(
                match.start()) or _TOLL_FREE.fullmatch(number):
            taken.append(match.span())
            continue
        add("phone", *match.span(), False, "phone")
    for match in _IP.finditer(raw) if digits else ():
        add("ip", *match.span(), True, "IP address")
    # Links as the networks find them (the one link finder the counters and previews use).
    for url in extract_urls(raw):
        text, start, end = url.url, url.start, url.end
        if clinic.is_own_url(text):
            taken.append((start, end))
            continue
        if "@" in raw[max(0, start - 1) : start]:
            continue  # the domain part of an e-mail address
        add("url", start, end, bool(_PERSONAL_SITES.search(text)), "link")
    for match in _STREET.finditer(raw) if digits else ():
        if clinic.is_own_address(match.group()):
            # The rest of the clinic's address line (town, state, ZIP) is the clinic's too.
            line_end = raw.find("\n", match.end())
            line_end = len(raw) if line_end == -1 else line_end
            taken.append((match.start(), min(line_end, match.end() + 60)))
            continue
        add("street", *match.span(), False, "address")
    for match in _NAMED_STREET.finditer(raw):
        add("street", *match.span("hit"), False, "address")
    for match in _ZIP.finditer(raw) if digits else ():
        before = raw[max(0, match.start() - 40) : match.start()]
        if _ZIP_CONTEXT.search(before) or re.search(r"\b[A-Z]{2}\s*$", before):
            add("zip", *match.span(), False, "ZIP code")
    found.sort(key=lambda ident: ident.start)
    return found
