"""build_story on small made-up articles: dates chosen, duplicates merged, offsets, filters,
streaming."""

from __future__ import annotations

from newsline.documents import Document
from newsline.story import Story, build_story


def _articles() -> list[Document]:
    return [
        Document(id="a1", dct="2024-03-02", meta={"source": "outlet-a"}, text=(
            "The river dam at Norden gave way on Saturday , flooding three villages .\n"
            "Rescue teams worked through the night .\n"
            "The mayor said the dam had been inspected last year .\n")),
        Document(id="b1", dct="2024-03-02", meta={"source": "outlet-b"}, text=(
            "The river dam at Norden gave way on Saturday , flooding three villages .\n"
            "Hundreds of people were taken to schools and halls .\n"
            "Officials promised an inquiry .\n")),
        Document(id="a2", dct="2024-03-10", meta={"source": "outlet-a"}, text=(
            "An inquiry into the Norden dam collapse opened on Monday .\n"
            "The dam gave way on March 2 , flooding three villages .\n"
            "Engineers told the inquiry that cracks were seen in January .\n")),
        Document(id="b2", dct="2024-03-20", meta={"source": "outlet-b"}, text=(
            "Norden villagers returned home on Wednesday , weeks after the dam gave way .\n"
            "The collapse of the dam on 2 March flooded three villages .\n"
            "Repairs will start in the summer .\n")),
    ]


def test_the_date_most_articles_refer_to_is_chosen_first() -> None:
    story = build_story(_articles(), dates=1)
    assert [e.date for e in story.entries] == ["2024-03-02"]
    entry = story.entries[0]
    assert entry.mentions >= 4
    assert entry.outlets == ["outlet-a", "outlet-b"]
    assert entry.articles == 4


def test_entries_are_sorted_by_date_and_limited() -> None:
    story = build_story(_articles(), dates=3, sentences=1)
    dates = [e.date for e in story.entries]
    assert dates == sorted(dates) and len(dates) == 3
    assert all(len(e.sentences) == 1 for e in story.entries)


def test_near_duplicate_reports_are_merged_with_all_their_sources() -> None:
    docs = _articles()
    story = build_story(docs, dates=1, sentences=3)
    texts = [s.text for s in story.entries[0].sentences]
    assert len([t for t in texts if t.startswith("The river dam at Norden")]) == 1
    merged = next(s for s in story.entries[0].sentences if s.text.startswith("The river dam"))
    sources = {merged.doc} | {r["doc"] for r in merged.reports}
    assert {"a1", "b1"} <= sources
    assert {merged.source} | {r["source"] for r in merged.reports} >= {"outlet-a", "outlet-b"}


def test_offsets_index_the_document_text() -> None:
    docs = {d.id: d for d in _articles()}
    story = build_story(list(docs.values()), dates=4, sentences=3)
    seen = 0
    for entry in story.entries:
        for s in entry.sentences:
            assert docs[s.doc].text[s.start:s.end] == s.text
            for r in s.reports:
                assert docs[r["doc"]].text[r["start"]:r["end"]]
            seen += 1
    assert seen >= 4


def test_from_and_to_keep_only_dates_in_the_period() -> None:
    story = build_story(_articles(), dates=10, start="2024-03-05", end="2024-03-15")
    assert story.entries
    assert all("2024-03-05" <= e.date <= "2024-03-15" for e in story.entries)
    assert story.start == "2024-03-05" and story.end == "2024-03-15"


def test_query_keeps_only_articles_with_its_words() -> None:
    story = build_story(_articles(), dates=10, query="inquiry")
    docs = {s.doc for e in story.entries for s in e.sentences}
    assert docs and docs <= {"b1", "a2"}
    assert story.articles == 2


def test_a_generator_is_read_once() -> None:
    consumed = []

    def stream():
        for doc in _articles():
            consumed.append(doc.id)
            yield doc

    story = build_story(stream(), dates=2)
    assert consumed == ["a1", "b1", "a2", "b2"]
    assert story.articles == 4 and len(story.entries) == 2


def test_the_json_has_the_contract_shape() -> None:
    out = build_story(_articles(), dates=2).to_dict()
    assert set(out) == {"story", "entries"}
    assert set(out["story"]) >= {"title", "from", "to", "articles", "outlets"}
    entry = out["entries"][0]
    assert set(entry) >= {"date", "sentences", "articles", "outlets", "mentions"}
    assert set(entry["sentences"][0]) >= {"text", "doc", "source", "start", "end", "reports"}
    assert isinstance(build_story([], dates=2), Story)


def test_page_date_stamps_are_not_references_and_are_cut_from_sentences() -> None:
    stamp = "Page last updated at 10:39 GMT , Wednesday , 28 September 2011 11:39 UK "
    doc = Document(id="s1", dct="2011-09-28", meta={"source": "bbc"}, text=(
        stamp + "The trial of the doctor opened in Los Angeles on Tuesday .\n"
        "Jurors heard the opening statements .\nThe judge adjourned the court .\n"))
    story = build_story([doc], dates=5)
    assert "2011-09-28" not in {e.date for e in story.entries if e.mentions}
    sentences = [s for e in story.entries for s in e.sentences]
    assert sentences and all(not s.text.startswith("Page last") for s in sentences)
    opened = next(s for s in sentences if s.text.startswith("The trial"))
    assert doc.text[opened.start:opened.end] == opened.text
    assert "2011-09-27" in {e.date for e in story.entries}


def test_removed_comments_are_never_quoted() -> None:
    doc = Document(id="c1", dct="2011-11-08", text=(
        "The doctor was found guilty on Monday .\n"
        "8th November 2011 - 17:42 This comment was removed because it broke the rules .\n"
        "Sentencing was set for 29 November .\n"))
    story = build_story([doc], dates=5, sentences=3)
    texts = [s.text for e in story.entries for s in e.sentences]
    assert texts and not any("comment was removed" in t for t in texts)


def test_the_python_api_name_newsline_story_builds_a_story() -> None:
    import newsline

    story = newsline.story(iter(_articles()), dates=1)
    assert isinstance(story, newsline.Story)
    assert [e.date for e in story.entries] == ["2024-03-02"]


def test_the_title_is_the_story_s_most_frequent_name() -> None:
    story = build_story(_articles(), dates=1)
    assert story.title == "Norden"
