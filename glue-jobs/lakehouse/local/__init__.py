"""Local stand-ins for AWS services, for laptop runs and tests."""
