"""Accounts: people who sign in, their sessions, partner API keys and sign-in throttling."""
