"""``timeline serve``: the watcher, the debounced rebuild loop, and the in-memory server with reload and error overlay.

The preview serves what the build made; it never changes what a build writes.
"""
