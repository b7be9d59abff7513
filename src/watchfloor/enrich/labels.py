"""The ``labels`` enricher: threat, incitement, glorification, hate, attack-claim, territorial-vow
and recruitment labels with their evidence (``watchfloor.classify``).

Annotations: ``kind="label"``, ``name`` the label, ``score`` in [0, 1], ``evidence`` the sentence and
words that triggered it, ``span`` of the main evidence in the message text, ``value`` the threshold
it passed. Only labels whose score reaches their threshold are stored. A news article's own words
(``kind`` "article" or "reporting", or ``reported=True``) carry no label; its quotes do. Service
messages carry none.
"""

from __future__ import annotations

from watchfloor.classify.labeller import Item, Labeller, labeller
from watchfloor.enrich import Batch, register
from watchfloor.model import Annotation, Message

NARRATIVE_KINDS = {"article", "reporting"}
SKIPPED_KINDS = {"service", "unsupported"}


def item_for(message: Message, lang: str | None) -> Item:
    narrative = message.kind in NARRATIVE_KINDS or (message.reported and message.kind != "quote")
    return Item(message.text, reporting=narrative, lang=lang)


class LabelEnricher:
    name = "labels"

    def __init__(self, model: Labeller | None = None) -> None:
        self._labeller = model or labeller()
        self.version = f"1/{self._labeller.version}"

    def annotate(self, batch: Batch) -> list[Annotation]:
        messages = [m for m in batch.messages if m.kind not in SKIPPED_KINDS and m.text]
        langs = {a.message_id: a.name for a in batch.of("language")}
        found = self._labeller.labels([item_for(m, langs.get(m.id)) for m in messages])
        return [
            Annotation(kind="label", name=s.name, enricher=self.name, version=self.version, message_id=m.id,
                       span=s.span, score=s.score, evidence=s.evidence,
                       value={"threshold": self._labeller.thresholds.get(s.name)})
            for m, labels in zip(messages, found) for s in labels
        ]


register("labels", LabelEnricher)
