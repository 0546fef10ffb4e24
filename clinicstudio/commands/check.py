"""``clinicstudio check``: run the offline compliance checks on a text or a batch of texts.

    clinicstudio check [--platform P] [--reply [--context TEXT]] [--json] [--clinic FILE] [FILE|-]
    clinicstudio check --batch FILE.jsonl [--clinic FILE] [--json]
    clinicstudio check --image PHOTO [--image PHOTO ...] [FILE] [--json]

With ``--image`` the pictures are checked too (text read in them, faces, screens, paperwork,
X-rays); each of their findings carries ``"region": {"image": N, "box": [x, y, w, h]}`` (N counts
the ``--image`` files from 0, the box is in pixels). Without FILE, only the pictures are checked.

Exit status: 0 nothing blocks, 1 something blocks, 2 bad usage or unreadable input (one plain
line on standard error). In a batch, a malformed line is reported with its line number and the
other lines are still checked; the batch then exits 2, else 1 if any text blocks.

The clinic's own details (so that its phone number or a staff name is not taken for a patient's)
come from ``--clinic FILE`` or else from the database's clinic profile and staff. If the database
cannot be opened, the check still runs without them and says so in one line on standard error:
the result is then stricter, never more lenient.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from clinicstudio.commands._common import add_command, database_for, json_line, print_json
from clinicstudio.domain import ClinicIdentity, Platform, UserError

if TYPE_CHECKING:
    from clinicstudio.compliance import Checker, CheckResult

# The checks themselves (rules, model, word lists) are imported when a text is checked, not
# for ``check --help`` or a usage error.

EXIT_OK, EXIT_BLOCKED, EXIT_USAGE = 0, 1, 2
# No network takes more than 63,206 characters (Facebook); a text far beyond that is a wrong
# file, and checking it would take minutes and hundreds of megabytes.
MAX_TEXT = 100_000


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(
        sub, "check", "check a post or reply for patient information, claims and more",
        _run, description="Check a post or a review reply, offline, for patient information "
        "(HIPAA), misleading health claims, personal medical advice, endorsement disclosures, "
        "wording that implies a reader's health, spelling, reading level and accessibility.")
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="the text to check; '-' or nothing reads standard input")
    parser.add_argument("--batch", metavar="FILE.jsonl",
                        help='check JSON Lines {"id", "text", "kind", "platform"?, "context"?}')
    parser.add_argument("--platform", choices=[p.value for p in Platform],
                        help="the network the text is for")
    parser.add_argument("--reply", action="store_true",
                        help="the text answers a review or comment (stricter privacy rules)")
    parser.add_argument("--context", metavar="TEXT", default="",
                        help="with --reply: the review or comment being answered")
    parser.add_argument("--clinic", metavar="FILE",
                        help="TOML clinic profile (name, phones, emails, websites, addresses, "
                        "staff) instead of the database's")
    parser.add_argument("--image", action="append", default=[], metavar="PHOTO",
                        help="also check this picture (repeat for several); findings give the "
                        "picture's number from 0 and a box in pixels")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _run(args: argparse.Namespace) -> int:
    from clinicstudio.compiled_patterns import reusing_compiled_patterns

    # The rules compile their patterns when first used: from the saved machine code here too,
    # since a command checks once and exits.
    with reusing_compiled_patterns():
        return _run_checks(args)


def _run_checks(args: argparse.Namespace) -> int:
    from clinicstudio.compliance import Checker, CheckResult
    from clinicstudio.compliance.report import render

    if args.batch and args.file:
        raise UserError("give either FILE or --batch FILE.jsonl, not both")
    if args.batch and args.image:
        raise UserError("--image applies to one post; check pictures without --batch")
    if args.batch and (args.reply or args.platform or args.context):
        raise UserError("--reply, --platform and --context apply to one text; in a batch, "
                        "give kind, platform and context on each line")
    checker = Checker(_identity(args))
    if args.batch:
        return _run_batch(checker, args.batch, as_json=args.json)
    # With pictures and no FILE, the pictures alone are checked (standard input is not waited for).
    text = "" if args.image and args.file is None else _read_text(args.file)
    try:
        _usable_text(text, "the text")
        _usable_text(args.context, "--context")
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    result = _check(checker, text, "reply" if args.reply else "post",
                    Platform(args.platform) if args.platform else None, args.context)
    pictured = []
    if args.image:
        from clinicstudio.commands._check_images import image_findings, render_image_findings

        pictured = image_findings(checker, args.image)
        result = CheckResult(result.findings + pictured)
    if args.json:
        print_json(result.as_json())
    elif not text.strip() and not args.image:
        print("Nothing to check: the text is empty.")
    else:
        if text.strip():
            print(render(text, [f for f in result.findings if f.region is None]))
        if args.image:
            print(render_image_findings(pictured) if pictured
                  else "Nothing found in the pictures.")
    return EXIT_BLOCKED if result.blocked else EXIT_OK


def _identity(args: argparse.Namespace) -> ClinicIdentity:
    from clinicstudio.compliance.clinicfile import ClinicFileError, load_clinic_file

    if args.clinic:
        try:
            return load_clinic_file(args.clinic)
        except ClinicFileError as exc:
            raise UserError(str(exc)) from exc
    from clinicstudio.store.clinic_quick import quick_clinic_identity

    identity = quick_clinic_identity(getattr(args, "db", None))  # no SQLAlchemy when it can
    if identity is not None:
        _say_if_empty(identity)
        return identity
    try:
        from clinicstudio.store.clinic import clinic_identity

        database = database_for(args, create=False)
        try:
            with database.session() as session:
                identity = clinic_identity(session)
        finally:
            database.close()
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"clinicstudio: note: the clinic profile could not be read ({reason}); checking "
              "without the clinic's own details (use --clinic FILE).", file=sys.stderr)
        return ClinicIdentity()
    _say_if_empty(identity)
    return identity


def _say_if_empty(identity: ClinicIdentity) -> None:
    if identity == ClinicIdentity(time_zone=identity.time_zone):
        print("clinicstudio: note: no clinic profile is saved; checking without the clinic's "
              "own details (use --clinic FILE).", file=sys.stderr)


def _usable_text(text: str, what: str) -> None:
    """Refuse text that cannot be checked: lone surrogates (not characters) or far too long."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"{what} is {len(text):,} characters long; ClinicStudio checks up to "
                         f"{MAX_TEXT:,} (no network takes more than 63,206). Check it in parts.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{what} holds an escape (\\u{ord(text[exc.start]):04x}) that is not a "
                         "character; fix that part of the text.") from None


