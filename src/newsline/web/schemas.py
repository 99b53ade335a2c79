"""Request and answer shapes of the JSON API (the contract's fields), for validation and for
the OpenAPI schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|today)$"


class TagRequest(BaseModel):
    """One article to tag: its text and, unless the text begins with a ``date YYYY-MM-DD``
    line, its publication date."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="the article text (required unless files "
                             "are uploaded)")
    dct: str | None = Field(None, pattern=DATE_PATTERN,
                            description="publication date YYYY-MM-DD (or 'today')")
    format: Literal["json", "timeml"] = "json"


class TimelineRequest(BaseModel):
    """One article whose timeline is wanted."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="the article text (required unless files "
                             "are uploaded)")
    dct: str | None = Field(None, pattern=DATE_PATTERN,
                            description="publication date YYYY-MM-DD (or 'today')")
    format: Literal["json", "md", "html", "timelinejs"] = "json"
    title: str | None = Field(None, description="title of the md/html/timelinejs output")


class Article(BaseModel):
    """One article of a story request."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1)
    date: str | None = Field(None, description="publication date (ISO date or datetime)")
    published: str | None = None
    source: str | None = Field(None, description="the outlet")
    id: str | None = None
    title: str | None = None
    url: str | None = None


class StoryRequest(BaseModel):
    """Many articles about one story (or one ``text`` with its ``dct``)."""

    model_config = ConfigDict(extra="forbid")
    articles: list[Article] | None = Field(None, min_length=1)
    text: str | None = None
    dct: str | None = Field(None, pattern=DATE_PATTERN)
    format: Literal["json", "md", "html", "timelinejs"] = "json"
    title: str | None = None
    dates: int | None = Field(None, ge=1, le=1000, description="at most this many dates")
    sentences: int | None = Field(None, ge=1, le=100, description="sentences per date")
    date_from: str | None = Field(None, alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$")
    date_to: str | None = Field(None, alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$")
    query: str | None = Field(None, description="keep the sentences about these words")


class StoryForm(BaseModel):
    """The story page's upload form: the filters (the files come apart)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    dct: str | None = Field(None, pattern=DATE_PATTERN)
    date_from: str | None = Field(None, alias="from", pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    date_to: str | None = Field(None, alias="to", pattern=r"^(\d{4}-\d{2}-\d{2})?$")
    source: str | None = None
    actor: str | None = None
    text: str | None = Field(None, description="words the articles must hold")


class Timex(BaseModel):
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


class Event(BaseModel):
    id: str
    start: int
    end: int
    text: str
    class_: str = Field(alias="class")
    tense: str
    aspect: str
    polarity: str
    modality: str | None = None


class Link(BaseModel):
    type: str
    rel: str
    from_: str = Field(alias="from")
    to: str


class TaggedDocument(BaseModel):
    id: str
    dct: str | None
    text: str
    timexes: list[Timex]
    events: list[Event] = []
    links: list[Link] = []


class TagResponse(BaseModel):
    """``newsline tag``'s JSON."""

    documents: list[TaggedDocument]


class Report(BaseModel):
    doc: str
    offsets: list[int]
    source: str | None = None


class TimelineEntry(BaseModel):
    date: str | None
    start: str | None
    end: str | None
    event: str
    summary: str
    sentence: str
    actors: list[str]
    source: str | None
    doc: str
    offsets: list[int]
    reports: list[Report] = []


class TimelineResponse(BaseModel):
    """``newsline timeline``'s JSON."""

    entries: list[TimelineEntry]


class StoredEntry(TimelineEntry):
    outlet: str | None = None


class EntriesPage(BaseModel):
    """One page of stored entries."""

    entries: list[StoredEntry]
    total: int
    limit: int
    offset: int


class SentenceReport(BaseModel):
    doc: str
    source: str | None = None
    start: int
    end: int


class StorySentence(BaseModel):
    text: str
    doc: str
    source: str | None = None
    start: int
    end: int
    reports: list[SentenceReport] = []


class StoryEntry(BaseModel):
    date: str
    sentences: list[StorySentence]
    articles: int
    outlets: list[str]
    mentions: int


class StoryHeader(BaseModel):
    title: str | None = None
    model_config = ConfigDict(populate_by_name=True)
    date_from: str | None = Field(None, alias="from")
    date_to: str | None = Field(None, alias="to")
    articles: int
    outlets: list[str]


class StoryResponse(BaseModel):
    """``newsline story``'s JSON."""

    story: StoryHeader
    entries: list[StoryEntry]


class Health(BaseModel):
    status: Literal["ok", "starting"]
    version: str
    models_loaded: bool
    store: str | None = None


class Error(BaseModel):
    """Every error answer: a one-line message (no traceback)."""

    error: str
