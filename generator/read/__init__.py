"""Reading one transcript: bytes and front matter in (`source`), a `Briefing` out (`parse`).

Pure: text in, model out, or an error naming `file:line`; no registry, no vocabulary, no other file.
"""