def _check(checker: Checker, text: str, kind: str, platform: Platform | None,
           context: str) -> CheckResult:
    """The compliance findings, plus what the network itself would refuse (length, tags)."""
    from clinicstudio.compliance import CheckResult

    result = checker.check(text, kind=kind, platform=platform, reply_to=context)
    if platform is None:
        return result
    from clinicstudio.platforms import validate
    from clinicstudio.publishing.gate import TEXT_LIMIT_RULES

    limits = [f for f in validate(platform, text) if f.rule in TEXT_LIMIT_RULES]
    return CheckResult([*limits, *result.findings]) if limits else result


def _read_text(name: str | None) -> str:
    try:
        cap = MAX_TEXT * 4 + 4  # enough bytes for MAX_TEXT characters, and one more
        if name in (None, "-"):
            data = sys.stdin.buffer.read(cap)
            label = "standard input"
        else:
            with open(name, "rb") as handle:
                data = handle.read(cap)
            label = name
    except OSError as exc:
        raise UserError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) >= cap:
        raise UserError(f"{label} is longer than ClinicStudio checks ({MAX_TEXT:,} characters; "
                        "no network takes more than 63,206). Check it in parts.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{label} is not UTF-8 text (bad byte at position {exc.start})") from exc


def _run_batch(checker: Checker, path: str, *, as_json: bool) -> int:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (read line by line below)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
    blocked = failed = False
    with handle:
        # One line at a time, each at most a little over MAX_TEXT: memory stays bounded.
        for number, raw in enumerate(_lines(handle), start=1):
            if not raw.strip():
                continue
            try:
                item_id, text, kind, platform, context = _parse_line(raw)
                result = _check(checker, text, kind, platform, context)
                # Rendered whole before anything is written: no object is ever cut off.
                out = _render_item(item_id, text, result, as_json)
            except ValueError as exc:
                failed = True
                print(f"clinicstudio: {path} line {number}: {exc}", file=sys.stderr)
                if as_json:
                    print_json({"id": None, "line": number, "error": str(exc)})
                continue
            blocked = blocked or result.blocked
            sys.stdout.write(out)
    if failed:
        return EXIT_USAGE
    return EXIT_BLOCKED if blocked else EXIT_OK


class _TooLong(bytes):
    """A line cut short because it was far too long (the rest of it is skipped)."""


def _lines(handle: Any) -> Any:
    limit = MAX_TEXT * 4 + 4096  # UTF-8 takes at most 4 bytes a character, plus the JSON
    while True:
        line = handle.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield _TooLong(line)
        else:
            yield line.rstrip(b"\r\n")


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is too large a number")
    return value


def _parse_line(raw: bytes) -> tuple[object, str, str, Platform | None, str]:
    if isinstance(raw, _TooLong):
        raise ValueError(f"the line is longer than ClinicStudio checks ({MAX_TEXT:,} characters "
                         "of text); split the text")
    try:
        item = json.loads(raw.decode("utf-8"), parse_constant=_no_constants,
                          parse_float=_finite)
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise ValueError("nested too deeply to be a batch line") from exc
    if not isinstance(item, dict):
        raise ValueError("expected a JSON object")
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    _usable_text(text, '"text"')
    item_id = item.get("id")
    if isinstance(item_id, bool) or not (item_id is None
                                         or isinstance(item_id, (str, int, float))):
        raise ValueError('"id" must be a string or a number')
    if isinstance(item_id, str):
        _usable_text(item_id, '"id"')
    kind = item.get("kind", "post")
    if kind not in ("post", "reply"):
        raise ValueError('"kind" must be "post" or "reply"')
    platform = item.get("platform")
    try:
        network = Platform(platform) if platform else None
    except ValueError as exc:
        raise ValueError(f'unknown "platform" {platform!r}') from exc
    context = item.get("context") or ""
    if not isinstance(context, str):
        raise ValueError('"context" must be a string')
    _usable_text(context, '"context"')
    return item_id, text, kind, network, context


def _render_item(item_id: object, text: str, result: CheckResult, as_json: bool) -> str:
    from clinicstudio.compliance.report import render

    if as_json:
        return json_line({"id": item_id, **result.as_json()})
    state = "BLOCKED" if result.blocked else "ok"
    out = (f"== {item_id}: {state} ({len(result.findings)} finding"
           f"{'' if len(result.findings) == 1 else 's'})\n")
    if result.findings:
        out += render(text, result.findings) + "\n"
    return out
