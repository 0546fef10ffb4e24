"""Does a text point at one particular person? Rule evidence for blocking with the model.

The model reads a whole text and can be confident that it is about a patient's care, but on its
own it may only warn (issue: "a model alone may warn, rules and model together may block"). A
name or an identifier is the usual rule evidence that lets it block. Many real leaks carry
neither: "our patient who came to her 39-week appointment straight off her night shift", "the
Brevard High cross-country captain", "shoutout to #23", or a reply that tells the reviewer "we
moved your Tuesday knee session". What they share is a reference to one particular person;
this module finds that reference, and nothing else (it says nothing about care).

A reply always answers one particular person, the one who wrote the review; it singles that
person (or someone they speak for) out as soon as it speaks to or about someone.
"""

from __future__ import annotations

import re

# One particular patient ("a patient", "our patient"), not patients in general.
ONE_PATIENT = re.compile(
    r"\b(?:a|our|one|this|the|my|that)\s+(?:[\w-]+\s+){0,2}(?:patient|client|survivor|"
    r"kiddo|little one|warrior)\b(?!s)"
    # "the patient portal", "our patient forms": the word describes a thing, not a person.
    r"(?!\s+(?:portal|forms?|care|education|experience|safety|satisfaction|records?|advocates?|"
    r"services|centers?|centres?|resources|information|handbook|survey|parking|lounge|line|"
    r"coordinator|navigator|entrance|login|app))", re.IGNORECASE)

# Someone picked out of a group or by a role only they hold: "one of our members", "a junior
# at Denfeld", "the team's captain", "our goalie", "#23", "this brave young lady".
# "Our patient" alone is what the name fix writes ("Replace “Mrs. Alvarez” with “our
# patient”"): it points at no one. "Our patient who ...", "a client from ..." tell about one.
_ONE_PERSON_POST = re.compile(
    r"\b(?:a|our|one|this|that)\s+(?:[\w-]+\s+){0,2}(?:patient|client)\s+(?:who|whose|from)\b"
    r"|\bone of our (?:[\w-]+\s+){0,2}(?:patients|clients|members|moms|mums|dads|kids|kiddos|"
    r"teens|families|parents|runners|athletes|students|seniors|residents|grads)\b"
    r"|\b(?:a|our|the|this)\s+(?:[\w'-]+\s+){0,3}(?:junior|senior|sophomore|freshman|"
    r"valedictorian|captain|goalie|quarterback|pitcher|point guard|linebacker|striker|"
    r"grandmother|grandfather|great-grandma|great-grandpa|newlywed|veteran|teacher|nurse|"
    r"firefighter|officer|farmer|rancher|bride|groom|mama|mom|dad|papa|grandma|grandpa|"
    r"gentleman|lady|boy|girl|guy|man|woman|kid|kiddo|toddler|teen|teenager|athlete|runner|"
    r"swimmer|dancer|gymnast|cheerleader|wrestler|golfer|cyclist|hiker|vet|marine|soldier)"
    r"\s+(?:who|whose|at|from|of|on|in)\b"
    r"|\bthis\s+(?:[\w'-]+\s+){0,2}(?:little guy|little girl|little man|little lady|young man|"
    r"young lady|guy|girl|gentleman|lady|champ|superstar|rockstar|rock star|trooper|"
    r"warrior|cutie|sweetheart|mama|momma|dad|kiddo)\b"
    r"|\b(?:to|for|congrats|congratulations|shoutout|shout-out|kudos|go)\s+#\d{1,2}\b"
    r"|\byou know who you are\b"
    r"|,\s+(?:Dr\.\s+)?(?-i:[A-Z])\.?\s*[!.]?\s*$"  # a sign-off initial: "Tough as nails, M!"
    r"|\b(?:nuestr[oa]|est[ea]|un[a]?) (?:paciente|miembro|mamá|papá|abuel[oa]|niñ[oa]|"
    r"jovencit[oa]|guerrer[oa]|campe[oó]n[a]?)\b"
    r"|\buno de nuestros pacientes\b|\buna de nuestras pacientes\b",
    re.IGNORECASE | re.MULTILINE)

# A reply speaks to its reviewer ("your", "you", "usted") or about someone ("he", "her", "your
# dad", "su hija").
_SOMEONE_IN_REPLY = re.compile(
    r"\b(?:you|your|you're|youre|you've|you'll|yours|he|she|him|her|his|hers|they|them|"
    r"their|tu|tus|usted|ustedes|su|sus|él|ella|le|lo|la)\b", re.IGNORECASE)


def singles_out(raw: str, kind: str) -> bool:
    """True when ``raw`` refers to one particular person (a reply to its reviewer, or a post
    that picks one person out)."""
    if kind == "reply":
        return _SOMEONE_IN_REPLY.search(raw) is not None
    return _ONE_PERSON_POST.search(raw) is not None
