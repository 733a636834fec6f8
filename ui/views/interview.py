"""Page: set up an interview, then run it."""

from ui.chat import current, render_chat
from ui.setup import render_setup

data = current()
if data is None:
    render_setup()
else:
    render_chat(data)
