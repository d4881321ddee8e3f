"""Assessment of a firm profile: licences, obligations, conflicts and a common plan.

`assess(atlas, profile, day)` lives in `engine.py`; the profile is read by `profile_io.py`.
"""
