"""A labelled set of pictures like the ones a clinic's phone produces, made with Pillow.

Each sample is drawn from a seed, so the same number always gives the same picture: the test
suite draws a few, ``benchmarks/bench_photos.py`` draws them all. The labels were written with
the generator, before any threshold of the picture checks was tuned on them.

Kinds and what they expect:

* ``whiteboard`` a schedule of patient names and times          -> blocked, at a name line
* ``label``      a wristband or pharmacy label, name and DOB     -> blocked, at the name or DOB
* ``monitor``    a screen showing a record number and a name      -> blocked, at the record
* ``sign``       the clinic's sign                                -> passes
* ``hours``      a poster of opening hours                        -> passes
* ``badge``      a staff badge with a name from the clinic profile -> passes
* ``face``       a public-domain face (scikit-image's astronaut)   -> a person is found
* ``xray``       a drawn radiograph (dark, colourless, bright bone) -> passes with a warning
* ``photo``      scikit-image's sample photos with no text or face -> passes

Faces and photos come from scikit-image's bundled sample data (public domain or CC0, see
skimage/data/README.txt); text is drawn with Pillow's bundled font.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter, ImageFont

#: The clinic whose profile the samples assume (tests pass it to the Checker).
CLINIC_NAME = "Maple Grove Family Clinic"
CLINIC_PHONE = "(555) 201-4400"
STAFF = ("Anna Whitfield", "Marcus Oyelaran", "Priya Raman")

FIRST = ("Maria", "John", "Linda", "Robert", "Susan", "James", "Patricia", "Michael", "Karen",
         "David", "Nancy", "Daniel", "Lisa", "Thomas", "Betty", "Kevin", "Sandra", "Brian",
         "Donna", "George", "Carol", "Edward", "Ruth", "Jason", "Sharon", "Gary", "Laura",
         "Frank", "Emily", "Scott", "Angela", "Eric", "Helen", "Peter", "Diane", "Henry")
LAST = ("Lopez", "Carter", "Nguyen", "Patel", "Johnson", "Kowalski", "Garcia", "Murphy",
        "Schneider", "Robinson", "Okafor", "Bennett", "Alvarez", "Fischer", "Hughes", "Sullivan",
        "Ramirez", "Thompson", "Yamamoto", "Brooks", "Castillo", "Jensen", "Morales", "Walsh")
VISITS = ("knee MRI follow-up", "flu shot", "BP check", "post-op", "physical", "wound care",
          "diabetes review", "x-ray results", "new patient", "cleaning", "PT session")
DRUGS = ("Amoxicillin 500 mg", "Metformin 850 mg", "Lisinopril 10 mg", "Atorvastatin 20 mg",
         "Sertraline 50 mg", "Ibuprofen 600 mg")
KINDS = ("whiteboard", "label", "monitor", "sign", "hours", "badge", "face", "xray", "photo")


@dataclass(frozen=True)
class Sample:
    number: int
    kind: str
    data: bytes  # JPEG, as a phone would save it
    width: int
    height: int
    blocked: bool  # what the checks should say
    person: bool = False
    look: str = ""  # "paperwork", "label", "screen", "xray" or ""
    targets: tuple[tuple[int, int, int, int], ...] = field(default=())  # where the leak is

    def label(self) -> dict[str, object]:
        return {"number": self.number, "kind": self.kind, "blocked": self.blocked,
                "person": self.person, "look": self.look,
                "targets": [list(t) for t in self.targets]}


def sample(number: int, size: tuple[int, int] | None = None) -> Sample:
    """Sample ``number`` (any non-negative integer; kinds cycle)."""
    kind = KINDS[number % len(KINDS)]
    rng = random.Random(number * 7919 + 17)
    if size is None:
        size = rng.choice(((1600, 1200), (1200, 1600), (2016, 1512), (1280, 960)))
    return _MAKERS[kind](number, rng, size)


def samples(count: int) -> list[Sample]:
    return [sample(n) for n in range(count)]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _background(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A plausible room: a wall colour with a soft gradient, grain, a shelf or a door edge."""
    from skimage import data as skdata

    width, height = size
    base = rng.choice(((206, 196, 178), (180, 190, 196), (214, 208, 196), (160, 150, 140),
                       (196, 210, 200)))
    wall = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(wall)
    for y in range(0, height, 8):
        shade = int(24 * y / height)
        draw.rectangle((0, y, width, y + 8), fill=tuple(max(0, c - shade) for c in base))
    if rng.random() < 0.5:
        texture = Image.fromarray(rng.choice((skdata.brick, skdata.grass, skdata.gravel))())
        texture = texture.convert("RGB").resize((width, height // 4))
        wall.paste(texture, (0, height - height // 4))
    edge = rng.randrange(width)
    draw.rectangle((edge, 0, edge + width // 30, height), fill=tuple(c - 40 for c in base))
    return wall


def _board(rng: random.Random, lines: list[str], *, ink: tuple[int, int, int],
           paper: tuple[int, int, int], text_size: int, pad: float = 0.6,
           frame: tuple[int, int, int] | None = None) -> tuple[Image.Image, list[tuple]]:
    """A panel with ``lines`` written on it, and each line's box on the panel."""
    font = _font(text_size)
    widths = [font.getbbox(line)[2] for line in lines]
    step = int(text_size * 1.5)
    margin = int(text_size * pad) + (text_size // 2 if frame else 0)
    width = max(widths) + 2 * margin
    height = step * len(lines) + 2 * margin
    panel = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(panel)
    if frame:
        draw.rectangle((0, 0, width - 1, height - 1), outline=frame, width=max(4, text_size // 2))
    boxes = []
    for i, line in enumerate(lines):
        x, y = margin, margin + i * step
        draw.text((x, y), line, fill=ink, font=font)
        left, top, right, bottom = draw.textbbox((x, y), line, font=font)
        boxes.append((left, top, right - left, bottom - top))
    return panel, boxes


def _place(rng: random.Random, scene: Image.Image, panel: Image.Image,
           boxes: list[tuple], *, share: float, angle: float) -> list[tuple]:
    """Paste ``panel`` into ``scene`` at ``share`` of its width, turned by ``angle`` degrees;
    return the panel's line boxes in scene pixels (the turned rectangle's bounds)."""
    width, height = scene.size
    scale = share * width / panel.width
    scale = min(scale, 0.9 * height / panel.height)
    panel = panel.resize((max(1, int(panel.width * scale)), max(1, int(panel.height * scale))),
                         Image.Resampling.LANCZOS)
    turned = panel.convert("RGBA").rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    x = rng.randrange(0, max(1, width - turned.width))
    y = rng.randrange(0, max(1, height - turned.height))
    scene.paste(turned, (x, y), turned)
    cx, cy = panel.width / 2, panel.height / 2
    ox, oy = x + turned.width / 2, y + turned.height / 2
    rad = math.radians(-angle)
    placed = []
    for bx, by, bw, bh in boxes:
        corners = [(bx * scale, by * scale), ((bx + bw) * scale, by * scale),
                   (bx * scale, (by + bh) * scale), ((bx + bw) * scale, (by + bh) * scale)]
        xs, ys = [], []
        for px, py in corners:
            dx, dy = px - cx, py - cy
            xs.append(ox + dx * math.cos(rad) - dy * math.sin(rad))
            ys.append(oy + dx * math.sin(rad) + dy * math.cos(rad))
        placed.append((int(min(xs)), int(min(ys)), int(max(xs) - min(xs)),
                       int(max(ys) - min(ys))))
    return placed


def _finish(rng: random.Random, scene: Image.Image) -> bytes:
    """What a phone does: a little blur, JPEG at phone quality."""
    if rng.random() < 0.5:
        scene = scene.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=rng.choice((80, 88, 92)))
    return out.getvalue()


def _text_sample(number: int, rng: random.Random, size: tuple[int, int], kind: str,
                 lines: list[str], leak_lines: list[int], *, blocked: bool, look: str,
                 ink: tuple[int, int, int], paper: tuple[int, int, int], share: float,
                 frame: tuple[int, int, int] | None = None) -> Sample:
    scene = _background(rng, size)
    panel, boxes = _board(rng, lines, ink=ink, paper=paper, text_size=rng.choice((40, 48, 56)),
                          frame=frame)
    placed = _place(rng, scene, panel, boxes, share=share, angle=rng.uniform(-10, 10))
    return Sample(number, kind, _finish(rng, scene), *size, blocked=blocked, look=look,
                  targets=tuple(placed[i] for i in leak_lines))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _whiteboard(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    lines = ["Today's schedule"]
    hour = rng.choice((8, 9, 10))
    for i in range(rng.randint(3, 5)):
        minute = "00" if i % 2 == 0 else "30"
        lines.append(f"{hour + i // 2}:{minute} {_name(rng)} - {rng.choice(VISITS)}")
    return _text_sample(number, rng, size, "whiteboard", lines, list(range(1, len(lines))),
                        blocked=True, look="paperwork", ink=rng.choice(((20, 40, 140),
                                                                        (30, 30, 30))),
                        paper=(244, 244, 240), share=rng.uniform(0.5, 0.8))


def _label(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    birth = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(1935, 2015)}"
    if rng.random() < 0.5:
        lines = [f"{last.upper()}, {first}", f"DOB: {birth}", f"MRN {rng.randint(100000, 9999999)}"]
    else:
        lines = [f"Patient: {first} {last}", f"DOB {birth}", rng.choice(DRUGS),
                 "Take 1 tablet twice daily"]
    return _text_sample(number, rng, size, "label", lines, [0, 1], blocked=True, look="label",
                        ink=(15, 15, 15), paper=(250, 250, 246), share=rng.uniform(0.35, 0.55))


def _monitor(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    record = f"MRN: {rng.randint(1000000, 99999999)}"
    lines = [f"Patient: {_name(rng)}", record, f"Visit: {rng.choice(VISITS)}",
             f"Allergies: {rng.choice(('penicillin', 'none known', 'latex'))}"]
    return _text_sample(number, rng, size, "monitor", lines, [0, 1], blocked=True,
                        look="screen", ink=(225, 235, 245), paper=(24, 48, 92),
                        share=rng.uniform(0.5, 0.75), frame=(12, 12, 12))


def _sign(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    lines = [CLINIC_NAME, rng.choice(("Family medicine", "Welcome", "Pediatrics & Family Care"))]
    return _text_sample(number, rng, size, "sign", lines, [], blocked=False, look="",
                        ink=(250, 250, 250), paper=(34, 92, 60), share=rng.uniform(0.5, 0.8))


def _hours(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    lines = ["Opening hours", "Monday - Thursday 8am - 6pm", "Friday 8am - 4pm",
             "Saturday 9am - 12pm", f"Call {CLINIC_PHONE}"]
    return _text_sample(number, rng, size, "hours", lines, [], blocked=False, look="paperwork",
                        ink=(30, 30, 30), paper=(250, 248, 238), share=rng.uniform(0.4, 0.7))


def _badge(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    lines = [rng.choice(STAFF), rng.choice(("Nurse Practitioner", "Physician", "Receptionist",
                                            "Physical Therapist")), CLINIC_NAME]
    return _text_sample(number, rng, size, "badge", lines, [], blocked=False, look="",
                        ink=(20, 20, 20), paper=(255, 255, 255), share=rng.uniform(0.3, 0.5))


def _face(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    from skimage import data as skdata

    scene = _background(rng, size)
    portrait = Image.fromarray(skdata.astronaut())
    share = rng.uniform(0.3, 0.55)
    side = int(share * min(size))
    portrait = portrait.resize((side, side), Image.Resampling.LANCZOS)
    if rng.random() < 0.5:
        portrait = portrait.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    angle = rng.uniform(-8, 8)
    turned = portrait.convert("RGBA").rotate(angle, expand=True,
                                             resample=Image.Resampling.BICUBIC)
    x = rng.randrange(0, size[0] - turned.width)
    y = rng.randrange(0, size[1] - turned.height)
    scene.paste(turned, (x, y), turned)
    return Sample(number, "face", _finish(rng, scene), *size, blocked=True, person=True,
                  targets=((x, y, turned.width, turned.height),))


def _xray(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    scene = Image.new("RGB", size, (12, 12, 12))
    draw = ImageDraw.Draw(scene)
    width, height = size
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.1, 0.9) * height
        bone_w, bone_h = rng.uniform(0.03, 0.07) * width, rng.uniform(0.15, 0.4) * height
        grey = rng.randint(180, 235)
        draw.rounded_rectangle((cx - bone_w, cy - bone_h, cx + bone_w, cy + bone_h),
                               radius=int(bone_w), fill=(grey, grey, grey))
    scene = scene.filter(ImageFilter.GaussianBlur(6))
    return Sample(number, "xray", _finish(rng, scene), *size, blocked=False, look="xray",
                  targets=((0, 0, width, height),))


def _photo(number: int, rng: random.Random, size: tuple[int, int]) -> Sample:
    from skimage import data as skdata

    picture = rng.choice((skdata.coffee, skdata.chelsea, skdata.rocket, skdata.hubble_deep_field,
                          skdata.coins, skdata.immunohistochemistry))()
    scene = Image.fromarray(picture).convert("RGB").resize(size, Image.Resampling.BICUBIC)
    return Sample(number, "photo", _finish(rng, scene), *size, blocked=False)


_MAKERS = {"whiteboard": _whiteboard, "label": _label, "monitor": _monitor, "sign": _sign,
           "hours": _hours, "badge": _badge, "face": _face, "xray": _xray, "photo": _photo}
