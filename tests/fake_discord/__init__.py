"""A loopback fake of Discord for the end-to-end tests (see tests/README.md)."""
