"""Data side of the joint monitoring system: read → normalise → link → validate → load."""
