"""`nrgame web`: the app served to browsers, guarded (token, origin, session cap)."""
