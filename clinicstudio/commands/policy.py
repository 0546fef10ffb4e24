"""``clinicstudio policy show|acknowledge|edit|training``: the clinic's social media policy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinicstudio.commands._common import add_command, database_for


def register(sub: argparse._SubParsersAction[Any]) -> None:
    policy = add_command(sub, "policy", "read, acknowledge or edit the social media policy")
    actions = policy.add_subparsers(title="actions", metavar="ACTION")
    add_command(actions, "show", "print the current policy", _show)
    add_command(actions, "acknowledge", "confirm you read the current policy", _acknowledge)
    edit = add_command(actions, "edit", "save a new version from a file (administrators)",
                       _edit)
    edit.add_argument("--file", required=True, type=Path, metavar="FILE")
    add_command(actions, "training", "the short training: is each post fine as written?",
                _training, description="Shows ten example posts; answer y (fine as written) "
                "or n (not fine) for each, one answer a line on standard input. Each answer "
                "is followed by the reason. Completion is recorded in the audit log.")
    policy.set_defaults(run=lambda args: (policy.print_help(), 2)[1])


def _show(args: argparse.Namespace) -> int:
    from clinicstudio.governance.policy import current_policy

    db = database_for(args)
    try:
        with db.session() as session:
            current = current_policy(session)
    finally:
        db.close()
    print(f"Version {current.version} ({current.author})\n")
    print(current.text)
    return 0


def _acknowledge(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import person
    from clinicstudio.governance.policy import acknowledge

    db = database_for(args)
    try:
        version = acknowledge(db, person(db))
    finally:
        db.close()
    print(f"Thank you: your reading of policy version {version} is recorded.")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import person
    from clinicstudio.domain import UserError
    from clinicstudio.governance.policy import edit_policy

    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}.") \
            from exc
    db = database_for(args)
    try:
        version = edit_policy(db, person(db), text)
    finally:
        db.close()
    print(f"Saved policy version {version}; every staff member confirms it again.")
    return 0


def _training(args: argparse.Namespace) -> int:
    from clinicstudio.commands._staff import person
    from clinicstudio.domain import UserError
    from clinicstudio.governance.policy import record_training, training_examples

    db = database_for(args)
    try:
        who = person(db)
        answers = []
        for number, example in enumerate(training_examples(), start=1):
            print(f"\n{number}. “{example.text}”\n   Fine as written? (y/n) ", end="")
            sys.stdout.flush()
            line = sys.stdin.readline().strip().lower()
            if line not in ("y", "n", "yes", "no"):
                raise UserError("Answer each example with y or n; start the training again.")
            answer = line.startswith("y")
            answers.append(answer)
            verdict = "Right." if answer == example.fine else "Not quite."
            print(f"\n   {verdict} {example.why}")
        score, out_of = record_training(db, who, answers)
    finally:
        db.close()
    print(f"\nTraining complete: {score} of {out_of} right. It is recorded.")
    return 0
