"""From an annotated article to its chronology: one entry per event worth listing.

Reads a Document whose layers the earlier stages filled (timexes, events, links) and a
dependency parse of its text (spaCy ``Doc``), and builds timeline entries:

- **what**: events of the listed classes; reporting events ("said", "reported") are not
  listed but become the ``source`` of the events they report, except a denial ("did not
  confirm reports of strikes": listed as not happening, what it denies left out) and an
  announcement of a thing rather than an event ("announced a new commander": listed); what
  another entry already says is not listed again: an event noun that is the subject or
  object of a listed verb, and an undated noun or non-finite verb inside a listed event's
  clause ("tried to scare voters by calling for a boycott" is one entry);
- **when**: the event's own time expression (attached in the parse, else linked by a TLINK),
  keeping its granularity; otherwise the date of the event that governs it, else the DCT,
  and the entry is flagged ``inferred``. A duration attached to the event ("the 120-day
  deployment") becomes ``duration``; a starting clause ("that started in August") its date;
- **who**: the people, organisations and places in the event's clause, each named by its
  fullest mention in the document;
- **who says so**: the subject of the reporting verb, or "according to X", resolved the same way.

The parse only informs; offsets and text come from the Document.
"""

from __future__ import annotations

import bisect
import re

from newsline.documents.model import Document, Event, Timex
from newsline.timeline.clauses import (
    clause_tokens,
    governor_event,
    head_index,
    join_tokens,
    sentence_span,
    sentence_start,
    sentence_text,
    shared_subject,
    token_at,
    with_inner_punctuation,
)
from newsline.timeline.lexicon import TimelineLexicon, load_lexicon
from newsline.timeline.model import TimelineEntry
from newsline.timeline.names import FullNames

_ANCHOR_RELS = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "IDENTITY"}
# Non-finite events, which complete another event rather than happen on their own.
_NON_FINITE = {"INFINITIVE", "PRESPART", "PASTPART"}
_SUBJECTS = {"nsubj", "nsubjpass", "agent", "expl"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}
_NOUN_MODIFIERS = {"det", "amod", "compound", "nummod", "poss"}
_PHRASE_CUTS = {"det", "punct", "relcl", "acl", "prep", "appos", "cc", "conj", "advcl",
                "xcomp", "ccomp", "parataxis", "mark"}
# The clauses that hold what a reporting verb reports (the rest of its subtree says how).
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj"}
_MAX_SUMMARY_TOKENS = 24
# A wire dateline before the story proper: "SEOUL (Newsline) - ", "PARIS, March 21 -- ".
_DATELINE = re.compile(r"\A\s*[A-Z][^\n]{0,60}?\s(?:-{1,2}|_|\u2013|\u2014)\s")
# Dependencies by which a non-finite verb completes the happening above it ("bombs exploded,
# killing dozens"; "a street packed with cars"): such a fragment folds into that entry.
_FRAGMENT_DEPS = {"advcl", "acl", "conj", "xcomp", "dep", "npadvmod", "oprd"}
#: TimeML placeholders: never shown as a date; read against the DCT instead.
_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


