"""Candidate pairs and their features.

Pair kinds (TempEval-3's four, named by the ends of the link as emitted):

* ``ET``: an event and a timex of the same sentence (source the event, target the timex);
* ``ED``: an event and the DCT (``t0``): every event;
* ``EE``: two events of the same sentence (source the earlier one), the second one of
  the ``max_gap`` events that follow the first in the sentence;
* ``EM``: the main events of two consecutive sentences (source the earlier one); see
  :func:`newsline.relations.context.main_event_of`.

Features are plain strings (``name=value``), one list per pair; a classifier per kind
weighs them. They describe each event (class, tense, aspect, polarity, modality, part of
speech, lower-cased word and a crude stem, the auxiliaries and words right before it,
whether it is quoted, the reporting and intensional events around it, the time
expressions of its sentence against the DCT, its sentence's position), the timex (type,
value against the DCT, grain, text, mod, the preposition before it), and the pair (order,
token distance, events between, the words between and the signal words among them,
combinations of the above), and the dependency parse (see
:mod:`newsline.relations.syntax`): each event's label, governing verb and governing
reporting event; for a pair of one sentence the path between the heads, which governs
which (directly or through a preposition) and ccomp/xcomp/advcl relations.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newsline.documents.model import Event
from newsline.relations.context import QUOTES, DocContext, Mention
from newsline.relations.words import load_words

__all__ = ["KINDS", "SIGNALS", "WINDOW", "Candidate", "candidates", "event_features",
           "features", "normalized"]

#: The pair kinds, in the order candidates are generated.
KINDS: tuple[str, ...] = ("ET", "ED", "EE", "EM")

#: How many mentions (events and timexes) on each side of an event its sentence-level
#: features and ``ET`` pairs reach. On the TempEval-3 train set a sentence holds at most 12
#: mentions and the two ends of a gold event-timex link are at most 10 mentions (54 tokens)
#: apart, so this changes nothing there; it keeps one very long sentence linear.
WINDOW = 16

_WORDS = load_words("en")
#: Temporal signal words looked for between and around mentions.
SIGNALS: frozenset[str] = _WORDS.signals
_MODALS = _WORDS.modals
_PERFECT = _WORDS.perfect
_BE = _WORDS.be
_NEGATION = _WORDS.negations
_QUOTES = QUOTES
_CONJUNCTIONS = _WORDS.conjunctions
_SUFFIXES = _WORDS.stem_suffixes
_OPENERS = _WORDS.openers
_FINITE = {"PAST", "PRESENT", "FUTURE"}
_POS = {"PREP": "PREPOSITION", "ADJ": "ADJECTIVE", "N": "NOUN", "V": "VERB"}


@dataclass(slots=True)
class Candidate:
    """A pair to classify; ``target`` None stands for the DCT (``t0``)."""

    kind: str
    source: Mention
    target: Mention | None


def candidates(ctx: DocContext, max_gap: int = 3) -> list[Candidate]:
    """Every candidate pair of the document, kind by kind, in text order within a kind.

    ``ET`` pairs an event with the timexes of its sentence at most :data:`WINDOW` mentions
    away (in a sentence of at most ``WINDOW + 1`` mentions: every timex)."""
    out: list[Candidate] = []
    for sent in ctx.by_sentence:
        has_timex = any(m.kind == "T" for m in sent)
        for e in sent:
            if e.kind == "E" and has_timex:
                out += [Candidate("ET", e, t) for t in ctx.window(e, WINDOW) if t.kind == "T"]
    out += [Candidate("ED", e, None) for e in ctx.events()]
    for events in ctx.sent_events:
        for i, a in enumerate(events):
            out += [Candidate("EE", a, b) for b in events[i + 1:i + 1 + max_gap]]
    mains = ctx.main_events
    for a, b in zip(mains, mains[1:], strict=False):
        if a is not None and b is not None:
            out.append(Candidate("EM", a, b))
    return out


# --------------------------------------------------------------------------- helpers


def normalized(event: Event) -> Event:
    """The event's attributes as the classifiers see them.

    Annotations disagree on a few conventions, so the attributes are mapped to one:
    part of speech ``UNKNOWN`` (AQUAINT leaves finite verbs so) becomes ``VERB`` when the
    tense is finite, else ``OTHER``; ``PREP`` is ``PREPOSITION``; a tense on a noun or
    adjective (TimeBank gives them ``NONE``, other annotations the tense of the clause) is
    kept apart (feature ``noun_tense``) and the tense the other features see is ``NONE``.
    """
    pos = _POS.get(event.pos, event.pos or "OTHER")
    tense = event.tense or "NONE"
    if pos == "UNKNOWN":
        pos = "VERB" if tense in _FINITE else "OTHER"
    if pos != "VERB":
        tense = "NONE"
    return Event(start=event.start, end=event.end, text=event.text,
                 cls=event.cls or "OCCURRENCE", tense=tense, aspect=event.aspect or "NONE",
                 polarity=event.polarity or "POS", modality=event.modality, pos=pos,
                 id=event.id)


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 10:
        return "7-10"
    if n <= 20:
        return "11-20"
    return "21+"


def _stem(word: str) -> str:
    """A crude stem: the word without one common inflectional or nominal suffix."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def event_features(ctx: DocContext, m: Mention, cache: dict[str, list[str]]) -> list[str]:
    """Features of one event (cached per id in ``cache``)."""
    if m.id in cache:
        return cache[m.id]
    assert m.event is not None
    e = _normalized(m, cache)
    word = ctx.doc.text[m.start:m.end].lower()
    lo = ctx.sentence_start_token(m)
    before = ctx.words[max(lo, m.tok_start - 4):m.tok_start]
    prev1 = before[-1] if before else "<s>"
    prev2 = before[-2] if len(before) > 1 else "<s>"
    modality = (e.modality or "none").lower()
    feats = [
        f"cls={e.cls}", f"tense={e.tense}", f"aspect={e.aspect}", f"pol={e.polarity}",
        f"mod={modality}", f"pos={e.pos}", f"ta={e.tense}|{e.aspect}",
        f"ct={e.cls}|{e.tense}", f"cta={e.cls}|{e.tense}|{e.aspect}", f"w={word}",
        f"stem={_stem(word)}", f"p1={prev1}", f"p12={prev2}|{prev1}", f"tp={e.tense}|{e.pos}",
    ]
    if (m.event.tense or "NONE") != e.tense:
        feats.append(f"noun_tense={m.event.tense}")
    for w in before:
        if w in _MODALS:
            feats += [f"modal={_MODALS[w]}", f"modal_t={_MODALS[w]}|{e.tense}"]
        elif w in _PERFECT:
            feats.append("aux=perfect")
        elif w in _BE:
            feats.append("aux=be")
        elif w in _NEGATION:
            feats.append("aux=neg")
    if prev1 == "to":
        feats.append("infinitive")
    if (ctx.quotes_before[m.tok_start] - ctx.quotes_before[lo]) % 2:
        feats.append("in_quote")
    sent_events = ctx.sent_events[m.sent]
    window = ctx.window(m, WINDOW)
    feats.append(f"sent={_bucket(m.sent)}")
    feats.append(f"ev_in_sent={'first' if sent_events and sent_events[0] is m else 'other'}")
    if ctx.main_events[m.sent] is m:
        feats.append("main")
    # the reporting and intensional events of the sentence, which may govern this one
    for x in window:
        if x is m or x.event is None:
            continue
        xe = _normalized(x, cache)
        side = "L" if x.order < m.order else "R"
        if xe.cls == "REPORTING":
            feats += [f"rep_{side}|{xe.tense}", f"rep_{side}|{e.tense}"]
        elif xe.cls in ("I_ACTION", "I_STATE") and side == "L":
            feats.append(f"intensional_L|{xe.tense}|{e.tense}")
    # the time expressions of the sentence, placed against the DCT
    timexes = [x for x in window if x.kind == "T"]
    if not timexes:
        feats.append("sent_timex=none")
    for t in timexes:
        feats += [f"sent_timex={t.dct_cmp}", f"sent_timex_t={t.dct_cmp}|{e.tense}"]
    feats += _event_syntax(ctx, m, e, cache)
    cache[m.id] = feats
    return feats


