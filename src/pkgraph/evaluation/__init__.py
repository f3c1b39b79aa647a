"""Measuring the system against gold sets in the format of eval/README.md."""
