"""Kaoda's Streamlit front end; it talks to the service over HTTP only (see ``ui.client``)."""
