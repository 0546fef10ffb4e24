"""Mechanisms added after the probe corpus: each is a general rule, tested here on wording that
appears in none of the corpora, with a clean counterpart that must stay unblocked."""

import pytest

from clinicstudio.compliance.lexicons import tagger
from clinicstudio.domain import Severity
from tests.helpers.compliance_checkers import flagged


def blocks(text: str, *, clinic: str = "family", kind: str = "post", reply_to: str = "") -> bool:
    return flagged(text, "phi", clinic=clinic, kind=kind, reply_to=reply_to,
                   at_least=Severity.BLOCK)


def test_care_words_inside_camel_case_hashtags_are_found() -> None:
    spans = tagger().hashtag_tags("Go team! #RotatorCuffRecovery #SundayFunday")
    assert [(s, e) for s, e, _ in spans] == [(9, 29)]


@pytest.mark.parametrize("text", [
    "Welcome to the #NoCavityClub, Rowan and Beatrix!",
    "Otis finished his last rounds of physicals and fillings today.",
])
def test_hashtag_and_plural_care_words_tie_a_name_to_care(text: str) -> None:
    assert blocks(text, clinic="dental")


def test_a_birthday_wish_to_someone_outside_the_staff_blocks_without_a_care_word() -> None:
    assert blocks("Happy 8th birthday, Thaddeus! Love, everyone at Little Sprouts",
                  clinic="pediatrics")
    assert not blocks("Happy birthday to our receptionist Dolores! 🎂", clinic="pediatrics")


def test_who_a_photo_shows_is_a_person() -> None:
    assert blocks("Cute photo of Nora at her well visit this week!", clinic="pediatrics")


def test_a_nickname_of_a_named_staff_member_is_staff() -> None:
    assert not blocks("Megan Brooks passed her local anesthesia certification. Congrats, Meg!",
                      clinic="dental")


def test_team_before_a_name_is_a_cheer_not_a_role() -> None:
    assert blocks("Team Dominic! Cleared for soccer after his ankle sprain.", clinic="pt")
    assert not blocks("Our care team Lisa Tran ran the flu clinic today.", clinic="family")


def test_a_plural_surname_typed_in_lower_case_is_a_family() -> None:
    assert blocks("the nakamuras came in for their flu shots today")


@pytest.mark.parametrize(("text", "review"), [
    ("Your daughter was so brave with her stitches!", "Great urgent care."),
    ("Aetna denied that one, but we are appealing it for you.", "Why was I billed?"),
    ("We moved your Monday slot to 3pm.", "Need another time."),
    ("So glad to hear you're back on your bike!", "Best PT ever."),
    ("We always love seeing your family.", "Thanks Maple Grove!"),
])
def test_replies_about_family_insurers_bookings_and_recovery_block(text: str,
                                                                   review: str) -> None:
    assert blocks(text, kind="reply", reply_to=review)


@pytest.mark.parametrize(("text", "review"), [
    ("Your kids are welcome to join our reading corner any time.", "Kid friendly?"),
    ("Join us at our health fair on June 8!", "Any events soon?"),
    ("Happy to answer questions about fillings, just call us.", "Do fillings hurt?"),
])
def test_general_replies_stay_unblocked(text: str, review: str) -> None:
    assert not blocks(text, kind="reply", reply_to=review)


def test_a_child_picked_out_by_age_in_a_staff_story_warns() -> None:
    assert flagged("A 6-year-old told our nurse that shots are for chickens.", "phi",
                   clinic="pediatrics")


def test_a_name_not_in_the_list_addressed_at_the_end_of_a_sentence_is_a_person() -> None:
    assert blocks("So happy you chose us, Oluwaseun! See you at your first laser session.",
                  clinic="medspa")


def test_a_role_word_in_the_next_sentence_does_not_make_someone_staff() -> None:
    assert blocks("Welcome back, Pastor Reyes! The whole office missed you during your rehab.")


def test_a_name_after_what_someone_sends_is_a_person_not_a_place() -> None:
    assert blocks("Cookies from Imelda after her last chemo infusion. Thank you!")


@pytest.mark.parametrize(("text", "review"), [
    ("Your counselor will call you about switching to evenings.", "Need evenings."),
    ("Please tell your mom we hope she feels better soon.", "Thanks for seeing my mom."),
])
def test_replies_about_the_reviewers_clinician_or_family_health_block(text: str,
                                                                     review: str) -> None:
    assert blocks(text, kind="reply", reply_to=review)


def test_a_reply_about_a_general_offer_does_not_block() -> None:
    assert not blocks("This month's special is 20% off any laser treatment.", kind="reply",
                      reply_to="Any deals?", clinic="medspa")


def test_one_persons_timed_results_need_a_typical_results_statement() -> None:
    assert flagged("Wow, her results after two sessions of microneedling!", "endorsement",
                   clinic="medspa")


def test_a_name_set_off_by_commas_after_thanks_is_a_person() -> None:
    assert blocks("Thank you, Wren, for sharing your art therapy collage with the group!",
                  clinic="counselling")


def test_a_possessive_limb_is_a_body_part() -> None:
    assert blocks("Goodbye, Lorenzo! In May you couldn't raise your arm above your head.",
                  clinic="pt")


def test_a_waived_fee_in_a_reply_blocks() -> None:
    assert blocks("No problem, we've waived the late cancellation fee.", kind="reply",
                  reply_to="Got charged for cancelling", clinic="dental")


def test_an_overheard_patient_quote_warns() -> None:
    assert flagged("Overheard in the waiting room: 'my back has never felt this good!'", "phi",
                   clinic="pt")


def test_a_possessive_makes_an_everyday_care_word_a_care_word() -> None:
    assert blocks("Welcome back, Simon! Same time next year for your cleaning?",
                  clinic="dental")
    assert not blocks("Our office cleaning crew comes in on Sundays.", clinic="dental")


def test_a_recovery_promised_as_certain_is_a_claim() -> None:
    assert flagged("Your shoulder will be good as new by summer.", "claim", clinic="pt")
    assert not flagged("Payment will be 100% refundable if you cancel.", "claim", clinic="pt")


def test_a_cheer_before_a_name_supports_it() -> None:
    assert blocks("Hooray Delphine! Your last allergy shot is done.")


@pytest.mark.parametrize(("text", "review", "blocked"), [
    ("It was a gift to share your healing journey with us.", "Thank you all", True),
    ("Thank you for growing with us over these three years.", "Love it here", True),
    ("Our flu shot clinics run every Friday in November.", "When are flu shots?", False),
])
def test_replies_about_time_in_care_block_and_schedules_do_not(text: str, review: str,
                                                                blocked: bool) -> None:
    assert blocks(text, kind="reply", reply_to=review) is blocked


def test_a_town_thanked_after_a_comma_is_not_a_person() -> None:
    assert not blocks("Thank you, Brookfield, for voting us best physical therapy!", clinic="pt")


def test_a_title_that_ends_its_sentence_takes_no_surname() -> None:
    assert not blocks("Thanks, Coach! We love partnering with your athletic trainers.",
                      kind="reply", reply_to="Great partners", clinic="pt")


def test_a_reply_about_opening_hours_does_not_block() -> None:
    assert not blocks("We're open until 8 on Tuesdays for cleanings.", kind="reply",
                      reply_to="Late hours?", clinic="dental")
