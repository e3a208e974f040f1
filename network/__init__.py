"""The Network domain: the administrative tree, organisations, members, focal points, platforms and KPIs."""
