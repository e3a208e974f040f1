"""Expert support: partners' offers, agencies' requests, matching and engagements (issue 18)."""
