"""Participants answer from their phones: a small web server inside the app's own event loop,
its French page, the join QR code and the addresses it can listen on. It speaks to the room
only through the use cases (usecases/phone_answers.py)."""
