"""Wording outside the corpora that exercises the detectors added for the fresh corpus, so each
is shown to reach past the sentences that prompted it (the corpora themselves are gated in
test_corpora.py)."""

import pytest

from clinicstudio.domain import Category, Severity
from tests.helpers.compliance_checkers import clinic_checker
from tests.helpers.compliance_corpora import RANK

# Wording outside the fresh file that exercises the mechanisms added for it, so each one is
# shown to reach past the sentence that prompted it.
CAUGHT = [
    ("phi", "dental", "post", "Look at Benji after his second round of whitening 😁", ""),
    ("phi", "dental", "post", "our patient deshawn crushed his first cleaning 🙌", ""),
    ("phi", "pediatrics", "post", "Celebrating K.'s last chemo infusion today!", ""),
    ("phi", "family", "post", "Grandma Bea just turned ninety-three and still beats us at checkers "
     "in the waiting room!", ""),
    ("phi", "dental", "post", "Congrats to our little patient from the Eastwood neighborhood on "
     "her first filling-free checkup!", ""),
    ("phi", "pediatrics", "post", "Shoutout to the Patel kiddos for braving flu shot day together!",
     ""),
    ("phi", "pt", "post", "Before/after: Mark's posture, 6 weeks of treatment!", ""),
    ("phi", "dental", "reply", "Hope the new bridge is holding up well!", "Great work, thanks."),
    ("phi", "pt", "reply", "Thanks! Keep icing that ankle and we'll see you Thursday.",
     "Great team."),
    ("phi", "dental", "reply", "We hope your sensitivity settles down soon.", "Teeth hurt."),
    ("phi", "pt", "reply", "Your referral from Dr. Jones came through.", "Took forever."),
    ("phi", "medspa", "post", "Our favorite nurse-turned-client, Dr. Priya Anand, came in for "
     "her quarterly Botox.", ""),
    ("phi", "pediatrics", "post", "Get well soon wishes to sweet Amelia, who had her appendix out "
     "on Sunday", ""),
    ("phi", "pt", "reply", "Sorry the parking was rough on your crutches!", "Parking is bad."),
    ("phi", "pediatrics", "post", "The Johnson boys came in for sports physicals and left with a "
     "lecture on vaping.", ""),
    ("phi", "medspa", "reply", "We're so sorry about the burn. Please come back in so Dr. Grant "
     "can check the area.", "Got burned by the laser!!"),
    ("phi", "dental", "reply", "We're glad the numbing wore off quickly this time!", "Better."),
    ("phi", "counselling", "post", "happy 1 year sober to marcus, who started with us right after "
     "rehab.", ""),
    ("phi", "pt", "post", "Lost and found: a walking boot labeled 'D. Fuentes, Rm 3'.", ""),
    ("phi", "counselling", "reply", "We hear you. Insurance only covered 12 sessions.",
     "Why did my sessions stop?"),
    ("phi", "medspa", "reply", "Your lips look amazing, girl! See you for your touch-up!",
     "Obsessed!!"),
    ("claim", "pt", "post", "PRP injections will rebuild your torn rotator cuff without surgery!",
     ""),
    ("claim", "family", "post", "Best urgent care in the county, period.", ""),
    ("claim", "medspa", "post", "Free consultation! ($150 consult fee applied if you don't book.)",
     ""),
    ("advice", "dental", "post", "Knocked-out tooth? Put it in milk and call us Monday morning!",
     ""),
    ("advice", "family", "post", "Sudden numbness or slurred speech? Call our office tomorrow and "
     "we'll get you in.", ""),
    ("endorsement", "dental", "post", "Loved your visit? Leave us a Yelp review! Had a problem? "
     "Email us instead.", ""),
    ("endorsement", "medspa", "post", "Our ambassador @skinbyjess tried our new peel and is "
     "obsessed!", ""),
    ("attribute", "medspa", "post", "Self-conscious about your thinning hair? PRP can help.", ""),
    ("attribute", "counselling", "post", "Lonely and depressed this holiday season? You don't "
     "have to be.", ""),
    ("attribute", "medspa", "post", "Your crow's feet are showing. Time for Botox?", ""),
    ("endorsement", "medspa", "post", "Post a selfie with our logo and tag us to get 10% off your "
     "next filler!", ""),
    ("endorsement", "family", "post", "Happy patients leave 5-star reviews! If you're not happy, "
     "please call Carla before posting.", ""),
    ("advice", "pediatrics", "post", "Is your baby's poop green? Post a photo in the comments and "
     "we'll tell you if it's normal!", ""),
    ("readability", "pt", "post", "Neuromuscular electrical stimulation facilitates quadriceps "
     "activation following arthroplasty, mitigating arthrogenic muscle inhibition. Evidence "
     "substantiates incorporation within comprehensive postoperative rehabilitation paradigms.",
     ""),
]
PASSED = [
    ("pt", "post", "There's no such thing as a guaranteed recovery timeline."),
    ("medspa", "post", "Tirzepatide is FDA-approved as Zepbound for chronic weight management in "
     "some adults."),
    ("counselling", "post", "Words like \"cure\" and \"fix\" don't belong in mental health care."),
    ("pediatrics", "post", "Storytime with Dr. Bell at the Cedar Falls library, 524 Clay St, on "
     "Saturday at 10am."),
    ("pt", "post", "Sam Ortiz ran the Dallas Marathon this weekend! So proud of our own PT."),
    ("medspa", "post", "See results after just one session? Some clients do, most need three."),
    ("pt", "post", "Research shows exercise can help with knee osteoarthritis pain for many "
     "people."),
    ("pediatrics", "post", "Flu shots for the whole family this Saturday at 1200 Willow Ave, 9am "
     "to 1pm."),
    ("counselling", "post", "Daniel Cho, LMHC, is now accepting new clients for evening sessions."),
    ("counselling", "post", "Grace Kim will lead a free mindfulness session at Newport Library on "
     "Jan 20 at noon."),
    ("family", "post", "Please leave us an honest review, good or bad. It helps us improve."),
    ("pt", "post", "Dry needling may help some people with muscle pain. Ask if it's right "
     "for you."),
]


@pytest.mark.parametrize(("category", "clinic", "kind", "text", "review"), CAUGHT)
def test_the_fresh_rounds_mechanisms_reach_new_wording(category, clinic, kind, text, review):
    findings = clinic_checker(clinic).check(text, kind=kind, reply_to=review).findings
    need = Severity.BLOCK if category == "phi" else Severity.WARN
    assert any(f.category is Category(category) and RANK[f.severity] >= RANK[need]
               for f in findings), [(f.rule, f.severity) for f in findings]


@pytest.mark.parametrize(("clinic", "kind", "text"), PASSED)
def test_the_fresh_rounds_hard_negatives_stay_clean(clinic, kind, text):
    findings = clinic_checker(clinic).check(text, kind=kind).findings
    assert not [f for f in findings if RANK[f.severity] >= RANK[Severity.WARN]
                and f.category is not Category.SPELLING], [(f.rule, f.category) for f in findings]
