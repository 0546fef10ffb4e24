from clinicstudio.compliance.text import Text


def test_tokens_keep_handles_hashtags_emails_and_links_apart():
    text = Text("Email jo@clinic.org or @jo.smith, see maple.com #FluShots now")
    kinds = {t.text: t.kind for t in text.tokens}
    assert kinds["jo@clinic.org"] == "email"
    assert kinds["@jo.smith"] == "handle"
    assert kinds["maple.com"] == "url"
    assert kinds["#FluShots"] == "hashtag"
    assert kinds["now"] == "word"


def test_sentences_do_not_split_after_titles_or_initials():
    text = Text("Dr. Lee met Maria G. today. Then lunch!\nNew line")
    pieces = [text.raw[s.start:s.end].strip() for s in text.sentences]
    assert pieces == ["Dr. Lee met Maria G. today.", "Then lunch!", "New line"]


def test_negation_reaches_back_within_the_clause_only():
    text = Text("There is no cure for colds, but rest cures boredom.")
    assert text.negated(text.raw.index("cure "))
    assert not text.negated(text.raw.index("cures"))


def test_window_spans_neighbouring_sentences():
    text = Text("One. Two. Three. Four.")
    lo, hi = text.window(text.raw.index("Three"), text.raw.index("Three") + 5, 1, 0)
    assert text.raw[lo:hi].strip() == "Two. Three."


def test_lower_keeps_offsets_for_letters_that_grow_when_lowered():
    text = Text("İstanbul trip")
    assert len(text.lower) == len(text.raw)
