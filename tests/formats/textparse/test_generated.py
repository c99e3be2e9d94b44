"""A property: any department form, printed the way pdftotext prints the published PDFs
(wrapped cells, page breaks that repeat the cut task), reads back as the same form.

The printer is the benchmark's generator, so this also keeps the benchmark honest."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.bench_import import generate_form, render_text
from jixiao.core.serialization import form_to_data
from jixiao.formats.textparse import parse_text


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_a_generated_form_printed_as_extracted_text_reads_back_identically(seed: int) -> None:
    form = generate_form(random.Random(seed), 1)
    parsed = parse_text(render_text(form))
    assert len(parsed) == 1
    assert form_to_data(parsed[0].form) == form_to_data(form)
    assert parsed[0].report.unplaced == []
