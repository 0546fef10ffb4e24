"""Measuring the compliance checks on labelled text: scoring a corpus, first-sight records."""
