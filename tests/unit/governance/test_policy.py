"""The policy template and its training: the training's verdicts are the checks' own, and an
administrator's edit makes a new version everyone acknowledges again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clinicstudio.compliance import Checker
from clinicstudio.domain import UserError
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.policy import (
    current_policy,
    edit_policy,
    grade,
    policy_refusal,
    record_training,
    template_text,
    training_examples,
)
from clinicstudio.store.database import Database
from clinicstudio.store.models import AuditEvent


def test_the_template_covers_what_a_clinic_policy_must() -> None:
    text = template_text().lower()
    for topic in ("patient privacy", "reviews", "personal accounts", "after a mistake",
                  "authorization"):
        assert topic in text


def test_each_training_example_is_judged_the_same_by_the_checks() -> None:
    examples = training_examples()
    assert 8 <= len(examples) <= 12
    assert any(e.fine for e in examples) and any(not e.fine for e in examples)
    checker = Checker()
    for example in examples:
        found = {f.rule for f in checker.check(example.text).findings}
        if example.fine:
            assert found == set(), example.text
        else:
            assert set(example.rules) <= found, example.text


def test_grading_counts_right_answers() -> None:
    right = [e.fine for e in training_examples()]
    assert grade(right) == (len(right), [])
    wrong_first = [not right[0], *right[1:]]
    assert grade(wrong_first) == (len(right) - 1, [0])
    with pytest.raises(UserError, match="answer each one"):
        grade(right[:-1])


def test_an_edit_is_a_new_version_that_must_be_acknowledged_again(
        db: Database, staff: dict[str, Actor]) -> None:
    ben = staff["Ben"]
    with db.session() as session:
        assert current_policy(session).version == 1
        assert policy_refusal(session, ben) is None
    with pytest.raises(UserError, match="administrator"):
        edit_policy(db, ben, template_text() + "\nOne more rule.")
    version = edit_policy(db, staff["Ada"], template_text() + "\n## 9. Photos\nAsk first.\n")
    assert version == 2
    with db.session() as session:
        assert "version 2" in (policy_refusal(session, ben) or "")
    score, out_of = record_training(db, ben, [e.fine for e in training_examples()])
    assert score == out_of
    with db.session() as session:
        assert policy_refusal(session, ben) is None
        actions = list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.actor == "Ben")))
    assert "training_completed" in actions and actions.count("policy_acknowledged") == 2
