"""Faces of regatlas: CLI, REST API, web app and reports, all over the same engines."""
