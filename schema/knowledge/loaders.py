"""DataLoaders of the knowledge base: none yet.

Article lists are built from one ranked query plus one query for the page's articles and
one for their passages (knowledge.services.search_articles), so no field loads per row.
"""

from __future__ import annotations
