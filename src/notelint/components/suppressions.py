"""`notelint_suppressions`: reports inline suppression directives that are themselves wrong.

A directive without a reason (NL902) or naming no known rule (NL903) becomes a candidate like any other
finding. Applying the valid directives, and reporting unused ones (NL901), needs the final findings, so
`notelint.lint` does that after selection (see `notelint.suppressions.apply`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import candidates, doccache, suppressions
from ..catalogue import load_catalogue


class SuppressionChecker:
    """Add a candidate for every malformed directive in the note."""

    def __init__(self, extra_patterns: list[str]):
        self.catalogue = load_catalogue(extra_patterns)
        self.codes = {r.code for r in self.catalogue.active}

    def __call__(self, doc: Doc) -> Doc:
        if "notelint-" not in doccache.text(doc):  # most notes have no directive: skip the regex
            return doc
        for directive, code, message in suppressions.problems(doccache.text(doc), self.catalogue):
            if code not in self.codes:
                continue
            span = doc.char_span(directive.start, directive.end, alignment_mode="expand")
            if span is not None and len(span):
                candidates.add(doc, span, code, message=message)
        return doc


@Language.factory("notelint_suppressions", default_config={"extra_patterns": []})
def make_suppressions(nlp: Language, name: str, extra_patterns: list[str]):
    """Report malformed `<!-- notelint-... -->` directives (missing reason, unknown rule or verb)."""
    return SuppressionChecker(extra_patterns)