class TimelineBuilder:
    """Builds document timelines; load once (the language's lexicon), call per document."""

    def __init__(self, language: str = "en") -> None:
        self.lexicon: TimelineLexicon = load_lexicon(language)

    def build(self, doc: Document, parsed) -> list[TimelineEntry]:
        """Timeline entries of ``doc``; ``parsed`` is a spaCy ``Doc`` of ``doc.text``."""
        dateline = _DATELINE.match(doc.text)
        body_start = dateline.end() if dateline else 0
        names = FullNames(parsed, self.lexicon.actor_labels, body_start)
        token_of = {e.id: token_at(parsed, e.start, e.end) for e in doc.events}
        events_at = {token_of[e.id].i: e for e in doc.events if token_of[e.id] is not None}
        timex_heads = {head_index(parsed, t): t for t in doc.timexes
                       if head_index(parsed, t) is not None}
        # event token -> the timexes it governs (in timex_heads order), found once
        self._governed: dict[int, list[Timex]] = {}
        for index, timex in timex_heads.items():
            governor = governor_event(parsed[index], events_at)
            if governor is not None:
                self._governed.setdefault(governor, []).append(timex)
        self._timex_starts = sorted((t.start, k) for k, t in enumerate(doc.timexes))
        linked = _linked_timexes(doc)
        self._circumstances: set[str] = set()
        self._told_events: set[str] = set()  # reporting events listed as events themselves
        self._speakers: list[tuple[int, str, str | None]] = []  # (offset, name, entity label)
        self._attribution: set[int] = self._attribution_tokens(parsed, names)
        self._left_out = _left_out_of_summaries(parsed, timex_heads, body_start,
                                                self._attribution)
        sources = self._sources(doc, parsed, events_at, names, body_start)
        dates: dict[str, tuple[Timex | None, bool]] = {}
        entries: list[TimelineEntry] = []
        seen: dict[tuple[str, str | None], int] = {}  # key -> its entry's place in entries
        entry_token: dict[int, object] = {}
        for event in sorted(doc.events, key=lambda e: e.start):
            token = token_of[event.id]
            if token is None:
                continue
            timex, duration = self._anchor(token, events_at, timex_heads, linked.get(event.id))
            inferred = False
            if timex is None:
                timex, inferred = self._inherit(token, events_at, dates)
            dates[event.id] = (timex, inferred)
            if not self._listed(event, token, events_at):
                continue
            ref = timex.value if timex is not None and timex.value in _REFS else None
            if ref is not None:
                timex = None  # "now", "in the past": placed by the DCT, not shown as a date
            value = timex.value if timex is not None else doc.dct
            entry = TimelineEntry.anchored(
                value, doc.dct, event=event.text, sentence=sentence_text(doc, token),
                doc=doc.id, offsets=(event.start, event.end),
                summary=self._summary(token, names),
                actors=self._actors(token, names), source=sources.get(event.id),
                inferred=(inferred or timex is None) and ref != "PRESENT_REF",
                polarity=_polarity(event, token, self.lexicon.negative_subjects),
                duration=duration.value if duration is not None else None,
                timex=timex.id if timex is not None else None,
                sentence_offsets=sentence_span(token),
                highlights=self._highlights(doc, event, token),
                lemma=token.lemma_.lower(), keywords=_keywords(clause_tokens(token)),
            )
            if ref == "PRESENT_REF":
                pass
            elif timex is None and doc.dct and (event.tense == "PAST" or ref == "PAST_REF"):
                entry.start = None  # happened before the DCT, exact start unknown
            elif timex is None and doc.dct and (event.tense == "FUTURE" or ref == "FUTURE_REF"):
                entry.end = None  # will happen after the DCT, exact end unknown
            # The same event mentioned twice is one entry: a noun by its lemma (the dated
            # mention wins), a verb by its lemma and date.
            key = (token.lemma_.lower(), None if token.pos_ == "NOUN" else entry.date)
            place = seen.get(key)
            if place is not None:
                if entries[place].inferred and not entry.inferred:
                    entries[place] = entry
                continue
            seen[key] = len(entries)
            entries.append(entry)
            entry_token[id(entry)] = token
        kept = _without_covered_entries(entries, entry_token, events_at)
        folded = _fold_fragments(kept, entry_token, events_at)
        gone = {id(entry) for _host, fragments in folded.values() for _t, entry in fragments}
        for host, fragments in folded.values():
            host.summary = self._summary(entry_token[id(host)], names, fragments)
            for fragment, _entry in fragments:
                host.keywords = host.keywords | _keywords(_fragment_tokens(fragment))
        return [e for e in kept if id(e) not in gone]

    # -- what ---------------------------------------------------------------------------

    def _listed(self, event: Event, token, events_at: dict[int, Event]) -> bool:
        """Worth an entry: a listed class, not a modal or hypothetical mention, and not a
        starting verb whose subject is itself an event (that one carries the date). What
        another entry already says is removed afterwards (:func:`_without_covered_entries`)."""
        if event.id in self._circumstances:
            return False
        if event.cls not in self.lexicon.listed_classes and event.id not in self._told_events:
            return False
        if token.dep_ in ("amod", "compound"):  # "the returning engineers": a modifier
            return False
        if event.modality and event.modality.lower() in self.lexicon.hypothetical_modals:
            return False
        if token.lemma_.lower() in self.lexicon.start_verbs and token.dep_ in ("relcl", "acl"):
            return token.head.i not in events_at
        return True

    # -- when ---------------------------------------------------------------------------

    def _anchor(self, token, events_at, timex_heads, linked: Timex | None):
        """(date timex, duration timex) attached to the event in the parse, else by a link."""
        date = duration = None
        for timex in self._governed.get(token.i, ()):
            if timex.type == "DURATION":
                duration = duration or timex
            elif timex.type in ("DATE", "TIME") and date is None:
                date = timex
        if date is None:
            date = self._start_clause_date(token, events_at, timex_heads)
        if date is None and linked is not None and linked.type in ("DATE", "TIME"):
            date = linked
        return date, duration

    def _start_clause_date(self, token, events_at, timex_heads) -> Timex | None:
        """The date of a starting clause on an event noun: "deployment that started in August"."""
        for child in token.children:
            if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in self.lexicon.start_verbs:
                for timex in self._governed.get(child.i, ()):
                    if timex.type in ("DATE", "TIME"):
                        return timex
        return None

    def _inherit(self, token, events_at, dates) -> tuple[Timex | None, bool]:
        """The date of the nearest governing event already dated, flagged as inferred."""
        head = token
        for _ in range(8):
            if head.head is head:
                break
            head = head.head
            event = events_at.get(head.i)
            if event is not None and event.id in dates and dates[event.id][0] is not None:
                return dates[event.id][0], True
        return None, True

    # -- who, who says so -----------------------------------------------------------------

    def _sources(self, doc: Document, parsed, events_at, names,
                 body_start: int = 0) -> dict[str, str]:
        """event id -> who asserts it: the reporting verb's subject or "according to X"."""
        sources: dict[str, str] = {}
        for event in doc.events:
            token = token_at(parsed, event.start, event.end)
            if token is None:
                continue
            if event.cls == "REPORTING" or token.lemma_.lower() in self.lexicon.reporting_verbs:
                speaker = self._speaker(token, names, body_start)
                content = {t.i for child in token.children if child.dep_ in _CONTENT_DEPS
                           for t in child.subtree}
                if _polarity(event, token, self.lexicon.negative_subjects) == "NEG":
                    # "did not confirm reports of attacks": no source for what is denied,
                    # and the denial is the news, listed in its own right.
                    self._told_events.add(event.id)
                    self._circumstances.update(events_at[i].id for i in content
                                               if i in events_at)
                    continue
                if not any(i in events_at for i in content) and any(
                        c.dep_ == "dobj" for c in token.children):
                    self._told_events.add(event.id)  # "announced a new commander"
                if token.dep_ in ("parataxis", "advcl") and token.head.i in events_at:
                    # "The troops withdrew, officials said": what is said is the head clause
                    inner = {t.i for t in token.subtree}
                    content |= {t.i for t in token.head.subtree if t.i not in inner}
                for item in token.subtree:
                    if item.i in events_at and item.i != token.i and item.i not in content:
                        self._circumstances.add(events_at[item.i].id)  # "in a speech"
                for index in content:
                    if speaker and index in events_at:
                        sources.setdefault(events_at[index].id, speaker)
        for token in parsed:
            phrase = self._according_to(token, names)
            if phrase:
                clause = token.head
                for reported in clause.subtree:
                    if reported.i in events_at:
                        sources.setdefault(events_at[reported.i].id, phrase)
        return sources

    def _speaker(self, token, names, body_start: int = 0) -> str | None:
        subjects = [c for c in token.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= body_start]
        if subjects:  # the one nearest the verb (a dateline can parse as a subject too)
            subject = subjects[-1]
            labels = self.lexicon.pronouns.get(subject.lower_)
            if labels:  # "it said": an earlier speaker, else the labels in their order
                earlier = [name for offset, name, label in self._speakers
                           if offset < subject.idx and label in labels]
                return earlier[-1] if earlier else names.before_in_order(subject.idx, labels)
            name = self._phrase(subject, names)
            if name:
                self._speakers.append((subject.idx, name, names.label_of(subject)))
            return name
        for child in token.children:  # "..., said in a speech carried by state media"
            if child.dep_ == "agent":
                for obj in child.children:
                    return self._phrase(obj, names)
        return None

    def _attribution_tokens(self, parsed, names) -> set[int]:
        """Indices of the tokens of every "according to X" phrase of the text."""
        return {t.i for item in parsed if self._according_to(item, names)
                for t in item.subtree}

    def _according_to(self, token, names) -> str | None:
        text = token.lower_
        for first, second in self.lexicon.attribution_preps:
            if text == first:
                for child in token.children:
                    if child.lower_ == second:
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                return self._phrase(obj, names)
        return None

    def _phrase(self, head, names) -> str | None:
        """A named noun phrase: the fullest name of its entity, else its words sans articles."""
        if head.lower_ in self.lexicon.pronouns:
            return names.before(head.idx, self.lexicon.pronouns[head.lower_])
        name = names.of(head)
        if name:
            return name
        words, stack = [], [head]
        while stack:  # the head and what hangs on it, without clauses, articles, appositions
            item = stack.pop()
            words.append(item)
            stack.extend(c for c in item.children if c.dep_ not in _PHRASE_CUTS)
        out = ""
        previous = None
        for t in sorted(words, key=lambda t: t.i):  # spaced as in the text: "anti-foreigner"
            if previous is not None and (previous.i != t.i - 1 or previous.whitespace_):
                out += " "
            named = t.pos_ == "PROPN" or t.ent_type_
            out += t.lower_ if t.is_sent_start and not named else t.text  # "Officials" -> officials
            previous = t
        return out or None

    def _actors(self, token, names) -> list[str]:
        actors: list[str] = []
        for item in clause_tokens(token):
            if item.i in self._attribution:  # "according to the ministry" is the source
                continue
            name = names.of(item)
            if name and name not in actors:
                actors.append(name)
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and self._resolvable(subject, token):
            name = names.near(subject, self.lexicon.pronouns[subject.lower_])
            if name and name not in actors:
                actors.insert(0, name)
        return actors

    def _resolvable(self, subject, verb) -> bool:
        """A pronoun subject that names someone ("they fled"), not an impersonal "it"."""
        if subject.lower_ not in self.lexicon.pronouns:
            return False
        return not (subject.lower_ == "it"
                    and verb.lemma_.lower() in self.lexicon.impersonal_verbs)

    # -- text -------------------------------------------------------------------------------

    def _summary(self, token, names, fragments: list[tuple[object, TimelineEntry]] = ()) -> str:
        """A short who-did-what clause from the event's own clause and the fragments folded
        into it ("exploded ..., killing dozens"), dates left out, punctuation kept."""
        clause = {t.i: t for t in clause_tokens(token)}
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            head = token.head  # "hundreds injured": the participle says what of the noun
            clause.update((t.i, t) for t in head.lefts if t.dep_ in _NOUN_MODIFIERS)
            clause[head.i] = head
        for fragment, _entry in fragments:
            clause.update((t.i, t) for t in _fragment_tokens(fragment))
        words = with_inner_punctuation(
            [t for _, t in sorted(clause.items()) if t.i not in self._left_out])
        limit = _MAX_SUMMARY_TOKENS * (2 if fragments else 1)
        while words and words[0].tag_ == "WRB" and words[0] is not token:
            words = words[1:]  # "when robbers fired": robbers fired
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        name = None
        if subject is not None and subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            name = self._phrase(token.head, names)  # "a woman who was watching"
        elif subject is not None and self._resolvable(subject, token):
            name = names.near(subject, self.lexicon.pronouns[subject.lower_])
        if name:
            rest = [t for t in words if t.i not in {s.i for s in subject.subtree}]
            return f"{name} {join_tokens(rest[:limit])}".strip()
        shared = shared_subject(token) if subject is None else None
        if shared is not None:  # "Kim met Xi and signed a deal": Kim signed a deal
            who = self._phrase(shared, names)
            if who:
                return f"{who} {join_tokens(words[:limit])}".strip()
        return join_tokens(words[:limit])

    def _highlights(self, doc: Document, event: Event, token) -> list[tuple[int, int, str]]:
        start, end = sentence_span(token)
        marks = [(event.start, event.end, "event")]
        lo = bisect.bisect_left(self._timex_starts, (start, -1))
        hi = bisect.bisect_right(self._timex_starts, (end, len(doc.timexes)))
        inside = sorted(k for _, k in self._timex_starts[lo:hi] if doc.timexes[k].end <= end)
        marks += [(doc.timexes[k].start, doc.timexes[k].end, "timex") for k in inside]
        return marks


