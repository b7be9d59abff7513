"""Analyses over a whole database: actor resolution (actors.py), and later networks, timelines,
coordination and near-duplicates."""
