"""Read and clean stages: formats, paragraph offsets, removals; property tests on arbitrary text."""
from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronique.clean import clean, split_paragraphs
from chronique.errors import EmptyArticleError
from chronique.read import read_paths

PARA = "La Russie a condamné jeudi les nouvelles sanctions américaines, a indiqué le Kremlin."


@pytest.mark.parametrize("text, kinds", [
    (f"{PARA}\n\n{PARA}", ["duplicate"]),
    (f"Le président visite Pékin. Photo : AFP\n\n{PARA}", ["caption"]),
    (f"{PARA}\n\nLire aussi : Moscou et Pékin signent un accord\n\nLien vers autre chose", ["boilerplate", "boilerplate"]),
    (f"{PARA}\n\nRead more: Russia and China sign a deal", ["boilerplate"]),
    (f"{PARA}\n\nRelated: Five things to know", ["boilerplate"]),
    (f"{PARA}\n\nA lire également", ["boilerplate"]),
    (PARA, []),
])
def test_removals(text, kinds):
    cleaned = clean(text)
    assert [r.kind for r in cleaned.removed] == kinds
    assert cleaned.text.startswith(PARA[:20])


def test_mid_article_read_also_keeps_following_paragraphs():
    long_para = PARA + " " + PARA.replace("Russie", "Chine") + " " + PARA.replace("Kremlin", "ministère")
    cleaned = clean(f"{PARA}\n\nLire aussi : Un autre article\n\n{long_para}")
    assert long_para in cleaned.text


def test_mojibake_repaired():
    broken = "La Chine a fÃ©licitÃ© le Kazakhstan."
    assert clean(broken).text == "La Chine a félicité le Kazakhstan."


def test_empty_after_cleaning():
    with pytest.raises(EmptyArticleError):
        clean("Photo : Xinhua")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_paragraph_offsets_slice_the_text(text):
    try:
        cleaned = clean(text)
    except EmptyArticleError:
        return
    pieces = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
    assert "\n\n".join(pieces) == cleaned.text
    assert all(p.strip() == p and p for p in pieces)


@given(st.lists(st.text(alphabet="abc éà\n", min_size=1, max_size=40), max_size=8))
def test_split_paragraphs_keeps_words(blocks):
    text = "\n\n".join(blocks)
    assert " ".join(split_paragraphs(text)).split() == text.split()


def test_read_formats(tmp_path):
    (tmp_path / "a.txt").write_text(PARA)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(f"<html><head><title>T</title></head><body><article><p>{PARA}</p>"
                                             f"<p>{PARA.replace('Russie', 'Chine')}</p></article></body></html>")
    rows = [{"id": "x1", "text": PARA, "published": "2024-05-06", "language": "fr"},
            {"id": "x2", "html": f"<p>{PARA}</p>"}]
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows))
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    raws = list(read_paths([str(tmp_path)]))
    kinds = sorted((r.source.rsplit("/", 1)[-1], r.html is not None, r.id) for r in raws)
    assert kinds == [("a.txt", False, None), ("b.html", True, None), ("c.jsonl.gz:1", False, "x1"),
                     ("c.jsonl.gz:2", True, "x2")]
    first = next(r for r in raws if r.id == "x1")
    assert first.published.isoformat() == "2024-05-06" and first.language == "fr"


def test_read_missing_file_is_an_error_record(tmp_path):
    [raw] = list(read_paths([str(tmp_path / "nope.txt")]))
    assert raw.read_error is not None and "cannot read" in raw.read_error.message


@pytest.mark.parametrize("text, expected", [
    # lines of about one width are one wrapped paragraph
    ("The Chilean foreign ministry said on Thursday that two\nPeruvian diplomats had been expelled for spying on the\n"
     "navy, the ministry said.", 1),
    # a byline, a date, a subtitle and a first sentence one under the other are four paragraphs
    ("By Ana Ruiz and Li Wei, Wire\nFriday, March 31, 2023\nChile expels two diplomats over spying\nThe Chilean foreign "
     "ministry said on Thursday that two Peruvian diplomats had been expelled for spying on the navy.", 4),
])
def test_line_breaks_inside_a_block(text, expected):
    assert len(split_paragraphs(text + "\n\nA second paragraph.")) == expected + 1
