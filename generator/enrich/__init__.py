"""Enriching parsed briefings with what the archive knows: anchors from their locks, identities from
`speakers.yml`, question–answer links and topics from `topics.yml`; `loader` loads a whole archive.
"""
