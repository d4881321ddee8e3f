"""REST API (FastAPI) over the same engines as the CLI; the web app is served by the same process."""