def _linked_timexes(doc: Document) -> dict[str, Timex]:
    """event id -> the timex a TLINK puts it in or at."""
    timexes = {t.id: t for t in doc.timexes}
    out: dict[str, Timex] = {}
    for link in doc.links:
        if link.rel not in _ANCHOR_RELS and link.rel != "INCLUDES":
            continue
        if link.rel != "INCLUDES" and link.target in timexes:
            out.setdefault(link.source, timexes[link.target])
        elif link.rel == "INCLUDES" and link.source in timexes:
            out.setdefault(link.target, timexes[link.source])
    return out


def _left_out_of_summaries(parsed, timex_heads: dict[int, Timex], body_start: int,
                           attribution: set[int]) -> frozenset[int]:
    """Tokens no summary shows: the dateline, white space, the time expressions and the
    prepositions that only introduce them ("on Friday", "from 2019 to 2021"), and the
    attribution phrases ("according to X" is the source, not the event)."""
    out = {t.i for t in parsed if t.idx < body_start or t.is_space}
    dates: set[int] = set()
    for index, timex in timex_heads.items():
        if timex.type in ("DATE", "TIME"):  # durations and sets are content: "for six months"
            dates.update(t.i for t in parsed[index].subtree)
    for _ in range(2):
        for index in list(dates):
            governor = parsed[index].head
            if governor.dep_ in ("prep", "pcomp") and governor.i not in dates and all(
                    c.i in dates or c.i in out for c in governor.children):
                dates.add(governor.i)
    return frozenset(out | dates | attribution)


