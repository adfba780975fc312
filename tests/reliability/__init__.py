"""Reliability and safety suites: faults, bad input, secrets, rate limits, concurrency."""