_CLAUSES = ("ccomp", "xcomp", "advcl")


def _event_syntax(ctx: DocContext, m: Mention, e: Event, cache: dict) -> list[str]:
    """Dependency features of one event: its label and tag, the verb governing a nominal
    event, the preposition above it, and the nearest governing event (and reporting
    event) with their tenses."""
    parse = ctx.parse
    if parse is None or m.head is None:
        return []
    h = m.head
    dep = parse.dep(h)
    feats = [f"dep={dep}", f"dep_t={dep}|{e.tense}", f"tag={parse.tag(h)}"]
    if e.pos != "VERB":
        gv = parse.governing_verb(h)
        if gv is not None:
            feats += [f"gv={parse.lemma(gv)}", f"gv_tag={parse.tag(gv)}",
                      f"gv_dep={dep}|{parse.tag(gv)}"]
    prep = parse.prep_above(h)
    if prep:
        feats.append(f"eprep={prep}")
    nearest = True
    for t in parse.ancestors(h):
        x = ctx.by_head.get(t)
        if x is None or x is m or x.event is None:
            continue
        xe = _normalized(x, cache)
        if nearest:
            feats += [f"gov_ev={xe.cls}|{xe.tense}", f"gov_ev_t={xe.tense}|{e.tense}"]
            nearest = False
        if xe.cls == "REPORTING":
            feats += [f"rep_gov={xe.tense}", f"rep_gov_t={xe.tense}|{e.tense}",
                      f"rep_gov_tag={parse.tag(t)}|{e.tense}"]
            break
    else:
        feats.append("rep_gov=none")
    return feats


