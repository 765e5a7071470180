"""Moodle's GIFT format: read a question bank for review (parser, mapping) and write a deck
back (export). Pure: no screen, no storage."""
