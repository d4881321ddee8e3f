"""The rulebook as the atlas recorded it over time: versions, old rulebooks, what changed."""
