"""The adapter's shared pieces, used by every domain subpackage of ``schema/``.

- ``context``: the per-request ``Context`` and ``SchemaSettings`` (the adapter's own view
  of the configuration, filled by the shell).
- ``errors``: ``ErrorCode`` (composed from each domain's ``codes.py``), ``UserError``,
  and how exceptions are presented.
- ``mutations``: ``mutate``, the one shape of every mutation resolver.
- ``inputs``: ``to_domain`` and ``provided``, from GraphQL inputs to service arguments.
- ``loaders``: the per-request ``LoaderRegistry``, ``loader(info, Cls)`` and the bases.
- ``ids``, ``limits``, ``pagination``, ``permissions``: arguments, request limits, Relay
  connections and declared permissions.
- ``audit``: the audit trail query, adapting the kernel's ``core.audit``.
"""
