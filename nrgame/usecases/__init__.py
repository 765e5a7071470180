"""Use cases: what a person does with nrgame, played and recorded, one module each.

They sit between storage, reports and gift below and the faces above (tui, cli, and a web
front-end later): a face calls these and core's pure types, never a storage module, and gets
Store, its records and errors from `open_store`. tests/test_layers.py enforces it.
"""