def _pair_syntax(ctx: DocContext, a: Mention, b: Mention, a_tense: str,
                 b_tense: str) -> list[str]:
    """Dependency features of a pair of one sentence: the path between the heads, which
    governs which (directly or through a preposition) and clausal relations."""
    parse = ctx.parse
    if parse is None or a.head is None or b.head is None:
        return []
    path = parse.path(a.head, b.head)
    feats = [f"dpath={path}"]
    for name, g, d in (("ab", a.head, b.head), ("ba", b.head, a.head)):
        for how in parse.governs(g, d):
            feats += [f"gov_{name}={how}", f"gov_{name}_t={how}|{a_tense}|{b_tense}"]
            label = how.split(":", 1)[1]
            if how.startswith("direct:") and label in _CLAUSES:
                feats += [f"clause={name}:{label}",
                          f"clause_t={name}:{label}|{a_tense}|{b_tense}"]
    return feats


def _between(ctx: DocContext, a: Mention, b: Mention) -> list[str]:
    """Features of the words between two mentions of one sentence."""
    words = ctx.between(a, b)
    feats = [f"dist={_bucket(len(words))}"]
    if len(words) <= 8:
        feats += [f"bw={w}" for w in words]
    feats += [f"sig={w}" for w in words if w in SIGNALS]
    if not words:
        feats.append("adjacent")
    if any(w in _QUOTES for w in words):
        feats.append("quote_between")
    if "," in words:
        feats.append("comma_between")
    if "that" in words:
        feats.append("that_between")
    if words and words[-1] == "to":
        feats.append("to_before_second")
    feats.append(f"conj={min(sum(1 for w in words if w in _CONJUNCTIONS), 2)}")
    first, second = sorted((a.order, b.order))
    n_events = ctx.events_before[second] - ctx.events_before[first + 1] if second > first else 0
    feats.append(f"ev_between={_bucket(n_events)}")
    return feats


def _timex_features(ctx: DocContext, t: Mention, prev: str) -> list[str]:
    timex = t.timex
    assert timex is not None
    text = ctx.doc.text[t.start:t.end].lower()
    first = ctx.words[t.tok_start] if t.tok_start < len(ctx.words) else ""
    return [
        f"ttype={timex.type}", f"tcmp={t.dct_cmp}", f"tgrain={t.grain}",
        f"ttype_cmp={timex.type}|{t.dct_cmp}", f"ttext={text}", f"tfirst={first}",
        f"tprev={prev}", f"tprev_type={prev}|{timex.type}", f"tprev_cmp={prev}|{t.dct_cmp}",
        f"tmod={timex.mod or 'none'}",
    ]


