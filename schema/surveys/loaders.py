"""DataLoaders of surveys: none of their own yet.

Survey lists prefetch what their selection needs; a survey's admin unit comes through
``schema.network.loaders.AdminUnitByIdLoader``. Add ``<Thing>By<Key>Loader`` classes here
(see ``schema.core.loaders``) when a field needs one.
"""

from __future__ import annotations