def _without_covered_entries(entries: list[TimelineEntry], entry_token: dict[int, object],
                             events_at: dict[int, Event]) -> list[TimelineEntry]:
    """Drop what another entry already says: an event noun that is the subject or object of
    a listed verb on the same date or with no date of its own ("the talks will resume in
    April", "extend sanctions"), an undated noun or non-finite verb inside the clause of a
    listed event ("tried to scare ... by calling on Arabs", "withdrew after a battle"), and
    an undated non-finite verb whose summary is the verb alone ("allowing")."""
    by_token = {entry_token[id(e)].i: e for e in entries if id(e) in entry_token}
    clauses: dict[int, set[int]] = {}
    kept = []
    for entry in entries:
        token = entry_token.get(id(entry))
        if token is None:
            kept.append(entry)
            continue
        verb = by_token.get(token.head.i)
        if (verb is not None and verb is not entry and token.pos_ in ("NOUN", "PROPN")
                and token.dep_ in _ARGUMENTS and (verb.date == entry.date or entry.inferred)):
            continue
        event = events_at.get(token.i)
        nominal_or_non_finite = token.pos_ in ("NOUN", "PROPN") or (
            event is not None and event.tense in _NON_FINITE)
        if entry.inferred and nominal_or_non_finite and _in_listed_clause(
                token, by_token, clauses):
            continue
        if (entry.inferred and event is not None and event.tense in _NON_FINITE
                and entry.summary.lower() in (entry.event.lower(), f"to {entry.event.lower()}")):
            continue  # a bare "allowing" or "firing" with nothing of its own to say
        kept.append(entry)
    return kept


