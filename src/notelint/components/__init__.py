"""spaCy components that make up the notelint pipeline (registered with `@Language.factory`)."""
