"""The base domain: the administrative tree, the Actor and its scope (later: organisations, members)."""