def _in_listed_clause(token, by_token: dict[int, TimelineEntry],
                      clauses: dict[int, set[int]]) -> bool:
    """Whether ``token`` is in the summary clause of an event above it that has an entry."""
    head = governor_event(token, by_token, steps=6)
    if head is None:
        return False
    if head not in clauses:
        clauses[head] = {t.i for t in clause_tokens(token.doc[head])}
    return token.i in clauses[head]


def _polarity(event: Event, token, negative_subjects: frozenset[str]) -> str:
    """NEG for a negated event ("did not respond") or a negative subject ("nobody came")."""
    if event.polarity == "NEG" or any(c.dep_ == "neg" for c in token.children):
        return "NEG"
    if any(c.dep_ in _SUBJECTS and c.lower_ in negative_subjects for c in token.children):
        return "NEG"
    return "POS"


def _fragment_tokens(token) -> list:
    """A folded fragment's clause with the participles coordinated with it ("killing 12
    people and injuring dozens")."""
    tokens = clause_tokens(token)
    for child in token.children:
        if child.dep_ == "cc" or (child.dep_ == "conj" and child.tag_ in ("VBG", "VBN")):
            tokens += [child] if child.dep_ == "cc" else _fragment_tokens(child)
    return tokens


def _keywords(tokens) -> frozenset[str]:
    """The content words of a clause, as lower-case lemmas (what merging compares)."""
    return frozenset(t.lemma_.lower() for t in tokens if t.is_alpha and not t.is_stop)


