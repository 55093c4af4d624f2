"""The SQL of each use case: functions that take a connection and plain values."""
