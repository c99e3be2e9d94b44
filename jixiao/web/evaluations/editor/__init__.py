"""The form editor: POST names ↔ form JSON, structural edits, and the state a template shows."""
