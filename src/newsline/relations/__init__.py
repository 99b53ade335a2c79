"""Temporal relations (TLINKs) between events, timexes and the document creation time.

The stage reads a Document's ``events`` and ``timexes`` and writes TLINKs into ``links``::

    from newsline.relations import RelationTagger
    RelationTagger().annotate(doc)   # doc.links gains Link(rel, source, target) TLINKs

See docs/relations.md for the method and its accuracy (TempEval-3 task C).
"""

from newsline.documents.sentences import split_sentences, tokenize
from newsline.relations.context import DocContext, main_event_of
from newsline.relations.evaluate import evaluate_task_c, task_c_input
from newsline.relations.tagger import RelationModel, RelationTagger, ScoredLink, load_model
from newsline.relations.train import main, train_model, train_relations, tune_thresholds

__all__ = [
    "DocContext",
    "RelationModel",
    "RelationTagger",
    "ScoredLink",
    "evaluate_task_c",
    "load_model",
    "main",
    "main_event_of",
    "split_sentences",
    "task_c_input",
    "tokenize",
    "train_model",
    "train_relations",
    "tune_thresholds",
]
