"""The ASGI shell of DXNet: settings, database start-up, HTTP, authentication, CLI."""
