"""Importing published transcripts (saved pages, feed items, pandoc Markdown, tarballs of them) into
`content/briefings/` as normalised text files the parser reads.
"""
