"""Table stores: the Hudi tables of the lake, and an in-memory equal for property tests."""
