"""The local page and JSON API that `notelint serve` runs (see `app.create_app`)."""
