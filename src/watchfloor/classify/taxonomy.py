"""The labels watchfloor puts on a message: a registry of names, definitions and default thresholds.

A label is a claim about what a message *does* (threatens, incites, glorifies, claims, vows,
recruits, dehumanises), not what it mentions. Reporting about violence is not a threat; a threat
quoted in an article is. ``docs/labels.md`` gives each label's positive and negative examples.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.errors import WatchfloorError


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    definition: str
    threshold: float = 0.5  # the score at or above which the label is reported (calibrated per model)


LABELS: dict[str, Label] = {}


def register(label: Label) -> Label:
    LABELS[label.name] = label
    return label


register(Label(
    "violent_threat",
    "A threat or call to kill or physically harm people, explicit or thinly veiled "
    "(\"your turn is coming\", \"we will make you pay in blood\", \"hang them\").",
))
register(Label(
    "incitement",
    "A call on others to commit violence or hostile action against a person or group "
    "(\"rise up and strike them\", \"go out and burn their homes\").",
))
register(Label(
    "glorification",
    "Praise of an attack, an attacker or a \"martyr\": presenting violence or its perpetrators as "
    "heroic, blessed or worth imitating.",
))
register(Label(
    "hate",
    "A dehumanising or hateful statement about a group defined by religion, ethnicity, nationality "
    "or similar (\"they are vermin\"), as opposed to criticism of acts or ideas.",
))
register(Label(
    "attack_claim",
    "Claiming responsibility for an attack on behalf of the speaker or their group "
    "(\"our brothers carried out the operation\").",
))
register(Label(
    "territorial_vow",
    "A vow to take, retake, conquer or \"liberate\" a place by force or to raise a flag over it.",
))
register(Label(
    "recruitment",
    "An invitation to join a group, its fighters or its cause, or to travel or make contact in order "
    "to do so.",
))


def label(name: str) -> Label:
    try:
        return LABELS[name]
    except KeyError:
        raise WatchfloorError(f"unknown label {name!r} (known: {', '.join(LABELS)})") from None
