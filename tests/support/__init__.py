"""Helpers shared by the test tiers (a local HTTP server, ...)."""
