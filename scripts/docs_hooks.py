"""MkDocs hook: the CLI and REST API references, generated from the code at build time.

The CLI reference walks the Typer app's commands (help, usage, options); the REST reference reads
the app's OpenAPI document. Both are generated files of the site, never written into docs/, so they
cannot go stale or drift from what the program does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files


def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def cli_reference() -> str:
    """Markdown for every `regatlas` command: its help, usage line and options."""
    import typer

    from regatlas.interfaces.cli.app import app

    root = typer.main.get_command(app)
    context = type(root.make_context("regatlas", [], resilient_parsing=True))  # Typer's own click
    out = ["# CLI reference", "", "Generated from the commands themselves (`regatlas --help`).", ""]

    def walk(cmd: Any, path: list[str], parent: Any) -> None:
        ctx = context(cmd, info_name=path[-1], parent=parent)
        if path != ["regatlas"]:
            out.extend([f"## `{' '.join(path)}`", "", _cell(cmd.help), "", "```text",
                        cmd.get_usage(ctx), "```", ""])
            records = [r for r in (p.get_help_record(ctx) for p in cmd.params) if r and r[0] != "--help"]
            if records:
                out.extend(["| argument or option | help |", "|---|---|"])
                out.extend(f"| `{_cell(names)}` | {_cell(text)} |" for names, text in records)
                out.append("")
        if hasattr(cmd, "commands"):  # a command group
            for name in sorted(cmd.commands):
                walk(cmd.commands[name], [*path, name], ctx)

    walk(root, ["regatlas"], None)
    return "\n".join(out)


def rest_reference() -> str:
    """Markdown for every REST operation of the OpenAPI document: parameters, body, responses."""
    from regatlas.interfaces.api.app import create_app

    spec = create_app().openapi()
    out = ["# REST API reference", "",
           (f"Generated from the OpenAPI document ({spec['info']['title']} {spec['info']['version']}), "
            "served at `/openapi.json` with Swagger UI at `/docs` and ReDoc at `/redoc`. Errors are RFC "
            "9457 problem details."), ""]
    ref = lambda schema: (schema or {}).get("$ref", "").rsplit("/", 1)[-1] or (schema or {}).get("type", "")
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            out.extend([f"## `{method.upper()} {path}`", "", _cell(op.get("description") or op.get("summary")), ""])
            params = op.get("parameters", [])
            if params:
                out.extend(["| parameter | in | required | type |", "|---|---|---|---|"])
                out.extend(f"| `{p['name']}` | {p['in']} | {'yes' if p.get('required') else 'no'} | "
                           f"{_cell(ref(p.get('schema')) or 'see schema')} |" for p in params)
                out.append("")
            body = op.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                out.extend([f"Request body ({media}): `{ref(content.get('schema')) or 'see schema'}`", ""])
            out.extend(["| status | answer |", "|---|---|"])
            for status, response in op.get("responses", {}).items():
                media = response.get("content", {})
                schema = next((ref(c.get("schema")) for c in media.values()), "")
                out.append(f"| {status} | {_cell(response.get('description'))}"
                           f"{f' (`{schema}`)' if schema else ''} |")
            out.append("")
    return "\n".join(out)


def on_files(files: Files, config: Any) -> Files:
    """Add the generated reference pages to the site."""
    for uri, text in (("reference/cli.md", cli_reference()), ("reference/rest.md", rest_reference())):
        files.append(File.generated(config, uri, content=text))
    return files
