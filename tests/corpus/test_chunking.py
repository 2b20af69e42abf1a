"""Chunking: token-bounded, inside one page or section, offsets that point back at the source."""

from __future__ import annotations

from corpus.chunking import Chunker
from corpus.config import CorpusSettings
from corpus.models import Unit
from corpus.readers import read_file
from corpus.tokens import count_tokens
from tests.conftest import LABELS


def test_chunks_stay_inside_their_unit_and_offsets_are_exact() -> None:
    units = read_file(LABELS / "humira.xml").units
    chunks = Chunker(CorpusSettings(chunk_tokens=120, chunk_overlap=20)).chunk("humira", "1", units, key="abc")
    assert len(chunks) > len(units)
    for c in chunks:
        assert c.unit.text[c.start : c.end] == c.text  # the quote can be found at its offsets
        assert count_tokens(c.text) <= 120
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert chunks[0].chunk_id == "humira::abc::0"


def test_a_short_unit_is_one_chunk_and_pages_never_merge() -> None:
    units = [Unit(kind="page", text="Page one text about dosing.", page=1),
             Unit(kind="page", text="Page two text about safety.", page=2)]
    chunks = Chunker().chunk("doc", "1", units)
    assert [(c.text, c.unit.page) for c in chunks] == [("Page one text about dosing.", 1),
                                                       ("Page two text about safety.", 2)]


def test_tokenizer_works_offline_from_bundled_files() -> None:
    assert count_tokens("atorvastatin calcium") > 1
