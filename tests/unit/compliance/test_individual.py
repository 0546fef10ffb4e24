"""A reference to one particular person is the rule evidence that lets a confident model block
patient information that carries no name ("our patient who came in at 7am", "the team's
captain", a reply telling its reviewer about their visit)."""

from __future__ import annotations

import pytest

from clinicstudio.compliance.individual import singles_out
from clinicstudio.domain import Category, Severity
from tests.unit.compliance.test_model import model_with, run


@pytest.mark.parametrize("text", [
    "Shoutout to our patient who came to her 39-week appt straight off her night shift!",
    "One of our members, a junior at Denfeld, spoke at the school board meeting.",
    "Huge congrats to the Brevard High cross-country captain who ran at state Saturday.",
    "And a special shoutout to #23, back on the court 3 weeks after that broken wrist.",
    "This brave little guy got his first filling today!",
    "You know who you are, and we are so proud of you.",
    "Felicitamos a nuestra paciente que terminó su terapia.",
])
def test_posts_that_pick_one_person_out(text):
    assert singles_out(text, "post")


@pytest.mark.parametrize("text", [
    "Flu shots are in! Walk in Monday to Friday, 8 to 5.",
    "Our patients love the new waiting room.",
    "Read our patient portal guide before your first visit.",
    "Top 5 stretches for desk workers #3 will surprise you",
    "Join our team: we are hiring a medical assistant.",
])
def test_posts_about_people_in_general_do_not(text):
    assert not singles_out(text, "post")


def test_a_reply_singles_out_its_reviewer_when_it_speaks_to_or_about_someone():
    assert singles_out("We moved your Tuesday knee session to Saturday at 9.", "reply")
    assert singles_out("Esperamos que su hija se sienta mejor.", "reply")
    assert not singles_out("Open Saturdays 8 to 12. Walk-ins welcome!", "reply")


PHI_LIMITS = {"phi": {"warn": 0.5, "block": 0.6, "veto": 0.0}}


def test_a_confident_model_blocks_a_post_that_singles_someone_out_without_a_name():
    model = model_with({"w:night": {"phi": 9.0}}, PHI_LIMITS)
    findings = run(model, "Shoutout to our patient who came in at 7am straight off her "
                          "night shift.")
    assert any(f.category is Category.PHI and f.severity is Severity.BLOCK for f in findings)


def test_a_confident_model_blocks_a_reply_that_tells_the_reviewer_about_their_care():
    model = model_with({"w:session": {"phi": 9.0}}, PHI_LIMITS)
    findings = run(model, "We moved your Tuesday knee session to Saturday at 9 with Jess.",
                   kind="reply")
    assert any(f.category is Category.PHI and f.severity is Severity.BLOCK for f in findings)


def test_the_same_model_only_warns_on_a_post_about_no_one_in_particular():
    model = model_with({"w:night": {"phi": 9.0}}, PHI_LIMITS)
    findings = run(model, "Night shift workers: our clinic opens at 7am for you.")
    phi = [f for f in findings if f.category is Category.PHI]
    assert [f.severity for f in phi] == [Severity.WARN]
