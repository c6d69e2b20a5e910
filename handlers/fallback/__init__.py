"""What a message no route claims gets, one kind of message per module; the fallback that
tries them in turn is assembled in `handlers.common`."""
