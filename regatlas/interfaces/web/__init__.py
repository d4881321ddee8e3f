"""Offline web app: server-rendered pages (Jinja2) and a little JavaScript, no CDN."""
