"""DX projects: what each unit is building, how far it is, where the money goes (issue 18)."""
