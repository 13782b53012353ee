"""A static site generator for topic timelines."""

__version__ = "0.1.0"