def _event_timex(ctx: DocContext, src: Mention, e: Event, t: Mention,
                 ef: list[str]) -> list[str]:
    assert t.timex is not None
    prev = ctx.words[t.tok_start - 1] if t.tok_start > 0 else "<s>"
    order = "ET" if src.order < t.order else "TE"
    feats = ["e_" + f for f in ef] + _timex_features(ctx, t, prev) + _between(ctx, src, t)
    feats += [f"order={order}", f"x_tense_cmp={e.tense}|{t.dct_cmp}",
              f"x_cls_type={e.cls}|{t.timex.type}", f"x_order_prev={order}|{prev}",
              f"x_aspect_type={e.aspect}|{t.timex.type}"]
    # is this the event nearest the timex (overall, and on its side of it)?
    before, after = _events_around(ctx, t)
    nearest = before
    if before is None or (after is not None and after.order - t.order < t.order - before.order):
        nearest = after
    feats.append("nearest" if nearest is src else "not_nearest")
    feats += _pair_syntax(ctx, src, t, e.tense, t.dct_cmp)
    if ctx.parse is not None and t.head is not None:
        tprep = ctx.parse.prep_above(t.head)
        if tprep:
            feats.append(f"t_prep={tprep}|{t.dct_cmp}")
    if (before if src.order < t.order else after) is src:
        feats.append(f"nearest_on_side={order}")
    return feats


def _event_event(ctx: DocContext, kind: str, a: Mention, a_e: Event, b: Mention,
                 ef: list[str], cache: dict[str, list[str]]) -> list[str]:
    assert b.event is not None
    b_e = _normalized(b, cache)
    feats = ["a_" + f for f in ef] + ["b_" + f for f in event_features(ctx, b, cache)]
    feats += [
        f"p_cls={a_e.cls}|{b_e.cls}", f"p_tense={a_e.tense}|{b_e.tense}",
        f"p_aspect={a_e.aspect}|{b_e.aspect}", f"p_pos={a_e.pos}|{b_e.pos}",
        f"p_ct={a_e.cls}|{a_e.tense}|{b_e.cls}|{b_e.tense}",
        f"p_same_tense={a_e.tense == b_e.tense}",
    ]
    text = ctx.doc.text
    if _stem(text[a.start:a.end].lower()) == _stem(text[b.start:b.end].lower()):
        feats += ["p_same_stem", f"p_same_stem_cls={a_e.cls}"]
    if kind == "EE":
        return feats + _between(ctx, a, b) + _pair_syntax(ctx, a, b, a_e.tense, b_e.tense)
    # EM: consecutive sentences; the first words of the second sentence may be signals.
    lo = ctx.sentence_start_token(b)
    feats += [f"open={w}" for w in ctx.words[lo:lo + 3]
              if w in SIGNALS or w in _OPENERS]
    return feats


def _events_around(ctx: DocContext, t: Mention) -> tuple[Mention | None, Mention | None]:
    """The last event before timex ``t`` and the first one after it, in its sentence."""
    events = ctx.sent_events[t.sent]
    k = bisect.bisect_left(events, t.order, key=lambda x: x.order)
    return (events[k - 1] if k > 0 else None), (events[k] if k < len(events) else None)


def _normalized(m: Mention, cache: dict) -> Event:
    """:func:`normalized` of ``m``'s event, kept in ``cache`` (per document)."""
    key = ("normalized", m.id)
    found = cache.get(key)
    if found is None:
        assert m.event is not None
        found = cache[key] = normalized(m.event)
    return found


def features(ctx: DocContext, cand: Candidate, cache: dict[str, list[str]]) -> list[str]:
    """The feature strings of a candidate pair (``cache`` keeps per-event features)."""
    src = cand.source
    assert src.event is not None
    e = _normalized(src, cache)
    ef = event_features(ctx, src, cache)
    if cand.kind == "ED":
        return ["bias", *ef]
    assert cand.target is not None
    if cand.kind == "ET":
        return ["bias", *_event_timex(ctx, src, e, cand.target, ef)]
    return ["bias", *_event_event(ctx, cand.kind, src, e, cand.target, ef, cache)]