def _fold_fragments(entries: list[TimelineEntry], entry_token: dict[int, object],
                    events_at: dict[int, Event]) -> dict[int, tuple[TimelineEntry, list]]:
    """id(host entry) -> (host, its fragments as (token, entry) pairs): non-finite verbs
    that complete a listed event of the same sentence ("Bombs exploded ..., killing dozens
    of people and injuring hundreds"; "a street packed with cars") and have no other date
    of their own. Fragments of fragments fold into the same host."""
    by_token = {entry_token[id(e)].i: e for e in entries if id(e) in entry_token}
    host_of: dict[int, TimelineEntry] = {}
    folded: dict[int, tuple[TimelineEntry, list]] = {}
    for entry in entries:  # in text order, so a fragment's own host is resolved first
        token = entry_token.get(id(entry))
        event = events_at.get(token.i) if token is not None else None
        if event is None or not _is_fragment(token, event):
            continue
        head = governor_event(token, by_token, steps=6)
        if head is None or sentence_start(token.doc[head]) != sentence_start(token):
            continue
        host = host_of.get(head, by_token[head])
        if not (entry.inferred or entry.date == host.date):
            continue
        host_of[token.i] = host
        folded.setdefault(id(host), (host, []))[1].append((token, entry))
    return folded


def _is_fragment(token, event: Event) -> bool:
    """A non-finite verb hanging on another clause: a participle or infinitive without a
    subject of its own."""
    non_finite = event.tense in _NON_FINITE or token.tag_ in ("VBG", "VBN")
    return (non_finite and token.pos_ in ("VERB", "AUX", "ADJ")
            and token.dep_ in _FRAGMENT_DEPS
            and not any(c.dep_ in _SUBJECTS for c in token.children))
