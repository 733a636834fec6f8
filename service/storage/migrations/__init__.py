"""Alembic migrations: ``env.py`` and ``versions/``, run by :mod:`service.storage.migrate`."""
